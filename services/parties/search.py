"""Searching the lists: query normalization, the Redis cache, and the matching index."""

import hashlib
from dataclasses import dataclass
from typing import Any

import orjson
from starlette.concurrency import run_in_threadpool

from common.cache import JsonCache
from common.errors import ServiceUnavailable, Unprocessable
from common.names import normalize_name
from services.parties.adapters.countries import to_iso2
from services.parties.index import IndexHolder, Snapshot
from services.parties.matches import find_matches, matches_json
from services.parties.matching import DEFAULT_THRESHOLD, Query
from services.parties.schemas import (
    BatchQuery,
    BatchRequest,
    Match,
    NormalizedQuery,
    SearchRequest,
    SearchResponse,
)
from services.parties.workers import MatchWorkers

WORKERS_FROM = 50  # fewer names than this are matched in-process: no hand-over cost


@dataclass(frozen=True)
class BatchOutcome:
    threshold: float
    list_versions: dict[str, str]
    cache: dict[str, Any]
    results: list[tuple[str, str, str]]  # ref, normalized query, matches as JSON text

    def to_json(self) -> bytes:
        """The ``BatchResponse`` document, with each result's matches spliced in as they
        came from the cache or the workers (decoding and re-encoding them would cost more
        than the matching)."""
        return orjson.dumps(
            {
                "threshold": self.threshold,
                "list_versions": self.list_versions,
                "cache": self.cache,
                "results": [
                    {"ref": ref, "query": query, "matches": orjson.Fragment(matches)}
                    for ref, query, matches in self.results
                ],
            }
        )

    def decoded(self) -> list[tuple[str, list[dict[str, Any]]]]:
        """Each result's ref and matches, decoded."""
        return [(ref, orjson.loads(matches)) for ref, _, matches in self.results]


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
    def __init__(self, holder: IndexHolder, cache: JsonCache, workers: MatchWorkers) -> None:
        self.holder = holder
        self.cache = cache
        self.workers = workers

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
        digest = hashlib.sha256(orjson.dumps(fields)).hexdigest()[:32]
        return PreparedQuery(
            query, normalized, self.cache.key("parties", snapshot.fingerprint, digest)
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
                find_matches, snapshot, prepared.query, threshold, request.limit
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

    async def search_batch(self, request: BatchRequest) -> BatchOutcome:
        snapshot = self._snapshot()
        threshold = DEFAULT_THRESHOLD if request.threshold is None else request.threshold
        prepared = [self._prepare(q, snapshot, threshold, request.limit) for q in request.queries]
        unique_keys = list(dict.fromkeys(p.cache_key for p in prepared))
        found = await self.cache.get_raw_many(unique_keys)
        missing = {p.cache_key: p for p in prepared if p.cache_key not in found}
        if missing:
            found.update(
                await self._compute_and_cache(
                    snapshot, list(missing.values()), threshold, request.limit
                )
            )
        return BatchOutcome(
            threshold=threshold,
            list_versions=snapshot.list_versions,
            cache={
                "status": "unavailable" if self.cache.degraded else "ok",
                "hits": len(unique_keys) - len(missing),
                "misses": len(missing),
            },
            results=[
                (q.ref, p.normalized, found[p.cache_key])
                for q, p in zip(request.queries, prepared, strict=True)
            ],
        )

    async def _compute_and_cache(
        self, snapshot: Snapshot, items: list[PreparedQuery], threshold: float, limit: int
    ) -> dict[str, str]:
        """Match JSON by cache key, and cached. A batch worth it goes to the worker
        processes, and each chunk is cached as soon as it is done, while they go on."""
        queries = [p.query for p in items]

        async def cache_chunk(start: int, texts: list[str]) -> None:
            done = items[start : start + len(texts)]
            await self.cache.set_raw_many(
                {p.cache_key: text for p, text in zip(done, texts, strict=True)}
            )

        texts = None
        if len(queries) >= WORKERS_FROM:
            texts = await self.workers.match(snapshot, queries, threshold, limit, cache_chunk)
        if texts is None:  # a small batch, or no workers for this snapshot
            texts = await run_in_threadpool(
                lambda: [matches_json(snapshot, q, threshold, limit) for q in queries]
            )
            await cache_chunk(0, texts)
        return {p.cache_key: text for p, text in zip(items, texts, strict=True)}
