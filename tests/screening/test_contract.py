"""Schemathesis over the screening service's OpenAPI document, against a live process."""

from tests.support.contract import assert_contract_holds, run_schemathesis


def test_openapi_contract_holds(screening_url):
    result = run_schemathesis(
        screening_url,
        max_examples=12,
        headers={"X-Actor": "contract-test", "X-Actor-Role": "reviewer"},
        timeout_s=600,
    )
    assert_contract_holds(result)
