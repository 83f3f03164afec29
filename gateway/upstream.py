"""Forwarding to the services: pooled clients, timeouts, retries for idempotent calls only,
and failures turned into 503/504 problems that name the service."""

import asyncio
import logging
import time
from dataclasses import dataclass

import httpx
from starlette.responses import Response

from common.errors import PROBLEM_MEDIA_TYPE, GatewayTimeout, ServiceUnavailable
from common.http import make_client
from common.metrics import Metrics
from gateway.keys import Identity
from gateway.settings import GatewaySettings

log = logging.getLogger("gateway.upstream")

IDEMPOTENT = frozenset({"GET", "HEAD", "OPTIONS", "PUT", "DELETE"})
RETRYABLE = (httpx.ConnectError, httpx.RemoteProtocolError, httpx.ReadError)
HOP_BY_HOP = frozenset(
    {
        "connection",
        "keep-alive",
        "proxy-authenticate",
        "proxy-authorization",
        "te",
        "trailer",
        "trailers",
        "transfer-encoding",
        "upgrade",
        "host",
        "content-length",
    }
)
NOT_FORWARDED = HOP_BY_HOP | {
    "x-api-key",
    "authorization",
    "cookie",
    "x-request-id",
    "accept-encoding",
    "x-forwarded-for",
}
NOT_RETURNED = HOP_BY_HOP | {"content-encoding", "x-request-id", "server", "date"}
ACTOR_HEADER_PREFIX = "x-actor"


@dataclass(frozen=True)
class Forward:
    service: str
    method: str
    path: str
    query: str
    headers: list[tuple[str, str]]
    body: bytes
    long_running: bool


def request_headers(incoming: list[tuple[str, str]], caller: Identity) -> list[tuple[str, str]]:
    """The client's headers minus credentials, hop-by-hop and any actor headers it sent,
    plus the caller's identity as the gateway established it."""
    kept = [
        (name, value)
        for name, value in incoming
        if name.lower() not in NOT_FORWARDED and not name.lower().startswith(ACTOR_HEADER_PREFIX)
    ]
    kept += [("X-Actor", caller.name), ("X-Actor-Role", caller.role.value)]
    if caller.person_ref:
        kept.append(("X-Actor-Person", caller.person_ref))
    return kept


class Upstreams:
    """One pooled client per service, made in the app's lifespan."""

    def __init__(self, settings: GatewaySettings, metrics: Metrics) -> None:
        self.urls = settings.service_urls()
        self.clients = {
            name: make_client(
                url,
                timeout=settings.upstream_timeout_s,
                connect_timeout=settings.connect_timeout_s,
                max_connections=100,
            )
            for name, url in self.urls.items()
        }
        self.long_timeout = httpx.Timeout(
            settings.upload_timeout_s, connect=settings.connect_timeout_s
        )
        self.retries = settings.idempotent_retries
        self.metrics = metrics

    async def send(self, forward: Forward) -> Response:
        client = self.clients[forward.service]
        request = client.build_request(
            forward.method,
            forward.path,
            params=httpx.QueryParams(forward.query),
            headers=forward.headers,
            content=forward.body,
            timeout=self.long_timeout if forward.long_running else httpx.USE_CLIENT_DEFAULT,
        )
        attempts = 1 + (self.retries if forward.method in IDEMPOTENT else 0)
        started = time.perf_counter()
        upstream = await self._send_with_retries(client, request, forward.service, attempts)
        self.metrics.observe_upstream(forward.service, time.perf_counter() - started)
        return self._response(forward.service, upstream)

    async def _send_with_retries(
        self, client: httpx.AsyncClient, request: httpx.Request, service: str, attempts: int
    ) -> httpx.Response:
        for attempt in range(attempts):
            try:
                return await client.send(request)
            except httpx.TimeoutException as exc:
                if isinstance(exc, httpx.ConnectTimeout):
                    self.metrics.upstream_error(service, "unavailable")
                    raise _unavailable(service) from exc
                self.metrics.upstream_error(service, "timeout")
                raise GatewayTimeout(
                    f"The {service} service did not answer in time.", service=service
                ) from exc
            except RETRYABLE as exc:
                if attempt + 1 < attempts:
                    await asyncio.sleep(0.1 * 2**attempt)
                    continue
                self.metrics.upstream_error(service, "unavailable")
                log.warning(
                    "upstream unreachable",
                    extra={"fields": {"service": service, "error": repr(exc)}},
                )
                raise _unavailable(service) from exc
            except httpx.HTTPError as exc:
                self.metrics.upstream_error(service, "unavailable")
                raise _unavailable(service) from exc
        raise AssertionError("unreachable: attempts >= 1")

    def _response(self, service: str, upstream: httpx.Response) -> Response:
        media_type = upstream.headers.get("content-type", "")
        if upstream.status_code >= 500:
            self.metrics.upstream_error(service, "server_error")
            if not media_type.startswith(PROBLEM_MEDIA_TYPE):
                raise ServiceUnavailable(
                    f"The {service} service failed ({upstream.status_code}).", service=service
                )
        headers = {
            name: value
            for name, value in upstream.headers.items()
            if name.lower() not in NOT_RETURNED
        }
        return Response(upstream.content, status_code=upstream.status_code, headers=headers)

    async def close(self) -> None:
        await asyncio.gather(*(client.aclose() for client in self.clients.values()))


def _unavailable(service: str) -> ServiceUnavailable:
    error = ServiceUnavailable(f"The {service} service is unavailable.", service=service)
    error.headers["Retry-After"] = "5"
    return error
