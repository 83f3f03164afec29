"""API keys and roles through a real gateway process, keys in a real PostgreSQL database."""

import hashlib
import json
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import psycopg
import pytest

from tests.gateway.conftest import PROBLEM, key_client
from tests.support.processes import REPO


@pytest.fixture(scope="module")
def gateway(start_gateway, small_parties):
    return start_gateway(GATEWAY_PARTIES_URL=small_parties.url).url


@pytest.fixture(scope="module")
def admin(gateway, admin_key):
    with key_client(gateway, admin_key) as client:
        yield client


def create_key(admin: httpx.Client, **body: object) -> dict[str, Any]:
    response = admin.post("/v1/keys", json=body)
    assert response.status_code == 201, response.text
    created: dict[str, Any] = response.json()
    return created


def test_a_new_key_is_shown_once_and_only_its_hash_is_stored(admin, postgres_url):
    created = create_key(admin, name="grants-system", role="requester")
    secret = created["key"]
    assert secret.startswith("rsk_") and len(secret) > 40
    assert created["status"] == "active" and created["created_by"] == "admin"

    shown_again = admin.get(f"/v1/keys/{created['id']}").json()
    assert "key" not in shown_again
    assert all("key" not in item for item in admin.get("/v1/keys").json())

    with psycopg.connect(postgres_url) as conn:
        row = conn.execute(
            "SELECT * FROM gateway_api_key WHERE id = %s", (created["id"],)
        ).fetchone()
    assert row is not None
    assert hashlib.sha256(secret.encode()).hexdigest() in row
    assert not any(isinstance(value, str) and secret in value for value in row)


def test_a_key_works_in_either_header_and_unknown_or_missing_keys_are_refused(gateway, admin):
    secret = create_key(admin, name="procurement-portal", role="procurement")["key"]
    with key_client(gateway, secret) as client:
        assert client.get("/v1/lists").status_code == 200
    bearer = httpx.get(f"{gateway}/v1/lists", headers={"Authorization": f"Bearer {secret}"})
    assert bearer.status_code == 200

    for headers in ({}, {"X-API-Key": "rsk_not-a-key"}, {"Authorization": "Basic abc"}):
        response = httpx.get(f"{gateway}/v1/lists", headers=headers)
        assert response.status_code == 401
        assert response.headers["content-type"] == PROBLEM
        assert "X-API-Key" in response.headers["www-authenticate"]


def test_a_revoked_key_is_refused(gateway, admin):
    created = create_key(admin, name="old-system", role="requester")
    with key_client(gateway, created["key"]) as client:
        assert client.get("/v1/lists").status_code == 200
        revoked = admin.delete(f"/v1/keys/{created['id']}")
        assert revoked.status_code == 200
        assert revoked.json()["status"] == "revoked"
        assert revoked.json()["revoked_by"] == "admin"
        refused = client.get("/v1/lists")
    assert refused.status_code == 401
    assert refused.json()["detail"] == "This API key is revoked."


def test_an_expired_key_is_refused(gateway, admin):
    expires = datetime.now(UTC) + timedelta(seconds=2)
    created = create_key(
        admin, name="visitor-kiosk", role="requester", expires_at=expires.isoformat()
    )
    with key_client(gateway, created["key"]) as client:
        assert client.get("/v1/lists").status_code == 200
        time.sleep(max(0.0, (expires - datetime.now(UTC)).total_seconds()) + 0.5)
        refused = client.get("/v1/lists")
    assert refused.status_code == 401
    assert refused.json()["detail"] == "This API key is expired."
    assert admin.get(f"/v1/keys/{created['id']}").json()["status"] == "expired"


def test_names_the_services_use_for_their_own_work_cannot_be_taken(admin):
    response = admin.post("/v1/keys", json={"name": "System", "role": "requester"})
    assert response.status_code == 422
    assert "reserved" in response.json()["detail"]


def test_person_bound_roles_need_a_person_and_others_refuse_one(admin):
    for body in (
        {"name": "alice@univ.edu", "role": "researcher"},
        {"name": "bob@univ.edu", "role": "delegate"},
        {"name": "grants", "role": "requester", "person_ref": "0000-0002-1825-0097"},
        {"name": "grants", "role": "requester", "expires_at": "2020-01-01T00:00:00Z"},
        {"name": "grants", "role": "superuser"},
    ):
        response = admin.post("/v1/keys", json=body)
        assert response.status_code == 422, body
        assert response.headers["content-type"] == PROBLEM
    bound = create_key(
        admin, name="alice@univ.edu", role="researcher", person_ref="0000-0002-1825-0097"
    )
    assert bound["person_ref"] == "0000-0002-1825-0097"


def test_each_role_is_held_to_its_routes(gateway, admin):
    requester = create_key(admin, name="grants-portal", role="requester")["key"]
    auditor = create_key(admin, name="internal-audit", role="auditor")["key"]
    with key_client(gateway, requester) as client:
        for method, path in (
            ("POST", "/v1/cases/any-case/decisions"),
            ("GET", "/v1/alerts"),
            ("GET", "/v1/keys"),
            ("POST", "/v1/lists/watchlist/versions"),
            ("GET", "/v1/disclosures/any"),
        ):
            response = client.request(method, path, json={})
            assert response.status_code == 403, (method, path, response.text)
            problem = response.json()
            assert response.headers["content-type"] == PROBLEM
            assert "requester" in problem["detail"]
        allowed = client.post("/v1/parties/search", json={"name": "Harbin Institute of Technology"})
        assert allowed.status_code == 200, allowed.text
    with key_client(gateway, auditor) as client:
        assert client.get("/v1/lists").status_code == 200
        assert client.post("/v1/keys", json={"name": "x", "role": "admin"}).status_code == 403
        assert client.post("/v1/cases/c/decisions", json={}).status_code == 403


def test_a_key_cannot_revoke_itself(admin):
    own = next(k for k in admin.get("/v1/keys").json() if k["name"] == "admin")
    response = admin.delete(f"/v1/keys/{own['id']}")
    assert response.status_code == 409
    assert admin.get("/v1/keys").status_code == 200


def test_the_cli_creates_lists_and_revokes_keys(gateway, postgres_url):
    def cli(*args: str) -> str:
        result = subprocess.run(
            [sys.executable, "-m", "gateway.cli", "--database-url", postgres_url, *args],
            cwd=REPO,
            capture_output=True,
            text=True,
            check=False,
            timeout=60,
        )
        assert result.returncode == 0, result.stderr
        return result.stdout

    created = json.loads(cli("create-key", "--name", "reviewer@univ.edu", "--role", "reviewer"))
    secret = created["key"]
    assert created["role"] == "reviewer" and secret.startswith("rsk_")
    with key_client(gateway, secret) as client:
        assert client.get("/v1/lists").status_code == 200
    listed = json.loads(cli("list-keys"))
    assert any(k["name"] == "reviewer@univ.edu" for k in listed)
    assert secret not in json.dumps(listed)
    assert json.loads(cli("revoke-key", str(created["id"])))["status"] == "revoked"
    with key_client(gateway, secret) as client:
        assert client.get("/v1/lists").status_code == 401
