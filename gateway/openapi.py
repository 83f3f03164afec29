"""One OpenAPI document for the whole system: the gateway's own endpoints merged with each
service's public paths, schemas and examples, with security schemes, roles and errors.

Service documents are fetched in the background and cached; a service that is down keeps its
last document, one never seen is left out, and one that comes back is fetched again.
"""

import asyncio
import contextlib
import copy
import logging
import re
from datetime import UTC, datetime
from typing import Any

import httpx

from gateway.roles import ROLE_DESCRIPTIONS, roles_for, service_for

log = logging.getLogger("gateway.openapi")

INTERNAL_PATHS = frozenset({"/healthz", "/readyz", "/metrics", "/openapi.json", "/docs"})
METHODS = ("get", "put", "post", "delete", "patch", "head", "options")
SECURITY: list[dict[str, list[str]]] = [{"ApiKeyHeader": []}, {"BearerAuth": []}]
PROBLEM_REF = {"$ref": "#/components/schemas/Problem"}
PROBLEM_SCHEMA: dict[str, Any] = {
    "title": "Problem",
    "type": "object",
    "description": "RFC 9457 problem details; every error of every service has this shape.",
    "properties": {
        "type": {"type": "string", "examples": ["/problems/forbidden"]},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "detail": {"type": "string"},
        "instance": {"type": "string"},
        "service": {"type": "string", "description": "The service that is down or slow"},
        "errors": {"type": "array", "items": {"type": "object"}},
    },
    "required": ["type", "title", "status", "detail"],
}
GATEWAY_ERRORS = {
    "401": "No API key, or an unknown, revoked or expired one",
    "403": "The key's role may not call this route",
    "429": "Rate limit reached; retry after the Retry-After header's seconds",
    "503": "The service behind this route is unavailable (the problem names it)",
    "504": "The service behind this route did not answer in time (the problem names it)",
}
TAG_DESCRIPTIONS = {
    "parties": "Search the restricted-party and sanctions lists.",
    "lists": "The lists, their versions and what each version changed.",
    "screenings": "Screen a collaboration, visit, vendor or shipment.",
    "cases": "Screening cases: adjudicate matches, decide, read the audit trail.",
    "alerts": "New hits found when a list changes (re-screening).",
    "disclosures": "Versioned disclosure records and certification.",
    "people": "Researchers whose disclosures are kept.",
    "keys": "API keys and their roles (admin).",
    "health": "Liveness and readiness of the gateway and the services behind it.",
}
DESCRIPTION = """
Research-security screening for universities: restricted-party lists, screening cases and
adjudication, disclosures, and re-screening when a list changes — behind one gateway.

**Authentication.** Send your API key in the `X-API-Key` header (or `Authorization: Bearer
<key>`). Keys are issued by an admin, shown once, and can expire or be revoked.

**Roles.** Each operation lists the roles allowed to call it (`x-roles`):

{roles}

**Errors** are `application/problem+json` (RFC 9457). A service that is down answers 503 and
one that is slow 504, naming the service; requests over the size limit get 413; too many
requests get 429 with `Retry-After`. Every response carries `X-Request-ID` (send your own to
trace a call through every service).
"""


def _description() -> str:
    roles = "\n".join(f"- `{role.value}`: {text}" for role, text in ROLE_DESCRIPTIONS.items())
    return DESCRIPTION.format(roles=roles).strip()


def _rewrite_refs(node: Any, renames: dict[str, str]) -> Any:
    if isinstance(node, dict):
        out = {}
        for key, value in node.items():
            if key == "$ref" and isinstance(value, str):
                name = value.rsplit("/", 1)[-1]
                if value.startswith("#/components/schemas/") and name in renames:
                    value = f"#/components/schemas/{renames[name]}"
            out[key] = _rewrite_refs(value, renames)
        return out
    if isinstance(node, list):
        return [_rewrite_refs(item, renames) for item in node]
    return node


def _sample_path(template: str) -> str:
    return re.sub(r"\{[^}/]+\}", "x", template)


def _add_gateway_behaviour(method: str, path: str, operation: dict[str, Any]) -> bool:
    """Add roles, security and the gateway's own errors; False when no role may call it."""
    roles = sorted(role.value for role in roles_for(method.upper(), _sample_path(path)))
    if not roles:
        return False
    operation["x-roles"] = roles
    operation["security"] = SECURITY
    note = "**Roles:** " + ", ".join(f"`{role}`" for role in roles)
    operation["description"] = f"{note}\n\n{operation.get('description', '')}".strip()
    responses = operation.setdefault("responses", {})
    errors = dict(GATEWAY_ERRORS)
    if method in ("post", "put", "patch"):
        errors["400"] = "The request body could not be parsed"
        errors["413"] = "The request body is over the size limit for this route"
    for status, text in errors.items():
        responses.setdefault(status, {"description": text})
    for status, response in responses.items():
        if status[0] in "45":
            response["content"] = {"application/problem+json": {"schema": PROBLEM_REF}}
    return True


def _callable_operations(path: str, item: dict[str, Any]) -> dict[str, Any]:
    return {
        method: operation
        for method, operation in item.items()
        if method not in METHODS or _add_gateway_behaviour(method, path, operation)
    }


def merge_documents(own: dict[str, Any], services: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """``own`` (the gateway's document) plus every service's public paths and schemas.

    Schemas with the same name and different content are renamed ``<Service><Name>`` in the
    later service's document, so no service's schema silently replaces another's.
    """
    merged = copy.deepcopy(own)
    merged["info"] = {
        "title": "Research security screening API",
        "version": own.get("info", {}).get("version", "1.0.0"),
        "description": _description(),
    }
    components = merged.setdefault("components", {})
    schemas = components.setdefault("schemas", {})
    schemas["Problem"] = PROBLEM_SCHEMA
    components["securitySchemes"] = {
        "ApiKeyHeader": {"type": "apiKey", "in": "header", "name": "X-API-Key"},
        "BearerAuth": {"type": "http", "scheme": "bearer", "description": "The same API key"},
    }
    paths: dict[str, Any] = {}
    for path, item in merged.get("paths", {}).items():
        paths[path] = item if path in INTERNAL_PATHS else _callable_operations(path, item)
    for service, document in sorted(services.items()):
        renames = {
            name: f"{service.capitalize()}{name}"
            for name, schema in document.get("components", {}).get("schemas", {}).items()
            if name in schemas and schemas[name] != schema
        }
        document = _rewrite_refs(document, renames)
        for name, schema in document.get("components", {}).get("schemas", {}).items():
            schemas[renames.get(name, name)] = schema
        for path, item in document.get("paths", {}).items():
            if path in INTERNAL_PATHS or service_for(path) != service:
                continue
            operations = _callable_operations(path, item)
            if any(method in METHODS for method in operations):
                paths[path] = operations
    merged["paths"] = paths
    merged["tags"] = _tags(paths)
    return merged


def _tags(paths: dict[str, Any]) -> list[dict[str, str]]:
    used = {
        tag
        for item in paths.values()
        for method, operation in item.items()
        if method in METHODS
        for tag in operation.get("tags", [])
    }
    return [
        {"name": tag, "description": TAG_DESCRIPTIONS.get(tag, tag.capitalize())}
        for tag in sorted(used)
    ]


class OpenApiCatalog:
    """The services' OpenAPI documents, fetched in the background and kept when they go down."""

    def __init__(
        self, clients: dict[str, httpx.AsyncClient], refresh_s: float, retry_s: float
    ) -> None:
        self.clients = clients
        self.refresh_s, self.retry_s = refresh_s, retry_s
        self.documents: dict[str, dict[str, Any]] = {}
        self.fetched_at: dict[str, datetime] = {}
        self.errors: dict[str, str] = {}
        self._wake = asyncio.Event()

    async def fetch(self, service: str) -> None:
        try:
            response = await self.clients[service].get("/openapi.json", timeout=10.0)
            response.raise_for_status()
            document = response.json()
        except (httpx.HTTPError, ValueError) as exc:
            self.errors[service] = f"{type(exc).__name__}: {exc}"
            return
        self.documents[service] = document
        self.fetched_at[service] = datetime.now(UTC)
        self.errors.pop(service, None)

    async def refresh(self) -> None:
        await asyncio.gather(*(self.fetch(service) for service in self.clients))

    def missing(self) -> list[str]:
        return sorted(set(self.clients) - set(self.documents))

    def note_up(self, service: str) -> None:
        """A call to ``service`` succeeded: fetch its document now if we have none."""
        if service not in self.documents or service in self.errors:
            self._wake.set()

    async def run(self) -> None:
        while True:
            await self.refresh()
            self._wake.clear()
            wait = self.retry_s if self.missing() or self.errors else self.refresh_s
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), timeout=wait)

    def status(self) -> dict[str, Any]:
        return {
            service: {
                "status": "fresh"
                if service not in self.errors
                else ("stale" if service in self.documents else "missing"),
                "fetched_at": self.fetched_at[service].isoformat()
                if service in self.fetched_at
                else None,
                "error": self.errors.get(service),
            }
            for service in self.clients
        }

    def merged(self, own: dict[str, Any]) -> dict[str, Any]:
        return merge_documents(own, self.documents)
