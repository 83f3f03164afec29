"""How services build HTTP clients to each other: pooled, with timeouts, passing the request id."""

import httpx

from common.logging import REQUEST_ID_HEADER, request_id_var


async def _add_request_id(request: httpx.Request) -> None:
    request_id = request_id_var.get()
    if request_id != "-" and REQUEST_ID_HEADER not in request.headers:
        request.headers[REQUEST_ID_HEADER] = request_id


def make_client(
    base_url: str,
    *,
    timeout: float = 10.0,
    connect_timeout: float = 2.0,
    max_connections: int = 50,
    headers: dict[str, str] | None = None,
) -> httpx.AsyncClient:
    return httpx.AsyncClient(
        base_url=base_url,
        timeout=httpx.Timeout(timeout, connect=connect_timeout),
        limits=httpx.Limits(max_connections=max_connections, max_keepalive_connections=20),
        headers=headers,
        event_hooks={"request": [_add_request_id]},
    )
