"""The gateway's readiness report: its own database, the rate limiter's backend, and each
service's readiness and list freshness. The gateway stays ready while a service is down (it
answers 503 for that service's routes); the report says ``degraded``."""

import asyncio
from typing import Any

import httpx
from sqlalchemy.engine import Engine
from starlette.concurrency import run_in_threadpool

from common.db import database_reachable
from gateway.openapi import OpenApiCatalog
from gateway.ratelimit import RateLimiter
from gateway.upstream import Upstreams

PROBE_TIMEOUT_S = 3.0
SYSTEM_HEADERS = {"X-Actor": "gateway", "X-Actor-Role": "system"}


async def _service_readiness(client: httpx.AsyncClient) -> dict[str, Any]:
    try:
        response = await client.get("/readyz", timeout=PROBE_TIMEOUT_S)
    except httpx.TimeoutException:
        return {"status": "timeout"}
    except httpx.HTTPError as exc:
        return {"status": "unreachable", "error": type(exc).__name__}
    try:
        report = response.json()
    except ValueError:
        report = {}
    status = "ready" if response.status_code == 200 else "not_ready"
    return {"status": status, **{k: v for k, v in report.items() if k not in ("service", "ready")}}


async def _list_freshness(client: httpx.AsyncClient) -> dict[str, Any] | None:
    try:
        response = await client.get("/v1/lists", headers=SYSTEM_HEADERS, timeout=PROBE_TIMEOUT_S)
        summaries = response.json() if response.status_code == 200 else None
    except (httpx.HTTPError, ValueError):
        return None
    if not isinstance(summaries, list):
        return None
    return {
        item.get("list_id", "?"): {
            "version": (item.get("current_version") or {}).get("label"),
            "loaded_at": (item.get("current_version") or {}).get("loaded_at"),
            "stale": (item.get("freshness") or {}).get("stale"),
            "age_days": (item.get("freshness") or {}).get("age_days"),
        }
        for item in summaries
        if isinstance(item, dict)
    }


async def readiness_report(
    engine: Engine, limiter: RateLimiter, upstreams: Upstreams, catalog: OpenApiCatalog
) -> dict[str, Any]:
    names = list(upstreams.clients)
    database_ok, _, reports, freshness = await asyncio.gather(
        run_in_threadpool(database_reachable, engine),
        limiter.ping(),
        asyncio.gather(*(_service_readiness(upstreams.clients[name]) for name in names)),
        _list_freshness(upstreams.clients["parties"]),
    )
    services = dict(zip(names, reports, strict=True))
    if freshness is not None:
        services["parties"]["list_freshness"] = freshness
    all_ready = all(report["status"] == "ready" for report in services.values())
    degraded = limiter.degraded or not all_ready
    return {
        "ready": database_ok,
        "status": "degraded" if degraded or not database_ok else "ok",
        "database": "ok" if database_ok else "unreachable",
        "rate_limit": limiter.status(),
        "services": services,
        "openapi": catalog.status(),
    }
