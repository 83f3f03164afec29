"""The in-memory matching snapshot: one immutable index per set of list versions, swapped whole."""

import hashlib
import json
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy.engine import Engine
from sqlmodel import Session

from services.parties.catalog import category_for, list_info
from services.parties.matching import MatchIndex
from services.parties.records import index_entry
from services.parties.repository import PartiesRepository

log = logging.getLogger("parties.index")


@dataclass(frozen=True, slots=True)
class PartySummary:
    """What a search hit shows of the party besides the match itself."""

    party_id: str
    list_id: str
    list_name: str
    sub_list: str
    category: str
    list_version: str
    content_hash: str
    party_type: str
    name: str
    countries: tuple[str, ...]
    programs: tuple[str, ...]
    license_requirement: str | None
    license_policy: str | None
    federal_register: str | None


@dataclass(frozen=True)
class Snapshot:
    index: MatchIndex
    parties: dict[str, PartySummary]
    list_versions: dict[str, str]  # list id → current version label
    fingerprint: str  # changes whenever any list version changes
    built_at: datetime
    build_seconds: float


def _summary(
    pid: str, list_id: str, sub_list: str, label: str, digest: str, data: dict[str, Any]
) -> PartySummary:
    return PartySummary(
        party_id=pid,
        list_id=list_id,
        list_name=list_info(list_id).name,
        sub_list=sub_list,
        category=category_for(list_id, sub_list),
        list_version=label,
        content_hash=digest,
        party_type=data["party_type"],
        name=data["name"],
        countries=tuple(data.get("countries", ())),
        programs=tuple(data.get("programs", ())),
        license_requirement=data.get("license_requirement"),
        license_policy=data.get("license_policy"),
        federal_register=data.get("federal_register"),
    )


def build_snapshot(engine: Engine) -> Snapshot | None:
    """Read every list's current parties and build a new index; None when nothing is loaded."""
    started = time.perf_counter()
    # One snapshot of the database for versions and parties, so labels match the data even
    # while another replica publishes.
    with Session(engine.execution_options(isolation_level="SERIALIZABLE")) as session:
        repo = PartiesRepository(session)
        labels: dict[str, str] = {}
        for version in repo.versions():
            labels[version.list_id] = version.label  # versions come ordered by number
        if not labels:
            return None
        parties: dict[str, PartySummary] = {}
        entries = []
        for revision in repo.current_revisions():
            data = json.loads(revision.data)
            label = labels[revision.list_id]
            parties[revision.party_id] = _summary(
                revision.party_id,
                revision.list_id,
                revision.sub_list,
                label,
                revision.content_hash,
                data,
            )
            entries.append(index_entry(revision.party_id, revision.list_id, data))
    index = MatchIndex.build(entries)
    fingerprint = hashlib.sha256(json.dumps(sorted(labels.values())).encode()).hexdigest()[:16]
    elapsed = time.perf_counter() - started
    log.info(
        "matching index built",
        extra={
            "fields": {"parties": len(parties), "lists": len(labels), "seconds": round(elapsed, 2)}
        },
    )
    return Snapshot(index, parties, labels, fingerprint, datetime.now(UTC), elapsed)


class IndexHolder:
    """Holds the current snapshot; rebuilds replace it in one assignment, searches never wait.
    ``on_new_snapshot`` is called with each new snapshot, in the rebuilding thread."""

    def __init__(self, on_new_snapshot: Callable[[Snapshot | None], None] | None = None) -> None:
        self._on_new_snapshot = on_new_snapshot
        self._snapshot: Snapshot | None = None
        self._rebuild_lock = threading.Lock()
        self.last_error: str | None = None

    @property
    def snapshot(self) -> Snapshot | None:
        return self._snapshot

    def rebuild(self, engine: Engine) -> Snapshot | None:
        with self._rebuild_lock:
            try:
                snapshot = build_snapshot(engine)
            except Exception as exc:
                self.last_error = f"{type(exc).__name__}: {exc}"
                log.exception("index rebuild failed; keeping the previous index")
                raise
            self._snapshot = snapshot
            self.last_error = None
            if self._on_new_snapshot is not None:
                self._on_new_snapshot(snapshot)
            return snapshot
