"""Batches matched in worker processes answer exactly what the service process answers, and
a worker that dies costs no answer."""

import gc
import json
import os
import signal
import time
import weakref
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest

from services.parties.index import Snapshot
from services.parties.matching import MatchIndex
from services.parties.matching.types import IndexEntry, IndexName
from services.parties.workers import MatchWorkers

SOURCES = ["research-security-2026-07", "un"]


def names(lists_dir: Path) -> list[str]:
    """Listed names, and the same names with a word dropped, for a batch of 400."""
    path = lists_dir / "research-security-2026-07" / "bis_entity_list.json"
    listed = [entity["name"] for entity in json.loads(path.read_text())["entities"]][:200]
    return listed + [" ".join(name.split()[1:]) or name for name in listed]


def batch(url: str, queries: list[str]) -> dict:
    body = {"queries": [{"ref": str(i), "name": name} for i, name in enumerate(queries)]}
    response = httpx.post(f"{url}/v1/parties/search/batch", json=body, timeout=300)
    assert response.status_code == 200, response.text
    result: dict = response.json()
    return result


def worker_pids(service_pid: int) -> list[int]:
    """The service's child processes (each thread lists those it forked)."""
    tasks = Path(f"/proc/{service_pid}/task").glob("*/children")
    return [int(pid) for task in tasks for pid in task.read_text().split()]


def status(pid: int) -> str:
    return Path(f"/proc/{pid}/status").read_text()


# One hash seed for both processes: which of two equally scored aliases is reported may
# follow the order of a set of strings.
@pytest.fixture(scope="module")
def with_workers(start_parties):
    return start_parties(SOURCES, PARTIES_MATCH_WORKERS="2", PYTHONHASHSEED="1")


@pytest.fixture(scope="module")
def in_process(start_parties):
    return start_parties(SOURCES, PARTIES_MATCH_WORKERS="0", PYTHONHASHSEED="1")


def test_workers_answer_what_the_service_process_answers(with_workers, in_process, lists_dir):
    queries = names(lists_dir)
    assert len(worker_pids(with_workers.process.pid)) == 2
    assert worker_pids(in_process.process.pid) == []
    forked, local = batch(with_workers.url, queries), batch(in_process.url, queries)
    assert forked["cache"]["misses"] == local["cache"]["misses"] > 300
    assert forked["results"] == local["results"]
    assert sum(1 for r in forked["results"] if any(m["is_match"] for m in r["matches"])) >= 200


def test_a_killed_worker_costs_no_answer(with_workers, lists_dir):
    queries = [f"{name} Ltd" for name in names(lists_dir)]  # not cached yet
    service_pid = with_workers.process.pid
    os.kill(worker_pids(service_pid)[0], signal.SIGKILL)
    first = batch(with_workers.url, queries)
    assert first["cache"]["misses"] > 300
    assert sum(1 for r in first["results"] if r["matches"]) >= 200
    deadline = time.monotonic() + 30
    while len(worker_pids(service_pid)) != 2 and time.monotonic() < deadline:
        time.sleep(0.2)
    alive = [pid for pid in worker_pids(service_pid) if "State:\tZ" not in status(pid)]
    assert len(alive) == 2, [status(pid) for pid in worker_pids(service_pid)]
    again = batch(with_workers.url, [f"{name} LLC" for name in names(lists_dir)])
    assert again["cache"]["misses"] > 300


def snapshot_of(name: str) -> Snapshot:
    entry = IndexEntry(f"t:{name}", "t", "organization", (IndexName(name, "primary"),))
    return Snapshot(MatchIndex.build([entry]), {}, {"t": "t@1"}, name, datetime.now(UTC), 0.0)


def test_each_index_is_frozen_out_of_collections_and_freed_once_replaced():
    workers = MatchWorkers(processes=0)
    try:
        first = snapshot_of("Acme Trading LLC")
        replaced = weakref.ref(first)
        workers.attach(first)
        assert gc.get_freeze_count() > 0  # full collections no longer walk the index
        del first
        workers.attach(snapshot_of("Beta Industries"))
        assert replaced() is None  # frozen objects are never collected: it was thawed first
    finally:
        gc.unfreeze()
