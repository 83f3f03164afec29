"""Routing through a real gateway: identity and request ids reach the services, failures of a
service become 503/504 problems naming it, bodies over the limit are refused, and one OpenAPI
document describes every service that is up."""

import json
import uuid
from collections.abc import Iterator

import httpx
import pytest

from tests.gateway.conftest import PROBLEM, key_client

WATCHLIST = {
    "list_id": "gw-watchlist",
    "source_file": "institution watch list",
    "extracted": "2026-07-01",
    "count": 1,
    "entities": [
        {
            "name": "Example Dual-Use Photonics Laboratory",
            "aliases": ["EDUPL"],
            "country": "China",
            "address": None,
            "status": None,
            "effective_date": "2026-07-01",
            "federal_register": None,
            "notes": "test entry",
        }
    ],
}


@pytest.fixture(scope="module")
def gateway(start_gateway, small_parties, slow_upstream):
    return start_gateway(
        GATEWAY_PARTIES_URL=small_parties.url,
        GATEWAY_SCREENING_URL=slow_upstream.url,
        GATEWAY_UPSTREAM_TIMEOUT_S="1",
        GATEWAY_MAX_BODY_BYTES=str(8 * 1024),
        GATEWAY_MAX_UPLOAD_BYTES=str(4 * 1024 * 1024),
    )


@pytest.fixture(scope="module")
def admin(gateway, admin_key):
    with key_client(gateway.url, admin_key) as client:
        yield client


@pytest.fixture(scope="module")
def reviewer(gateway, admin):
    created = admin.post("/v1/keys", json={"name": "officer@univ.edu", "role": "reviewer"})
    with key_client(gateway.url, created.json()["key"]) as client:
        yield client


def test_the_request_id_reaches_the_service_and_comes_back(reviewer, small_parties):
    request_id = f"rt-{uuid.uuid4().hex}"
    response = reviewer.post(
        "/v1/parties/search",
        json={"name": "Harbin Institute of Technology"},
        headers={"X-Request-ID": request_id},
    )
    assert response.status_code == 200, response.text
    assert response.headers["x-request-id"] == request_id
    assert request_id in small_parties.log_path.read_text()


def test_the_caller_identity_is_passed_on_and_forged_actor_headers_are_dropped(admin):
    files = [("files", ("watchlist.json", json.dumps(WATCHLIST).encode(), "application/json"))]
    response = admin.post(
        "/v1/lists/gw-watchlist/versions",
        files=files,
        data={"format": "curated-json"},
        headers={"X-Actor": "mallory", "X-Actor-Role": "reviewer"},
    )
    assert response.status_code == 201, response.text
    assert response.json()["version"]["loaded_by"] == "admin"
    summary = admin.get("/v1/lists/gw-watchlist").json()
    assert summary["current_version"]["loaded_by"] == "admin"


def test_a_service_that_is_down_gives_503_naming_it(reviewer):
    response = reviewer.get("/v1/people/someone")
    assert response.status_code == 503
    assert response.headers["content-type"] == PROBLEM
    assert response.json()["service"] == "disclosure"
    assert "disclosure" in response.json()["detail"]


def test_a_slow_service_gives_504_naming_it(reviewer):
    response = reviewer.get("/v1/cases/slow-case", params={"seconds": "5"})
    assert response.status_code == 504
    assert response.headers["content-type"] == PROBLEM
    assert response.json()["service"] == "screening"


def test_bodies_over_the_route_limit_are_refused(reviewer):
    big_name = "x" * (10 * 1024)
    response = reviewer.post("/v1/parties/search", json={"name": big_name})
    assert response.status_code == 413
    assert response.headers["content-type"] == PROBLEM

    def chunks() -> Iterator[bytes]:
        for _ in range(2):
            yield b"y" * 8192

    chunked = reviewer.post(
        "/v1/parties/search", content=chunks(), headers={"Content-Type": "application/json"}
    )
    assert chunked.status_code == 413

    rows = "\n".join(f"r{i},Test Vendor Number {i} Limited" for i in range(250))
    upload = ("ref,name\n" + rows + "\n").encode()
    assert len(upload) > 8 * 1024
    accepted = reviewer.post("/v1/parties/search/csv", files={"file": ("names.csv", upload)})
    assert accepted.status_code == 200, accepted.text
    assert len(accepted.json()["results"]) == 250


def test_unknown_routes_are_problems(reviewer):
    response = reviewer.get("/v1/nothing-here")
    assert response.status_code == 404
    assert response.headers["content-type"] == PROBLEM


def test_one_openapi_document_describes_every_service_that_is_up(gateway):
    document = httpx.get(f"{gateway.url}/openapi.json").json()
    paths = document["paths"]
    assert "/v1/parties/search" in paths and "/v1/lists" in paths
    assert "/v1/keys" in paths and "/v1/keys/{key_id}" in paths
    assert not any(path.startswith(("/v1/people", "/v1/disclosures")) for path in paths)
    schemes = document["components"]["securitySchemes"]
    assert schemes["ApiKeyHeader"]["name"] == "X-API-Key"
    assert schemes["BearerAuth"]["scheme"] == "bearer"
    search = paths["/v1/parties/search"]["post"]
    assert "reviewer" in search["x-roles"] and search["security"]
    assert {"401", "403", "429", "503", "504"} <= set(search["responses"])
    assert paths["/v1/lists/{list_id}/versions"]["post"]["x-roles"] == ["admin"]
    assert "SearchRequest" in document["components"]["schemas"]
    assert {tag["name"] for tag in document["tags"]} >= {"parties", "lists", "keys"}
    assert httpx.get(f"{gateway.url}/docs").status_code == 200


def test_readiness_reports_each_service_and_list_freshness(gateway):
    report = httpx.get(f"{gateway.url}/readyz", timeout=30).json()
    assert report["ready"] is True
    assert report["status"] == "degraded"
    services = report["services"]
    assert services["parties"]["status"] == "ready"
    assert "gw-watchlist" in services["parties"]["list_freshness"]
    assert services["disclosure"]["status"] == "unreachable"


def test_metrics_count_requests_and_upstream_errors(gateway, reviewer):
    reviewer.get("/v1/people/someone")
    text = httpx.get(f"{gateway.url}/metrics").text
    assert (
        'upstream_errors_total{kind="unavailable",service="gateway",upstream="disclosure"}' in text
    )
    assert 'route="/v1/parties/search"' in text
    assert "http_request_duration_seconds_bucket" in text
