"""The screening service: screenings, cases, review, re-screening and alerts."""

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI
from starlette.concurrency import run_in_threadpool

from common.app import install_common
from common.db import database_reachable, make_engine
from common.logging import configure_logging
from common.migrate import upgrade
from services.screening.alerts import WebhookNotifier
from services.screening.casebook import Casebook
from services.screening.casework import Assessor
from services.screening.parties_client import PartiesClient
from services.screening.rescreen import RescreenService
from services.screening.review import ReviewService
from services.screening.routes import alerts, cases, screenings
from services.screening.rulebook import load_rulebook
from services.screening.screening import ScreeningService
from services.screening.settings import ScreeningSettings


def create_app(settings: ScreeningSettings | None = None) -> FastAPI:
    settings = settings or ScreeningSettings()
    rulebook = load_rulebook()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        configure_logging("screening", settings.log_level)
        logging.getLogger("httpx").setLevel(logging.WARNING)
        engine = make_engine(settings.database_url)
        await run_in_threadpool(upgrade, "screening", engine)
        parties = PartiesClient(settings.parties_url, settings.parties_timeout_s)
        assessor = Assessor(rulebook)
        secret = settings.webhook_secret.get_secret_value() if settings.webhook_secret else None
        notifier = WebhookNotifier(
            engine,
            settings.webhook_urls,
            secret,
            max_attempts=settings.webhook_max_attempts,
            backoff_s=settings.webhook_backoff_s,
            timeout_s=settings.webhook_timeout_s,
        )
        app.state.engine, app.state.parties = engine, parties
        app.state.screening = ScreeningService(engine, parties, assessor)
        app.state.review = ReviewService(engine, assessor)
        app.state.casebook = Casebook(engine, assessor)
        app.state.rescreen = RescreenService(engine, parties, assessor, notifier)
        poller = None
        if settings.rescreen_poll_interval_s > 0:
            poller = asyncio.create_task(
                app.state.rescreen.poll_forever(settings.rescreen_poll_interval_s)
            )
        yield
        if poller is not None:
            poller.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await poller
        await notifier.close()
        await parties.close()
        engine.dispose()

    app = FastAPI(
        title="Screening service",
        version="1.0.0",
        summary="Screen collaborations, visitors and vendors against restricted-party lists "
        "and research-security red flags; keep each case through review and decision.",
        lifespan=lifespan,
    )
    app.state.settings = settings

    async def readiness() -> dict[str, Any]:
        database_ok = await run_in_threadpool(database_reachable, app.state.engine)
        parties_ok = await app.state.parties.ping()
        return {
            "ready": database_ok,
            "database": "ok" if database_ok else "unreachable",
            "parties": "ok" if parties_ok else "unavailable",
            "rules_version": rulebook.version,
        }

    install_common(app, "screening", readiness)
    app.include_router(screenings.router)
    app.include_router(cases.router)
    app.include_router(alerts.router)
    return app
