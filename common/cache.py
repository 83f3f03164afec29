"""Redis JSON cache that degrades instead of failing: when Redis is down, callers compute."""

import json
from typing import Any

from common.redis_link import REDIS_ERRORS, RedisLink

CHUNK = 200  # keys per round trip: a large batch's values would outlast the socket timeout


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
        found = await self.get_raw_many(keys)
        return {key: json.loads(raw) for key, raw in found.items()}

    async def set_many(self, values: dict[str, Any]) -> None:
        await self.set_raw_many({key: _dump(value) for key, value in values.items()})

    async def get_raw_many(self, keys: list[str]) -> dict[str, str]:
        """The JSON texts found for ``keys``, undecoded (absent keys are left out)."""
        if self.degraded or not keys:
            return {}
        raws: list[bytes | str | None] = []
        try:
            for start in range(0, len(keys), CHUNK):
                raws += await self.link.client.mget(keys[start : start + CHUNK])
        except REDIS_ERRORS as exc:
            self.link.failed(exc)
            return {}
        found = {
            key: raw.decode() if isinstance(raw, bytes) else raw
            for key, raw in zip(keys, raws, strict=True)
            if raw is not None
        }
        self.hits += len(found)
        self.misses += len(keys) - len(found)
        return found

    async def set_raw_many(self, texts: dict[str, str]) -> None:
        """Store JSON texts that are already encoded."""
        if self.degraded or not texts:
            return
        items = list(texts.items())
        try:
            for start in range(0, len(items), CHUNK):
                async with self.link.client.pipeline(transaction=False) as pipe:
                    for key, text in items[start : start + CHUNK]:
                        pipe.set(key, text, ex=self._ttl_s)
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
