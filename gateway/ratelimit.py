"""Per-key rate limits: a token bucket in Redis, shared by every gateway replica.

Each key has a bucket of ``burst`` tokens refilled at ``rate`` per second; a request takes one.
The bucket lives in Redis and is updated by one Lua script, so concurrent requests on several
replicas are counted fairly. When Redis is unreachable the gateway keeps serving with the same
bucket kept in this process (per replica, so less strict) and reports it as degraded.
"""

import math
import time
from dataclasses import dataclass
from typing import Any

from common.redis_link import REDIS_ERRORS, RedisLink

TOKEN_BUCKET = """
local now = redis.call('TIME')
local t = tonumber(now[1]) + tonumber(now[2]) / 1000000
local rate = tonumber(ARGV[1])
local burst = tonumber(ARGV[2])
local state = redis.call('HMGET', KEYS[1], 'tokens', 'ts')
local tokens = tonumber(state[1]) or burst
local ts = tonumber(state[2]) or t
tokens = math.min(burst, tokens + math.max(0, t - ts) * rate)
local allowed = 0
local wait = 0
if tokens >= 1 then
  tokens = tokens - 1
  allowed = 1
else
  wait = (1 - tokens) / rate
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'ts', tostring(t))
redis.call('EXPIRE', KEYS[1], math.ceil(burst / rate) + 1)
return {allowed, tostring(wait)}
"""


@dataclass(frozen=True)
class Decision:
    allowed: bool
    retry_after_s: float
    backend: str

    @property
    def retry_after_header(self) -> int:
        return max(1, math.ceil(self.retry_after_s))


class LocalBuckets:
    """The same token bucket, in this process only."""

    def __init__(self, rate: float, burst: int) -> None:
        self.rate, self.burst = rate, burst
        self._buckets: dict[str, tuple[float, float]] = {}

    def take(self, key: str) -> Decision:
        now = time.monotonic()
        tokens, stamp = self._buckets.get(key, (float(self.burst), now))
        tokens = min(float(self.burst), tokens + (now - stamp) * self.rate)
        if tokens >= 1:
            self._buckets[key] = (tokens - 1, now)
            return Decision(True, 0.0, "local")
        self._buckets[key] = (tokens, now)
        return Decision(False, (1 - tokens) / self.rate, "local")


class RateLimiter:
    def __init__(
        self,
        redis_url: str,
        namespace: str,
        *,
        rate: float,
        burst: int,
        retry_after_s: float = 5.0,
        socket_timeout_s: float = 0.25,
    ) -> None:
        self.link = RedisLink(
            redis_url,
            purpose="rate limiting in-process",
            socket_timeout_s=socket_timeout_s,
            retry_after_s=retry_after_s,
        )
        self._script = self.link.client.register_script(TOKEN_BUCKET)
        self._namespace = namespace
        self.rate, self.burst = rate, burst
        self._local = LocalBuckets(rate, burst)
        self.local_decisions = 0

    @property
    def degraded(self) -> bool:
        return self.link.degraded

    async def take(self, key_id: int) -> Decision:
        bucket = f"{self._namespace}:gateway:ratelimit:{key_id}"
        if not self.degraded:
            try:
                allowed, wait = await self._script(keys=[bucket], args=[self.rate, self.burst])
            except REDIS_ERRORS as exc:
                self.link.failed(exc)
            else:
                return Decision(bool(int(allowed)), float(wait), "redis")
        self.local_decisions += 1
        return self._local.take(bucket)

    async def ping(self) -> bool:
        return await self.link.ping()

    def status(self) -> dict[str, Any]:
        return {
            "status": "degraded" if self.degraded else "ok",
            "backend": "local" if self.degraded else "redis",
            "rate_per_s": self.rate,
            "burst": self.burst,
            "local_decisions": self.local_decisions,
            "last_error": self.link.last_error,
        }

    async def close(self) -> None:
        await self.link.close()
