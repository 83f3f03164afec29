"""Who is calling, may they, and how fast: the dependency every /v1 route of the gateway uses."""

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy.engine import Engine
from sqlmodel import Session
from starlette.concurrency import run_in_threadpool

from common.errors import Forbidden, TooManyRequests, Unauthorized
from gateway.keys import Identity, KeyService
from gateway.ratelimit import RateLimiter
from gateway.roles import rule_for

API_KEY_HEADER = "x-api-key"
CHALLENGE = 'ApiKey header="X-API-Key", Bearer'


def presented_key(request: Request) -> str | None:
    key = request.headers.get(API_KEY_HEADER, "").strip()
    if key:
        return key
    scheme, _, credentials = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() == "bearer" and credentials.strip():
        return credentials.strip()
    return None


def _authenticate(engine: Engine, secret: str) -> Identity:
    with Session(engine) as session:
        return KeyService(session).authenticate(secret)


def _challenge(error: Unauthorized) -> Unauthorized:
    error.headers["WWW-Authenticate"] = CHALLENGE
    return error


async def authorized_caller(request: Request) -> Identity:
    """Authenticate the key, take a rate-limit token, then check the route table."""
    method, path = request.method, request.url.path
    rule = rule_for(method, path)
    secret = presented_key(request)
    if secret is None:
        raise _challenge(Unauthorized("Send an API key in X-API-Key or Authorization: Bearer."))
    engine: Engine = request.app.state.engine
    try:
        caller = await run_in_threadpool(_authenticate, engine, secret)
    except Unauthorized as error:
        raise _challenge(error) from None
    limiter: RateLimiter = request.app.state.limiter
    decision = await limiter.take(caller.key_id)
    if not decision.allowed:
        raise TooManyRequests(
            f"Rate limit of {limiter.rate:g} requests/s (burst {limiter.burst}) reached.",
            retry_after=decision.retry_after_header,
        )
    if rule is None or caller.role not in rule.roles:
        allowed = sorted(role.value for role in rule.roles) if rule else []
        raise Forbidden(
            f"The {caller.role.value} role may not {method} {path}.", allowed_roles=allowed
        )
    request.state.caller = caller
    return caller


def get_session(request: Request) -> Iterator[Session]:
    with Session(request.app.state.engine) as session:
        yield session


CallerDep = Annotated[Identity, Depends(authorized_caller)]
SessionDep = Annotated[Session, Depends(get_session)]
