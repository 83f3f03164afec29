"""Redis JSON cache that degrades instead of failing: when Redis is down, callers compute."""

import json
import logging
import time
from typing import Any

import redis.asyncio as redis
from redis.exceptions import RedisError

log = logging.getLogger("cache")


class JsonCache:
    """Get/set JSON values under a namespace. Errors are logged, counted and swallowed.

    After a failure the cache stays off for ``retry_after_s`` so a dead Redis costs one
    timeout per interval, not one per request.
    """

    def __init__(
        self,
        url: str,
        namespace: str,
        *,
        ttl_s: int = 24 * 3600,
        socket_timeout_s: float = 0.25,
        retry_after_s: float = 5.0,
    ) -> None:
        self._client = redis.Redis.from_url(
            url, socket_timeout=socket_timeout_s, socket_connect_timeout=socket_timeout_s
        )
        self._namespace = namespace
        self._ttl_s = ttl_s
        self._retry_after_s = retry_after_s
        self._down_until = 0.0
        self.last_error: str | None = None
        self.hits = 0
        self.misses = 0
        self.errors = 0

    def key(self, *parts: str) -> str:
        return ":".join((self._namespace, *parts))

    @property
    def degraded(self) -> bool:
        return time.monotonic() < self._down_until

    def _failed(self, exc: Exception) -> None:
        self.errors += 1
        self.last_error = f"{type(exc).__name__}: {exc}"
        self._down_until = time.monotonic() + self._retry_after_s
        log.warning(
            "redis unavailable, serving without cache", extra={"fields": {"error": str(exc)}}
        )

    async def get_json(self, key: str) -> Any | None:
        if self.degraded:
            return None
        try:
            raw = await self._client.get(key)
        except (RedisError, OSError) as exc:
            self._failed(exc)
            return None
        if raw is None:
            self.misses += 1
            return None
        self.hits += 1
        return json.loads(raw)

    async def set_json(self, key: str, value: Any) -> None:
        if self.degraded:
            return
        try:
            await self._client.set(key, json.dumps(value, separators=(",", ":")), ex=self._ttl_s)
        except (RedisError, OSError) as exc:
            self._failed(exc)

    async def get_many(self, keys: list[str]) -> dict[str, Any]:
        """The values found for ``keys`` (absent keys are left out)."""
        if self.degraded or not keys:
            return {}
        try:
            raws = await self._client.mget(keys)
        except (RedisError, OSError) as exc:
            self._failed(exc)
            return {}
        found = {
            key: json.loads(raw) for key, raw in zip(keys, raws, strict=True) if raw is not None
        }
        self.hits += len(found)
        self.misses += len(keys) - len(found)
        return found

    async def set_many(self, values: dict[str, Any]) -> None:
        if self.degraded or not values:
            return
        try:
            async with self._client.pipeline(transaction=False) as pipe:
                for key, value in values.items():
                    pipe.set(key, json.dumps(value, separators=(",", ":")), ex=self._ttl_s)
                await pipe.execute()
        except (RedisError, OSError) as exc:
            self._failed(exc)

    async def ping(self) -> bool:
        """Check Redis now, whatever the back-off; clears the degraded state on success."""
        try:
            await self._client.ping()
        except (RedisError, OSError) as exc:
            self._failed(exc)
            return False
        self._down_until = 0.0
        self.last_error = None
        return True

    def status(self) -> dict[str, Any]:
        return {
            "status": "degraded" if self.degraded else "ok",
            "hits": self.hits,
            "misses": self.misses,
            "errors": self.errors,
            "last_error": self.last_error,
        }

    async def close(self) -> None:
        await self._client.aclose()
