"""Prometheus metrics for any of our FastAPI processes: ``install_metrics(app, service)``.

Counts requests and their latency per route template (bounded labels), upstream errors per
downstream service, and, when given, a JSON cache's hits, misses and errors. ``/metrics``
serves them in the Prometheus text format. Each app has its own registry, so several apps
can live in one process (tests). ``common.app.install_common`` mounts it on every process.
"""

import time
from collections.abc import Callable, Iterator
from typing import Any, Protocol

from fastapi import FastAPI
from prometheus_client import CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.core import CounterMetricFamily
from prometheus_client.exposition import CONTENT_TYPE_LATEST
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

ROUTE_LABEL_KEY = "metrics_route"
LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 120.0)


class CacheCounters(Protocol):
    """What ``common.cache.JsonCache`` exposes."""

    hits: int
    misses: int
    errors: int


class Metrics:
    def __init__(self, service: str) -> None:
        self.service = service
        self.registry = CollectorRegistry(auto_describe=True)
        self.requests = Counter(
            "http_requests_total",
            "HTTP requests answered, by route template and status",
            ["service", "method", "route", "status"],
            registry=self.registry,
        )
        self.latency = Histogram(
            "http_request_duration_seconds",
            "Time to answer, by route template",
            ["service", "method", "route"],
            buckets=LATENCY_BUCKETS,
            registry=self.registry,
        )
        self.upstream_errors = Counter(
            "upstream_errors_total",
            "Failed calls to a downstream service, by kind (unavailable, timeout, server_error)",
            ["service", "upstream", "kind"],
            registry=self.registry,
        )
        self.upstream_latency = Histogram(
            "upstream_request_duration_seconds",
            "Time a downstream service took to answer",
            ["service", "upstream"],
            buckets=LATENCY_BUCKETS,
            registry=self.registry,
        )

    def upstream_error(self, upstream: str, kind: str) -> None:
        self.upstream_errors.labels(self.service, upstream, kind).inc()

    def observe_upstream(self, upstream: str, seconds: float) -> None:
        self.upstream_latency.labels(self.service, upstream).observe(seconds)

    def watch_cache(self, name: str, cache: Callable[[], CacheCounters | None]) -> None:
        """Report ``cache()``'s counters (read at scrape time) as ``cache_requests_total``."""
        self.registry.register(_CacheCollector(self.service, name, cache))


class _CacheCollector:
    def __init__(self, service: str, name: str, cache: Callable[[], CacheCounters | None]) -> None:
        self.service, self.name, self.cache = service, name, cache

    def collect(self) -> Iterator[CounterMetricFamily]:
        family = CounterMetricFamily(
            "cache_requests",
            "Cache lookups and failures, by outcome (hit, miss, error)",
            labels=["service", "cache", "outcome"],
        )
        cache = self.cache()
        if cache is not None:
            for outcome, value in (("hit", cache.hits), ("miss", cache.misses)):
                family.add_metric([self.service, self.name, outcome], value)
            family.add_metric([self.service, self.name, "error"], cache.errors)
        yield family

    def describe(self) -> Iterator[CounterMetricFamily]:
        return iter(())


def route_label(scope: Scope) -> str:
    """The route template (``/v1/cases/{case_id}``), never the raw path, to bound the labels."""
    state: dict[str, Any] = scope.get("state") or {}
    if ROUTE_LABEL_KEY in state:
        return str(state[ROUTE_LABEL_KEY])
    route = scope.get("route")
    return str(getattr(route, "path", "unmatched"))


class MetricsMiddleware:
    def __init__(self, app: ASGIApp, metrics: Metrics) -> None:
        self.app = app
        self.metrics = metrics

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"] == "/metrics":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500

        async def send_and_record(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, send_and_record)
        finally:
            method, route = scope["method"], route_label(scope)
            self.metrics.requests.labels(self.metrics.service, method, route, str(status)).inc()
            self.metrics.latency.labels(self.metrics.service, method, route).observe(
                time.perf_counter() - started
            )


def install_metrics(app: FastAPI, service: str) -> Metrics:
    """Count every request and serve ``/metrics``; returns the app's ``Metrics``."""
    metrics = Metrics(service)
    app.state.metrics = metrics
    app.add_middleware(MetricsMiddleware, metrics=metrics)

    async def serve_metrics(_: Request) -> Response:
        return Response(generate_latest(metrics.registry), media_type=CONTENT_TYPE_LATEST)

    app.add_route("/metrics", serve_metrics, include_in_schema=False)
    return metrics
