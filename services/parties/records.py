"""Parsed parties as stored JSON, their content hash, and their view in the matching index."""

import hashlib
import json
from dataclasses import asdict
from typing import Any

from services.parties.adapters.base import ParsedParty
from services.parties.matching.types import IndexEntry, IndexName


def party_id(list_id: str, source_id: str) -> str:
    return f"{list_id}:{source_id}"


def party_record(party: ParsedParty) -> dict[str, Any]:
    """The party as plain JSON-able data (enums as their values)."""
    record: dict[str, Any] = json.loads(json.dumps(asdict(party), default=str))
    return record


def canonical_json(record: dict[str, Any]) -> str:
    return json.dumps(record, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def content_hash(canonical: str) -> str:
    return hashlib.sha256(canonical.encode()).hexdigest()


def index_entry(pid: str, list_id: str, record: dict[str, Any]) -> IndexEntry:
    names = [IndexName(record["name"], "primary")]
    names.extend(IndexName(alias["name"], alias["kind"]) for alias in record.get("aliases", ()))
    return IndexEntry(
        key=pid,
        list_id=list_id,
        party_type=record["party_type"],
        names=tuple(names),
        countries=tuple(record.get("countries", ())),
        dates_of_birth=tuple(record.get("dates_of_birth", ())),
    )
