"""Schemathesis over the disclosure service's OpenAPI document: no 5xx, responses as documented.

The coverage phase is left out: it enumerates every ISO country and currency code the schema
lists (about 2,000 extra cases, a minute on CI) and its boundary cases are what
test_records_api's bad-input tests already assert. Fuzzing and the stateful phase, which the
enumerated codes make reach certification and the checks, run in full.
"""

from tests.support.contract import assert_contract_holds, run_schemathesis


def test_the_openapi_contract_holds(start_disclosure, research_parties_url, screening_url):
    process = start_disclosure(research_parties_url, screening_url)
    result = run_schemathesis(
        process.url, max_examples=30, extra_args=["--phases", "examples,fuzzing,stateful"]
    )
    assert_contract_holds(result)
