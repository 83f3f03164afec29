"""A tiny stand-in upstream that answers slowly, to see the gateway give up with a 504.

Run as a real process: ``uvicorn --factory tests.gateway.slow_upstream:create_app``.
Every /v1 path sleeps ``?seconds=`` (default 30) before answering.
"""

import asyncio

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route


async def ready(_: Request) -> JSONResponse:
    return JSONResponse({"ready": True})


async def document(_: Request) -> JSONResponse:
    return JSONResponse(
        {"openapi": "3.1.0", "info": {"title": "slow", "version": "0"}, "paths": {}}
    )


async def slow(request: Request) -> JSONResponse:
    await asyncio.sleep(float(request.query_params.get("seconds", "30")))
    return JSONResponse({"path": request.url.path})


def create_app() -> Starlette:
    return Starlette(
        routes=[
            Route("/healthz", ready),
            Route("/readyz", ready),
            Route("/openapi.json", document),
            Route("/v1/{path:path}", slow, methods=["GET", "POST"]),
        ]
    )
