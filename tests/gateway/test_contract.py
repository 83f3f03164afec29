"""Schemathesis over the gateway's merged OpenAPI document, with an admin key: no 5xx, and
every answer matches the document."""

import httpx
import pytest

from tests.support.contract import assert_contract_holds, run_schemathesis


@pytest.fixture(scope="module")
def gateway(start_gateway, small_parties):
    return start_gateway(GATEWAY_PARTIES_URL=small_parties.url).url


def test_the_merged_openapi_contract_holds_with_no_server_errors(gateway, admin_key):
    paths = httpx.get(f"{gateway}/openapi.json").json()["paths"]
    assert "/v1/parties/search" in paths, "the parties document was not merged"
    result = run_schemathesis(gateway, max_examples=5, headers={"X-API-Key": admin_key})
    assert_contract_holds(result)
