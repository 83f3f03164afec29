"""Screening runs as a real process against a real parties process and PostgreSQL."""

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.support.processes import ServiceProcess, free_port


def start_screening(
    parties_url: str, database_url: str, log_dir: Path, **env: str
) -> ServiceProcess:
    process = ServiceProcess(
        "services.screening.app:create_app",
        {
            "SCREENING_DATABASE_URL": database_url,
            "SCREENING_PARTIES_URL": parties_url,
            "SCREENING_RESCREEN_POLL_INTERVAL_S": "0",
            **env,
        },
        log_path=log_dir / "screening.log",
    )
    return process.start(ready_path="/readyz")


@pytest.fixture(scope="module")
def screening_url(
    parties_url: str, postgres_url: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    process = start_screening(parties_url, postgres_url, tmp_path_factory.mktemp("screening"))
    yield process.url
    process.stop()


@pytest.fixture(scope="module")
def client(screening_url: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=screening_url, timeout=120) as http:
        yield http


@pytest.fixture
def closed_port_url() -> str:
    return f"http://127.0.0.1:{free_port()}"
