"""The matching engine's public types: what goes into the index and what a search returns."""

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class IndexName:
    text: str  # the name as the list writes it
    kind: str  # "primary" or an AliasKind value ("aka", "fka", "acronym", "native", "weak", ...)


@dataclass(frozen=True, slots=True)
class IndexEntry:
    """One party as the engine sees it. ``key`` is the party id."""

    key: str
    list_id: str
    party_type: str  # PartyType value
    names: tuple[IndexName, ...]  # primary first
    countries: tuple[str, ...] = ()
    dates_of_birth: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Query:
    name: str
    party_type: str | None = None
    country: str | None = None  # ISO alpha-2
    date_of_birth: str | None = None  # ISO date or year
    list_ids: frozenset[str] | None = None  # None: every list


@dataclass(frozen=True, slots=True)
class Hit:
    key: str
    matched_name: str
    matched_kind: str
    score: float  # 0..1, comparable across lists
    explanation: dict[str, Any] = field(default_factory=dict)
