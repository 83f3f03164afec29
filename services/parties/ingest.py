"""Publishing a parsed list as a new list version: diff, shrink guard, revisions."""

import hashlib
import logging
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlmodel import Session

from common.errors import Conflict, Unprocessable
from services.parties.adapters.base import ParsedList
from services.parties.models import ListVersion
from services.parties.records import canonical_json, content_hash, party_id, party_record
from services.parties.repository import PartiesRepository

log = logging.getLogger("parties.ingest")


def files_sha256(files: Mapping[str, bytes]) -> str:
    digest = hashlib.sha256()
    for name in sorted(files):
        digest.update(name.encode())
        digest.update(b"\0")
        digest.update(files[name])
    return digest.hexdigest()


@dataclass(frozen=True)
class IngestResult:
    version: ListVersion
    unchanged: bool  # the same files as the current version: nothing new was published


def publish(
    session: Session,
    parsed: ParsedList,
    *,
    format: str,
    sha256: str,
    loaded_by: str,
    max_drop_share: float,
    force: bool = False,
) -> IngestResult:
    """Write ``parsed`` as the next version of its list, in the caller's transaction.

    Refuses (409) a version whose record count falls by more than ``max_drop_share`` of the
    previous one unless ``force``: feeds have silently lost large parts of a list before.
    """
    if not parsed.parties:
        raise Unprocessable(f"{parsed.source_name}: the file holds no entries; nothing published")
    repo = PartiesRepository(session)
    previous = repo.latest_version(parsed.list_id)
    if previous is not None and previous.sha256 == sha256:
        return IngestResult(previous, unchanged=True)

    current = repo.current_hashes(parsed.list_id)
    incoming: dict[str, tuple[str, str]] = {}
    for party in parsed.parties:
        pid = party_id(parsed.list_id, party.source_id)
        if pid in incoming:
            raise Unprocessable(f"{parsed.source_name}: entry id {party.source_id!r} appears twice")
        canonical = canonical_json(party_record(party))
        incoming[pid] = (content_hash(canonical), canonical)

    removed = [pid for pid in current if pid not in incoming]
    added = [pid for pid in incoming if pid not in current]
    changed = [pid for pid in incoming if pid in current and current[pid][1] != incoming[pid][0]]

    if previous is not None and not force:
        drop = (previous.record_count - len(incoming)) / previous.record_count
        if drop > max_drop_share:
            raise Conflict(
                f"{parsed.list_id}: the new file has {len(incoming)} entries against "
                f"{previous.record_count} in {previous.label} (a {drop:.0%} drop, over the "
                f"{max_drop_share:.0%} allowed); not published. Re-send with force=true if the "
                "list really shrank.",
                previous_count=previous.record_count,
                new_count=len(incoming),
                removed=len(removed),
            )

    number = 1 if previous is None else previous.number + 1
    version = repo.add_version(
        ListVersion(
            list_id=parsed.list_id,
            number=number,
            label=f"{parsed.list_id}@{number}",
            format=format,
            source_name=parsed.source_name[:500],
            sha256=sha256,
            snapshot=parsed.snapshot,
            loaded_at=datetime.now(UTC),
            loaded_by=loaded_by,
            record_count=len(incoming),
            added=len(added),
            changed=len(changed),
            removed=len(removed),
            forced=force,
        )
    )
    assert version.id is not None
    repo.close_revisions([current[pid][0] for pid in (*removed, *changed)], version.id)
    by_id = {party_id(parsed.list_id, p.source_id): p for p in parsed.parties}
    repo.insert_revisions(
        [
            {
                "party_id": pid,
                "list_id": parsed.list_id,
                "sub_list": by_id[pid].sub_list,
                "party_type": by_id[pid].party_type.value,
                "name": by_id[pid].name,
                "content_hash": incoming[pid][0],
                "data": incoming[pid][1],
                "added_in": version.id,
                "ended_in": None,
            }
            for pid in (*added, *changed)
        ]
    )
    log.info(
        "list version published",
        extra={
            "fields": {
                "label": version.label,
                "records": version.record_count,
                "added": version.added,
                "changed": version.changed,
                "removed": version.removed,
            }
        },
    )
    return IngestResult(version, unchanged=False)
