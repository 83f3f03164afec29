"""The party-list service: restricted-party lists, their versions, and name search."""

import asyncio
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI
from sqlalchemy.engine import Engine
from sqlmodel import Session
from starlette.concurrency import run_in_threadpool

from common.app import install_common
from common.cache import JsonCache
from common.db import database_reachable, make_engine
from common.logging import configure_logging
from common.migrate import upgrade
from services.parties.bootstrap import database_is_empty, load_directory
from services.parties.index import IndexHolder
from services.parties.repository import PartiesRepository
from services.parties.routes import lists, parties
from services.parties.search import SearchService
from services.parties.settings import PartiesSettings
from services.parties.workers import MatchWorkers

log = logging.getLogger("parties")
REFRESH_INTERVAL_S = 30.0


def _current_labels(engine: Engine) -> dict[str, str]:
    with Session(engine) as session:
        return {v.list_id: v.label for v in PartiesRepository(session).versions()}


async def _load_and_index(app: FastAPI) -> None:
    """Load the lists on first start, build the index, then follow other replicas' versions."""
    settings: PartiesSettings = app.state.settings
    engine: Engine = app.state.engine
    holder: IndexHolder = app.state.holder
    try:
        lists_dir = settings.lists_dir
        wanted = settings.load_on_start and lists_dir is not None and lists_dir.is_dir()
        if wanted and lists_dir and await run_in_threadpool(database_is_empty, engine):
            count = await run_in_threadpool(
                load_directory,
                engine,
                lists_dir,
                settings.sources,
                max_drop_share=settings.max_drop_share,
            )
            log.info("lists loaded on first start", extra={"fields": {"versions": count}})
        await run_in_threadpool(holder.rebuild, engine)
    except Exception:
        log.exception("loading the lists failed")
    while True:
        await asyncio.sleep(REFRESH_INTERVAL_S)
        try:
            labels = await run_in_threadpool(_current_labels, engine)
            snapshot = holder.snapshot
            if labels and (snapshot is None or labels != snapshot.list_versions):
                await run_in_threadpool(holder.rebuild, engine)
        except Exception:
            log.exception("refreshing the index failed; will retry")


def create_app(settings: PartiesSettings | None = None) -> FastAPI:
    settings = settings or PartiesSettings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        configure_logging("parties", settings.log_level)
        engine = make_engine(settings.database_url)
        await run_in_threadpool(upgrade, "parties", engine)
        cache = JsonCache(settings.redis_url, settings.cache_namespace, ttl_s=settings.cache_ttl_s)
        workers = MatchWorkers(settings.match_workers)
        holder = IndexHolder(on_new_snapshot=workers.attach)
        app.state.engine, app.state.cache, app.state.holder = engine, cache, holder
        app.state.search = SearchService(holder, cache, workers)
        loader = asyncio.create_task(_load_and_index(app))
        yield
        loader.cancel()
        workers.close()
        await cache.close()
        engine.dispose()

    app = FastAPI(
        title="Party-list service",
        version="1.0.0",
        summary="Restricted-party and sanctions lists: ingest, versions, and fuzzy name search.",
        lifespan=lifespan,
    )
    app.state.settings = settings

    async def readiness() -> dict[str, Any]:
        database_ok = await run_in_threadpool(database_reachable, app.state.engine)
        await app.state.cache.ping()
        snapshot = app.state.holder.snapshot
        return {
            "ready": database_ok and snapshot is not None,
            "database": "ok" if database_ok else "unreachable",
            "lists": (
                {
                    "status": "loaded",
                    "versions": snapshot.list_versions,
                    "parties": len(snapshot.parties),
                    "built_at": snapshot.built_at.isoformat(),
                    "last_rebuild_error": app.state.holder.last_error,
                }
                if snapshot
                else {"status": "loading", "error": app.state.holder.last_error}
            ),
            "cache": app.state.cache.status(),
        }

    install_common(app, "parties", readiness)
    app.state.metrics.watch_cache("search", lambda: getattr(app.state, "cache", None))
    app.include_router(parties)
    app.include_router(lists)
    return app
