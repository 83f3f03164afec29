"""Redis JSON cache that degrades instead of failing: when Redis is down, callers compute."""

import json
from typing import Any

from common.redis_link import REDIS_ERRORS, RedisLink


def _dump(value: Any) -> str:
    return json.dumps(value, separators=(",", ":"))


class JsonCache:
    """Get/set JSON values under a namespace. Redis errors are counted and swallowed."""

    def __init__(
        self,
        url: str,
        namespace: str,
        *,
        ttl_s: int = 24 * 3600,
        socket_timeout_s: float = 0.25,
        retry_after_s: float = 5.0,
    ) -> None:
        self.link = RedisLink(
            url,
            purpose="serving without the cache",
            socket_timeout_s=socket_timeout_s,
            retry_after_s=retry_after_s,
        )
        self._namespace = namespace
        self._ttl_s = ttl_s
        self.hits = 0
        self.misses = 0

    def key(self, *parts: str) -> str:
        return ":".join((self._namespace, *parts))

    @property
    def degraded(self) -> bool:
        return self.link.degraded

    @property
    def errors(self) -> int:
        return self.link.errors

    async def get_json(self, key: str) -> Any | None:
        found = await self.get_many([key])
        return found.get(key)

    async def set_json(self, key: str, value: Any) -> None:
        await self.set_many({key: value})

    async def get_many(self, keys: list[str]) -> dict[str, Any]:
        """The values found for ``keys`` (absent keys are left out)."""
        if self.degraded or not keys:
            return {}
        try:
            raws = await self.link.client.mget(keys)
        except REDIS_ERRORS as exc:
            self.link.failed(exc)
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
            async with self.link.client.pipeline(transaction=False) as pipe:
                for key, value in values.items():
                    pipe.set(key, _dump(value), ex=self._ttl_s)
                await pipe.execute()
        except REDIS_ERRORS as exc:
            self.link.failed(exc)

    async def ping(self) -> bool:
        return await self.link.ping()

    def status(self) -> dict[str, Any]:
        return {
            "status": "degraded" if self.degraded else "ok",
            "hits": self.hits,
            "misses": self.misses,
            "errors": self.errors,
            "last_error": self.link.last_error,
        }

    async def close(self) -> None:
        await self.link.close()
