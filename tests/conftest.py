"""Fixtures shared by every test: real PostgreSQL, real Redis, the real list files."""

import os
import uuid
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from pathlib import Path

import pytest

from tests.support.databases import fresh_postgres_database
from tests.support.processes import ServiceProcess

REPO = Path(__file__).resolve().parents[1]
LISTS_DIR = Path(os.environ.get("LISTS_DIR", REPO.parent / "shared" / "data" / "lists")).resolve()
DATA_DIR = LISTS_DIR.parent


@pytest.fixture(scope="session")
def lists_dir() -> Path:
    if not LISTS_DIR.is_dir():
        pytest.fail(f"real list files not found at {LISTS_DIR}; set LISTS_DIR")
    return LISTS_DIR


@pytest.fixture(scope="session")
def data_dir(lists_dir: Path) -> Path:
    return lists_dir.parent


@pytest.fixture(scope="module")
def postgres_url() -> Iterator[str]:
    """A new, empty PostgreSQL database for the test module; dropped afterwards."""
    with fresh_postgres_database("t") as url:
        yield url


@pytest.fixture(scope="session")
def redis_url() -> str:
    return os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/0")


@pytest.fixture
def cache_namespace() -> str:
    """A Redis key namespace no other test uses."""
    return f"test-{uuid.uuid4().hex[:12]}"


@pytest.fixture(scope="session")
def start_parties(
    tmp_path_factory: pytest.TempPathFactory, lists_dir: Path, redis_url: str
) -> Iterator[Callable[..., ServiceProcess]]:
    """Start a real parties process on its own new PostgreSQL database, loading ``sources``
    (paths relative to the lists dir, e.g. ``["ofac-sdn/2021-07"]``; None or empty: every list).
    It is ready (lists loaded, index built) when returned; stopped at the end of the session."""
    started: list[ServiceProcess] = []
    with ExitStack() as stack:

        def start(sources: list[str] | None = None, **env: str) -> ServiceProcess:
            database_url = stack.enter_context(fresh_postgres_database("parties"))
            log_dir = tmp_path_factory.mktemp("parties")
            process = ServiceProcess(
                "services.parties.app:create_app",
                {
                    "PARTIES_DATABASE_URL": database_url,
                    "LISTS_DIR": str(lists_dir),
                    "PARTIES_SOURCES": ",".join(sources or []),
                    "REDIS_URL": redis_url,
                    "CACHE_NAMESPACE": f"test-{uuid.uuid4().hex[:12]}",
                    **env,
                },
                log_path=log_dir / "parties.log",
            )
            started.append(process.start(ready_path="/readyz", timeout_s=600))
            return process

        yield start
        for process in started:
            process.stop()


@pytest.fixture(scope="session")
def parties_url(start_parties: Callable[..., ServiceProcess]) -> str:
    """A parties process with every real list loaded, shared by the whole test session."""
    return start_parties().url
