"""Turning the engine's hits into the API's match objects, as plain JSON-ready dicts.

Batch workers run this in other processes and send back JSON text, so it builds no
pydantic models; the shape is ``schemas.Match``.
"""

from typing import Any

import orjson

from services.parties.index import Snapshot
from services.parties.matching import REVIEW_FLOOR, Hit, Query


def match_dict(snapshot: Snapshot, hit: Hit, threshold: float) -> dict[str, Any]:
    party = snapshot.parties[hit.key]
    is_match = hit.score >= threshold
    return {
        "party_id": party.party_id,
        "list": party.list_id,
        "list_name": party.list_name,
        "sub_list": party.sub_list,
        "category": party.category,
        "list_version": party.list_version,
        "content_hash": party.content_hash,
        "type": party.party_type,
        "name": party.name,
        "matched_name": hit.matched_name,
        "alias_kind": hit.matched_kind,
        "score": round(hit.score, 4),
        "band": "match" if is_match else "review",
        "is_match": is_match,
        "countries": list(party.countries),
        "programs": list(party.programs),
        "license_requirement": party.license_requirement,
        "license_policy": party.license_policy,
        "federal_register": party.federal_register,
        "explanation": hit.explanation,
    }


def find_matches(
    snapshot: Snapshot, query: Query, threshold: float, limit: int
) -> list[dict[str, Any]]:
    hits = snapshot.index.search(query, limit=limit, floor=min(REVIEW_FLOOR, threshold))
    return [match_dict(snapshot, hit, threshold) for hit in hits]


def matches_json(snapshot: Snapshot, query: Query, threshold: float, limit: int) -> str:
    return orjson.dumps(find_matches(snapshot, query, threshold, limit)).decode()
