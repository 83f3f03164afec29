"""Fixtures shared by every test: real PostgreSQL, real Redis, the real list files."""

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.databases import fresh_postgres_database

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
