"""A Redis connection that backs off after a failure, for callers that can do without Redis."""

import logging
import time

import redis.asyncio as redis
from redis.exceptions import RedisError

log = logging.getLogger("redis")

REDIS_ERRORS = (RedisError, OSError)


class RedisLink:
    """After a failure the link reports ``degraded`` for ``retry_after_s``, so a dead Redis
    costs one short timeout per interval instead of one per request."""

    def __init__(
        self,
        url: str,
        *,
        purpose: str,
        socket_timeout_s: float = 0.25,
        retry_after_s: float = 5.0,
    ) -> None:
        self.client = redis.Redis.from_url(
            url, socket_timeout=socket_timeout_s, socket_connect_timeout=socket_timeout_s
        )
        self._purpose = purpose
        self._retry_after_s = retry_after_s
        self._down_until = 0.0
        self.last_error: str | None = None
        self.errors = 0

    @property
    def degraded(self) -> bool:
        return time.monotonic() < self._down_until

    def failed(self, exc: Exception) -> None:
        if not self.degraded:
            log.warning(
                "redis unavailable: %s", self._purpose, extra={"fields": {"error": str(exc)}}
            )
        self.errors += 1
        self.last_error = f"{type(exc).__name__}: {exc}"
        self._down_until = time.monotonic() + self._retry_after_s

    async def ping(self) -> bool:
        """Check Redis now, whatever the back-off; clears the degraded state on success."""
        try:
            await self.client.ping()
        except REDIS_ERRORS as exc:
            self.failed(exc)
            return False
        self._down_until = 0.0
        self.last_error = None
        return True

    async def close(self) -> None:
        await self.client.aclose()
