"""Per-key rate limits in Redis (our own redis-server process), and what happens without it."""

import httpx
import pytest

from tests.gateway.conftest import PROBLEM, key_client

BURST = 3


@pytest.fixture
def limited_gateway(start_gateway, own_redis):
    gateway = start_gateway(
        REDIS_URL=own_redis.url,
        GATEWAY_RATE_LIMIT_PER_S="0.2",
        GATEWAY_RATE_LIMIT_BURST=str(BURST),
        GATEWAY_REDIS_RETRY_AFTER_S="0.5",
    )
    return gateway.url


def new_key(gateway: str, admin_key: str, name: str) -> str:
    with key_client(gateway, admin_key) as admin:
        response = admin.post("/v1/keys", json={"name": name, "role": "admin"})
    assert response.status_code == 201, response.text
    return str(response.json()["key"])


def statuses(client: httpx.Client, count: int) -> list[int]:
    return [client.get("/v1/keys").status_code for _ in range(count)]


def test_a_key_over_its_rate_gets_429_with_retry_after_and_others_are_unaffected(
    limited_gateway, admin_key
):
    first = new_key(limited_gateway, admin_key, "busy-system")
    second = new_key(limited_gateway, admin_key, "quiet-system")
    with key_client(limited_gateway, first) as client:
        assert statuses(client, BURST) == [200] * BURST
        refused = client.get("/v1/keys")
    assert refused.status_code == 429
    assert refused.headers["content-type"] == PROBLEM
    assert int(refused.headers["retry-after"]) >= 1
    with key_client(limited_gateway, second) as client:
        assert client.get("/v1/keys").status_code == 200


def test_without_redis_the_gateway_limits_in_process_and_says_so(
    limited_gateway, admin_key, own_redis
):
    key = new_key(limited_gateway, admin_key, "during-outage")
    own_redis.stop()
    with key_client(limited_gateway, key) as client:
        assert statuses(client, BURST) == [200] * BURST
        assert client.get("/v1/keys").status_code == 429
    report = httpx.get(f"{limited_gateway}/readyz", timeout=30)
    assert report.status_code == 200
    assert report.json()["rate_limit"]["status"] == "degraded"
    assert report.json()["rate_limit"]["backend"] == "local"
    assert report.json()["status"] == "degraded"

    own_redis.start()
    report = httpx.get(f"{limited_gateway}/readyz", timeout=30).json()
    assert report["rate_limit"]["status"] == "ok"
    assert report["rate_limit"]["backend"] == "redis"
