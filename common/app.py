"""Pieces every FastAPI process installs: request ids, JSON logs, problem+json, health probes."""

from collections.abc import Awaitable, Callable
from typing import Any

from fastapi import APIRouter, FastAPI
from fastapi.responses import JSONResponse

from common.errors import install_problem_handlers
from common.logging import RequestContextMiddleware
from common.metrics import install_metrics
from common.openapi import install_problem_openapi

ReadinessCheck = Callable[[], Awaitable[dict[str, Any]]]


def install_common(app: FastAPI, service: str, readiness: ReadinessCheck) -> None:
    """Also mounts ``/metrics``. ``readiness`` returns ``{"ready": bool, ...}``; ``/readyz`` is
    503 when not ready."""
    install_problem_handlers(app)
    install_metrics(app, service)
    app.add_middleware(RequestContextMiddleware, service=service)
    router = APIRouter(tags=["health"])

    @router.get("/healthz", summary="Liveness: the process is up")
    async def healthz() -> dict[str, str]:
        return {"status": "ok", "service": service}

    @router.get(
        "/readyz",
        summary="Readiness: dependencies reachable and data loaded",
        responses={503: {"description": "Not ready; the body says which check failed"}},
    )
    async def readyz() -> JSONResponse:
        report = await readiness()
        report["service"] = service
        return JSONResponse(report, status_code=200 if report.get("ready") else 503)

    app.include_router(router)
    install_problem_openapi(app)
