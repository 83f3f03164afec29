"""The party-list service over HTTP: one batch search per screening, and the list versions."""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import httpx

from common.errors import ServiceUnavailable, Unprocessable
from common.http import make_client
from services.screening.facts import NameQuery

MAX_BATCH = 10_000


class PartiesUnavailable(ServiceUnavailable):
    def __init__(self, detail: str) -> None:
        super().__init__(detail, service="parties")


@dataclass(frozen=True)
class BatchOutcome:
    list_versions: dict[str, str]
    matches: dict[str, list[dict[str, Any]]]  # ref → the matches the service returned


class PartiesClient:
    def __init__(self, base_url: str, timeout_s: float) -> None:
        self.base_url = base_url
        self._client = make_client(base_url, timeout=timeout_s)

    async def close(self) -> None:
        await self._client.aclose()

    async def search(
        self, queries: Sequence[NameQuery], lists_by_ref: dict[str, list[str]] | None = None
    ) -> BatchOutcome:
        """Screen every query; ``lists_by_ref`` restricts some refs to some lists. Every chunk of
        a large batch must be answered from the same list versions."""
        versions: dict[str, str] = {}
        matches: dict[str, list[dict[str, Any]]] = {}
        for start in range(0, len(queries), MAX_BATCH):
            chunk = queries[start : start + MAX_BATCH]
            body = {"queries": [_query(q, (lists_by_ref or {}).get(q.ref)) for q in chunk]}
            answer = await self._call("POST", "/v1/parties/search/batch", json=body)
            for list_id, label in answer["list_versions"].items():
                if versions.setdefault(list_id, label) != label:
                    raise PartiesUnavailable(
                        f"The party-list service moved from {versions[list_id]} to {label} "
                        "in the middle of a batch; retry shortly."
                    )
            for result in answer["results"]:
                matches[result["ref"]] = result["matches"]
        return BatchOutcome(versions, matches)

    async def list_labels(self) -> dict[str, str]:
        """list_id → label of its current version."""
        answer = await self._call("GET", "/v1/lists")
        return {item["list_id"]: item["current_version"]["label"] for item in answer}

    async def ping(self) -> bool:
        try:
            response = await self._client.get("/readyz")
        except httpx.HTTPError:
            return False
        return response.status_code == 200

    async def _call(self, method: str, path: str, **kwargs: Any) -> Any:
        try:
            response = await self._client.request(method, path, **kwargs)
        except httpx.TimeoutException as exc:
            raise PartiesUnavailable(
                f"The party-list service at {self.base_url} timed out ({type(exc).__name__})."
            ) from exc
        except httpx.HTTPError as exc:
            raise PartiesUnavailable(
                f"The party-list service at {self.base_url} is unreachable: {exc}"
            ) from exc
        if response.status_code in {400, 413, 422}:
            raise Unprocessable(
                f"The party-list service refused the names to screen: {_detail(response)}"
            )
        if response.status_code != 200:
            raise PartiesUnavailable(
                f"The party-list service answered {response.status_code} to {method} {path}: "
                f"{_detail(response)}"
            )
        return response.json()


def _query(query: NameQuery, lists: list[str] | None) -> dict[str, Any]:
    body: dict[str, Any] = {"ref": query.ref, "name": query.name}
    for key in ("type", "country", "date_of_birth"):
        value = getattr(query, key)
        if value is not None:
            body[key] = value
    if lists is not None:
        body["lists"] = lists
    return body


def _detail(response: httpx.Response) -> str:
    try:
        body = response.json()
    except ValueError:
        return response.text[:200]
    if isinstance(body, dict):
        return str(body.get("detail") or body.get("title") or body)[:300]
    return str(body)[:300]
