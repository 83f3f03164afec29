"""Searching the lists: query normalization, the Redis cache, and the matching index."""

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from starlette.concurrency import run_in_threadpool

from common.cache import JsonCache
from common.errors import ServiceUnavailable, Unprocessable
from common.names import normalize_name
from services.parties.adapters.countries import to_iso2
from services.parties.index import IndexHolder, Snapshot
from services.parties.matching import DEFAULT_THRESHOLD, REVIEW_FLOOR, Hit, Query
from services.parties.schemas import (
    BatchQuery,
    BatchRequest,
    BatchResponse,
    BatchResult,
    Match,
    NormalizedQuery,
    SearchRequest,
    SearchResponse,
)


@dataclass(frozen=True)
class PreparedQuery:
    query: Query
    normalized: str
    cache_key: str


def _country(value: str | None) -> str | None:
    if value is None or not value.strip():
        return None
    return to_iso2(value) or value.strip().upper()


class SearchService:
    def __init__(self, holder: IndexHolder, cache: JsonCache) -> None:
        self.holder = holder
        self.cache = cache

    def _snapshot(self) -> Snapshot:
        snapshot = self.holder.snapshot
        if snapshot is None:
            raise ServiceUnavailable(
                "The lists are still loading; try again shortly.", retry_after=5
            )
        return snapshot

    def _prepare(
        self, item: BatchQuery | SearchRequest, snapshot: Snapshot, threshold: float, limit: int
    ) -> PreparedQuery:
        if item.lists:
            unknown = sorted(set(item.lists) - snapshot.list_versions.keys())
            if unknown:
                raise Unprocessable(
                    f"Unknown list id(s): {', '.join(unknown)}. "
                    f"Known: {', '.join(sorted(snapshot.list_versions))}."
                )
        query = Query(
            name=item.name,
            party_type=item.type,
            country=_country(item.country),
            date_of_birth=item.date_of_birth,
            list_ids=frozenset(item.lists) if item.lists else None,
        )
        normalized = normalize_name(item.name)
        fields = [
            normalized,
            query.party_type,
            query.country,
            query.date_of_birth,
            sorted(query.list_ids or ()),
            threshold,
            limit,
        ]
        digest = hashlib.sha256(json.dumps(fields).encode()).hexdigest()[:32]
        return PreparedQuery(
            query, normalized, self.cache.key("parties", snapshot.fingerprint, digest)
        )

    def _matches(
        self, snapshot: Snapshot, query: Query, threshold: float, limit: int
    ) -> list[dict[str, Any]]:
        hits = snapshot.index.search(query, limit=limit, floor=min(REVIEW_FLOOR, threshold))
        return [self._match(snapshot, hit, threshold).model_dump() for hit in hits]

    @staticmethod
    def _match(snapshot: Snapshot, hit: Hit, threshold: float) -> Match:
        party = snapshot.parties[hit.key]
        is_match = hit.score >= threshold
        return Match(
            party_id=party.party_id,
            list=party.list_id,
            list_name=party.list_name,
            sub_list=party.sub_list,
            category=party.category,
            list_version=party.list_version,
            content_hash=party.content_hash,
            type=party.party_type,
            name=party.name,
            matched_name=hit.matched_name,
            alias_kind=hit.matched_kind,
            score=round(hit.score, 4),
            band="match" if is_match else "review",
            is_match=is_match,
            countries=list(party.countries),
            programs=list(party.programs),
            license_requirement=party.license_requirement,
            license_policy=party.license_policy,
            federal_register=party.federal_register,
            explanation=hit.explanation,
        )

    async def search(self, request: SearchRequest) -> SearchResponse:
        snapshot = self._snapshot()
        threshold = DEFAULT_THRESHOLD if request.threshold is None else request.threshold
        prepared = self._prepare(request, snapshot, threshold, request.limit)
        cached = await self.cache.get_json(prepared.cache_key)
        if cached is not None:
            matches, cache_state = cached, "hit"
        else:
            cache_state = "unavailable" if self.cache.degraded else "miss"
            matches = await run_in_threadpool(
                self._matches, snapshot, prepared.query, threshold, request.limit
            )
            await self.cache.set_json(prepared.cache_key, matches)
        return SearchResponse(
            query=NormalizedQuery(
                name=request.name,
                normalized=prepared.normalized,
                type=request.type,
                country=prepared.query.country,
                date_of_birth=request.date_of_birth,
                lists=request.lists,
            ),
            threshold=threshold,
            list_versions=snapshot.list_versions,
            cache=cache_state,
            matches=[Match.model_validate(m) for m in matches],
        )

    async def search_batch(self, request: BatchRequest) -> BatchResponse:
        snapshot = self._snapshot()
        threshold = DEFAULT_THRESHOLD if request.threshold is None else request.threshold
        prepared = [self._prepare(q, snapshot, threshold, request.limit) for q in request.queries]
        unique_keys = list(dict.fromkeys(p.cache_key for p in prepared))
        found = await self.cache.get_many(unique_keys)
        missing = {p.cache_key: p for p in prepared if p.cache_key not in found}
        if missing:
            computed = await run_in_threadpool(
                self._compute_many, snapshot, list(missing.values()), threshold, request.limit
            )
            await self.cache.set_many(computed)
            found.update(computed)
        results = [
            BatchResult(
                ref=q.ref,
                query=p.normalized,
                matches=[Match.model_validate(m) for m in found[p.cache_key]],
            )
            for q, p in zip(request.queries, prepared, strict=True)
        ]
        return BatchResponse(
            threshold=threshold,
            list_versions=snapshot.list_versions,
            cache={
                "status": "unavailable" if self.cache.degraded else "ok",
                "hits": len(unique_keys) - len(missing),
                "misses": len(missing),
            },
            results=results,
        )

    def _compute_many(
        self, snapshot: Snapshot, items: Sequence[PreparedQuery], threshold: float, limit: int
    ) -> dict[str, list[dict[str, Any]]]:
        return {p.cache_key: self._matches(snapshot, p.query, threshold, limit) for p in items}
