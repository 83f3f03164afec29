"""The disclosure service: versioned NSPM-33 disclosures, certification, and their checks."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI
from starlette.concurrency import run_in_threadpool

from common.app import install_common
from common.db import database_reachable, make_engine
from common.http import make_client
from common.logging import configure_logging
from common.migrate import upgrade
from services.disclosure.clients import PartiesClient, ScreeningClient
from services.disclosure.routes import disclosures, people
from services.disclosure.settings import DisclosureSettings


def create_app(settings: DisclosureSettings | None = None) -> FastAPI:
    settings = settings or DisclosureSettings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        configure_logging("disclosure", settings.log_level)
        engine = make_engine(settings.database_url)
        await run_in_threadpool(upgrade, "disclosure", engine)
        parties_http = make_client(
            settings.parties_url,
            timeout=settings.parties_timeout_s,
            connect_timeout=settings.connect_timeout_s,
        )
        screening_http = make_client(
            settings.screening_url,
            timeout=settings.screening_timeout_s,
            connect_timeout=settings.connect_timeout_s,
        )
        app.state.engine = engine
        app.state.parties = PartiesClient(parties_http)
        app.state.screening = ScreeningClient(screening_http)
        yield
        await parties_http.aclose()
        await screening_http.aclose()
        engine.dispose()

    app = FastAPI(
        title="Disclosure service",
        version="1.0.0",
        summary="Researchers' NSPM-33 disclosures: versioned, certified, and checked against "
        "the restricted-party lists and what screening found.",
        lifespan=lifespan,
    )
    app.state.settings = settings

    async def readiness() -> dict[str, Any]:
        database_ok = await run_in_threadpool(database_reachable, app.state.engine)
        return {"ready": database_ok, "database": "ok" if database_ok else "unreachable"}

    install_common(app, "disclosure", readiness)
    app.include_router(people)
    app.include_router(disclosures)
    return app
