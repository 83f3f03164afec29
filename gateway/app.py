"""The gateway: one front door for every service, with API keys, roles and rate limits."""

import asyncio
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi
from sqlalchemy.engine import Engine
from sqlmodel import Session
from starlette.concurrency import run_in_threadpool

from common.app import install_common
from common.db import make_engine
from common.logging import configure_logging
from common.migrate import upgrade
from gateway.health import readiness_report
from gateway.keys import KeyService
from gateway.limits import BodyLimitMiddleware
from gateway.openapi import OpenApiCatalog
from gateway.proxy import proxy
from gateway.ratelimit import RateLimiter
from gateway.roles import rule_for
from gateway.routes import keys
from gateway.settings import GatewaySettings
from gateway.upstream import Upstreams

log = logging.getLogger("gateway")


def _seed_admin(engine: Engine, secret: str) -> bool:
    with Session(engine) as session:
        created = KeyService(session).seed_admin(secret)
        session.commit()
    return created


def create_app(settings: GatewaySettings | None = None) -> FastAPI:
    settings = settings or GatewaySettings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        configure_logging("gateway", settings.log_level)
        engine = make_engine(settings.database_url)
        await run_in_threadpool(upgrade, "gateway", engine)
        if settings.admin_key is not None:
            secret = settings.admin_key.get_secret_value()
            if await run_in_threadpool(_seed_admin, engine, secret):
                log.info("admin key from GATEWAY_ADMIN_KEY stored (hashed)")
        limiter = RateLimiter(
            settings.redis_url,
            settings.cache_namespace,
            rate=settings.rate_limit_per_s,
            burst=settings.rate_limit_burst,
            retry_after_s=settings.redis_retry_after_s,
        )
        upstreams = Upstreams(settings, app.state.metrics)
        catalog = OpenApiCatalog(
            upstreams.clients, settings.openapi_refresh_s, settings.openapi_retry_s
        )
        app.state.engine, app.state.limiter = engine, limiter
        app.state.upstreams, app.state.catalog = upstreams, catalog
        refresher = asyncio.create_task(catalog.run())
        yield
        refresher.cancel()
        await upstreams.close()
        await limiter.close()
        engine.dispose()

    app = FastAPI(
        title="Research security screening API",
        version="1.0.0",
        summary="The gateway to the party-list, screening and disclosure services.",
        lifespan=lifespan,
    )
    app.state.settings = settings

    def body_limit(method: str, path: str) -> int:
        rule = rule_for(method, path)
        return settings.max_upload_bytes if rule and rule.large_body else settings.max_body_bytes

    app.add_middleware(BodyLimitMiddleware, limit_for=body_limit)

    async def readiness() -> dict[str, Any]:
        state = app.state
        return await readiness_report(state.engine, state.limiter, state.upstreams, state.catalog)

    install_common(app, "gateway", readiness)
    app.include_router(keys)
    app.include_router(proxy)

    def merged_openapi() -> dict[str, Any]:
        own = get_openapi(
            title=app.title, version=app.version, summary=app.summary, routes=app.routes
        )
        catalog: OpenApiCatalog | None = getattr(app.state, "catalog", None)
        return catalog.merged(own) if catalog else own

    app.openapi = merged_openapi  # type: ignore[method-assign]
    return app
