"""Refuse request bodies over the route's size limit (413) before anything else reads them."""

from collections.abc import Callable

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from common.errors import problem_response

LimitFor = Callable[[str, str], int]


def _too_large(limit: int, path: str) -> ASGIApp:
    return problem_response(
        413,
        "Payload Too Large",
        f"The request body is over this route's limit of {limit} bytes.",
        slug="payload-too-large",
        instance=path,
        limit_bytes=limit,
    )


class BodyLimitMiddleware:
    """Reads the whole body first (the gateway forwards it whole anyway), counting as it goes.

    A declared ``Content-Length`` over the limit is refused at once; a chunked body is refused
    as soon as it passes the limit. The app then receives the buffered body.
    """

    def __init__(self, app: ASGIApp, limit_for: LimitFor) -> None:
        self.app = app
        self.limit_for = limit_for

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.limit_for(scope["method"], scope["path"])
        for key, value in scope.get("headers", []):
            if key == b"content-length" and value.isdigit() and int(value) > limit:
                await _too_large(limit, scope["path"])(scope, receive, send)
                return
        chunks: list[bytes] = []
        size = 0
        more = True
        while more:
            message = await receive()
            if message["type"] != "http.request":
                break
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > limit:
                await _too_large(limit, scope["path"])(scope, receive, send)
                return
            chunks.append(chunk)
            more = message.get("more_body", False)
        body = b"".join(chunks)
        delivered = False

        async def replay() -> Message:
            nonlocal delivered
            if not delivered:
                delivered = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)
