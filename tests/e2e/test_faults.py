"""Faults through the gateway, on the whole system as real processes: a service killed
mid-run gives 503s naming it, then recovers with nothing lost; Redis (our own redis-server,
not the machine's) stopped and restarted degrades nothing but the rate limiter and cache;
PostgreSQL stopped gives 503s, and once it is back everything accepted is there."""

import subprocess
import time
from contextlib import ExitStack
from pathlib import Path

import httpx
import pytest

from tests.e2e.system import System, start_system
from tests.gateway.conftest import RedisServer

PROBLEM = "application/problem+json"
COLLABORATION = {
    "kind": "collaboration",
    "sponsor": "NSF",
    "topic": "open climate data",
    "parties": [{"role": "institution", "name": "Sichuan University", "type": "organization"}],
}


@pytest.fixture(scope="module")
def redis_server(tmp_path_factory):
    server = RedisServer(tmp_path_factory.mktemp("redis") / "redis.log").start()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def system(start_parties, redis_server, tmp_path_factory):
    parties = start_parties(["research-security-2026-07"])
    with ExitStack() as stack:
        yield start_system(stack, tmp_path_factory.mktemp("faults"), parties, redis_server.url)


@pytest.fixture(scope="module")
def as_role(system: System):
    clients = {role: system.client(key) for role, key in system.issue_keys().items()}
    yield clients
    for client in clients.values():
        client.close()


def screen(client: httpx.Client) -> str:
    response = client.post("/v1/screenings", json=COLLABORATION)
    assert response.status_code == 201, response.text
    return str(response.json()["case_id"])


def test_a_killed_service_gives_503s_naming_it_then_recovers_with_nothing_lost(system, as_role):
    requester, reviewer = as_role["requester"], as_role["reviewer"]
    before = screen(requester)

    system.screening.stop()
    for response in (
        requester.post("/v1/screenings", json=COLLABORATION),
        requester.get(f"/v1/cases/{before}"),
    ):
        assert response.status_code == 503
        assert response.headers["content-type"] == PROBLEM
        assert response.json()["service"] == "screening"
    assert requester.get("/v1/lists").status_code == 200
    report = httpx.get(f"{system.gateway.url}/readyz", timeout=30).json()
    assert report["ready"] is True and report["status"] == "degraded"
    assert report["services"]["screening"]["status"] == "unreachable"

    system.screening.start(ready_path="/healthz", timeout_s=120)
    assert requester.get(f"/v1/cases/{before}").json()["case_id"] == before
    after = screen(requester)
    listed = {case["case_id"] for case in reviewer.get("/v1/cases").json()["items"]}
    assert {before, after} <= listed
    report = httpx.get(f"{system.gateway.url}/readyz", timeout=30).json()
    assert report["services"]["screening"]["status"] == "ready"


def test_redis_stopped_and_restarted_loses_nothing(system, as_role, redis_server):
    requester, reviewer = as_role["requester"], as_role["reviewer"]
    before = screen(requester)

    redis_server.stop()
    during = screen(requester)
    searched = requester.post("/v1/parties/search", json={"name": "Harbin Institute of Technology"})
    assert searched.status_code == 200
    report = httpx.get(f"{system.gateway.url}/readyz", timeout=30)
    assert report.status_code == 200
    assert report.json()["rate_limit"]["backend"] == "local"
    assert report.json()["status"] == "degraded"

    redis_server.start()
    after = screen(requester)
    report = httpx.get(f"{system.gateway.url}/readyz", timeout=30).json()
    assert report["rate_limit"]["backend"] == "redis"
    listed = {case["case_id"] for case in reviewer.get("/v1/cases").json()["items"]}
    assert {before, during, after} <= listed


def postgres(action: str) -> None:
    """Stop or start the machine's PostgreSQL cluster (the one every test database lives on)."""
    version = sorted(Path("/etc/postgresql").iterdir())[0].name
    subprocess.run(
        ["pg_ctlcluster", "--skip-systemctl-redirect", version, "main", action],
        check=True,
        capture_output=True,
        timeout=120,
    )
    if action == "start":
        for _ in range(120):
            ready = subprocess.run(["pg_isready", "-q", "-h", "127.0.0.1"], check=False)
            if ready.returncode == 0:
                return
            time.sleep(0.5)
        raise RuntimeError("PostgreSQL did not come back")


def test_postgresql_restarted_gives_503s_then_recovers_with_nothing_lost(system, as_role):
    requester, reviewer = as_role["requester"], as_role["reviewer"]
    before = screen(requester)

    postgres("stop")
    try:
        refused = requester.post("/v1/screenings", json=COLLABORATION)
        assert refused.status_code == 503, refused.text
        assert refused.headers["content-type"] == PROBLEM
    finally:
        postgres("start")

    after = screen(requester)
    listed = {case["case_id"] for case in reviewer.get("/v1/cases").json()["items"]}
    assert {before, after} <= listed
    assert requester.get(f"/v1/cases/{before}").status_code == 200
