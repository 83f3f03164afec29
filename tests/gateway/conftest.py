"""Gateway processes on loopback ports, in front of real services, a slow stand-in upstream,
and a throw-away redis-server of our own."""

import secrets
import shutil
import subprocess
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest

from tests.support.processes import ServiceProcess, free_port

PROBLEM = "application/problem+json"
StartGateway = Callable[..., ServiceProcess]


def dead_url() -> str:
    """A loopback URL where nothing listens."""
    return f"http://127.0.0.1:{free_port()}"


def key_client(url: str, key: str | None, **headers: str) -> httpx.Client:
    if key is not None:
        headers["X-API-Key"] = key
    return httpx.Client(base_url=url, headers=headers, timeout=60)


@pytest.fixture(scope="module")
def admin_key() -> str:
    return "rsk_" + secrets.token_urlsafe(32)


@pytest.fixture(scope="module")
def start_gateway(
    tmp_path_factory: pytest.TempPathFactory, postgres_url: str, redis_url: str, admin_key: str
) -> Iterator[StartGateway]:
    """Start gateway processes sharing the module's PostgreSQL database; ``env`` overrides
    (by default every service URL is dead and the rate limit is out of the way)."""
    started: list[ServiceProcess] = []

    def start(**env: str) -> ServiceProcess:
        base = {
            "GATEWAY_DATABASE_URL": postgres_url,
            "GATEWAY_ADMIN_KEY": admin_key,
            "GATEWAY_PARTIES_URL": dead_url(),
            "GATEWAY_SCREENING_URL": dead_url(),
            "GATEWAY_DISCLOSURE_URL": dead_url(),
            "GATEWAY_RATE_LIMIT_PER_S": "1000",
            "GATEWAY_RATE_LIMIT_BURST": "1000",
            "GATEWAY_OPENAPI_RETRY_S": "0.5",
            "REDIS_URL": redis_url,
            "CACHE_NAMESPACE": f"test-{uuid.uuid4().hex[:12]}",
        }
        log_path = tmp_path_factory.mktemp("gateway") / "gateway.log"
        process = ServiceProcess("gateway.app:create_app", {**base, **env}, log_path=log_path)
        started.append(process.start(ready_path="/readyz", timeout_s=60))
        return process

    yield start
    for process in started:
        process.stop()


@pytest.fixture(scope="session")
def small_parties(start_parties: Callable[..., ServiceProcess]) -> ServiceProcess:
    """A real parties process with the research-security lists only (quick to load)."""
    return start_parties(["research-security-2026-07"])


@pytest.fixture(scope="module")
def slow_upstream(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServiceProcess]:
    log_path = tmp_path_factory.mktemp("slow") / "slow.log"
    process = ServiceProcess("tests.gateway.slow_upstream:create_app", {}, log_path=log_path)
    yield process.start()
    process.stop()


class RedisServer:
    """Our own redis-server on a free port (never the machine's shared one)."""

    def __init__(self, log_path: Path) -> None:
        self.port = free_port()
        self.log_path = log_path
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> "RedisServer":
        server = shutil.which("redis-server")
        if server is None:
            pytest.fail("redis-server is not installed")
        command = [server, "--port", str(self.port), "--bind", "127.0.0.1", "--save", ""]
        self.process = subprocess.Popen(
            [*command, "--appendonly", "no"],
            stdout=self.log_path.open("ab"),
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            ping = subprocess.run(
                ["redis-cli", "-p", str(self.port), "ping"], capture_output=True, check=False
            )
            if ping.stdout.strip() == b"PONG":
                return self
            time.sleep(0.05)
        raise RuntimeError(f"redis-server on {self.port} did not start")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.kill()
            self.process.wait()


@pytest.fixture
def own_redis(tmp_path: Path) -> Iterator[RedisServer]:
    server = RedisServer(tmp_path / "redis.log").start()
    yield server
    server.stop()
