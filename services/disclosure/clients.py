"""Calls to the parties and screening services; either being down is a 503 naming it."""

import builtins
from typing import Any
from urllib.parse import quote

import httpx
from pydantic import BaseModel, ConfigDict, ValidationError

from common.errors import ServiceUnavailable


class ListMatch(BaseModel):
    """The fields of a parties match this service reads (see docs/CONTRACTS.md)."""

    model_config = ConfigDict(extra="ignore")

    party_id: str
    list: str
    list_name: str
    sub_list: str
    category: str
    list_version: str
    name: str
    matched_name: str
    score: float
    band: str
    is_match: bool
    countries: builtins.list[str] = []
    license_requirement: str | None = None
    license_policy: str | None = None
    federal_register: str | None = None


class BatchResult(BaseModel):
    model_config = ConfigDict(extra="ignore")

    ref: str
    matches: list[ListMatch]


class BatchAnswer(BaseModel):
    model_config = ConfigDict(extra="ignore")

    threshold: float
    list_versions: dict[str, str]
    results: list[BatchResult]


class ScreenedOrganisation(BaseModel):
    model_config = ConfigDict(extra="ignore")

    name: str
    role: str | None = None
    case_id: str | None = None
    screened_at: str | None = None


class ScreeningAnswer(BaseModel):
    model_config = ConfigDict(extra="ignore")

    person_ref: str
    organisations: list[ScreenedOrganisation]


def _unavailable(service: str, why: str) -> ServiceUnavailable:
    return ServiceUnavailable(f"The {service} service is unavailable: {why}", service=service)


def _describe(response: httpx.Response) -> str:
    try:
        body: Any = response.json()
    except ValueError:
        body = None
    detail = body.get("detail") if isinstance(body, dict) else None
    return f"it answered {response.status_code}" + (f" ({detail})" if detail else "")


class PartiesClient:
    def __init__(self, http: httpx.AsyncClient) -> None:
        self.http = http

    async def search_batch(self, queries: list[dict[str, Any]]) -> BatchAnswer:
        try:
            response = await self.http.post("/v1/parties/search/batch", json={"queries": queries})
        except httpx.HTTPError as exc:
            raise _unavailable(
                "parties", f"{type(exc).__name__} calling {self.http.base_url}"
            ) from exc
        if response.status_code != 200:
            raise _unavailable("parties", _describe(response))
        try:
            return BatchAnswer.model_validate_json(response.content)
        except ValidationError as exc:
            raise _unavailable("parties", "its answer did not follow the contract") from exc


class ScreeningClient:
    def __init__(self, http: httpx.AsyncClient) -> None:
        self.http = http

    async def organisations(self, person_ref: str) -> list[ScreenedOrganisation]:
        """What screening found for the person; none when screening has never seen them."""
        path = f"/v1/cases/people/{quote(person_ref, safe='')}/organisations"
        try:
            response = await self.http.get(path)
        except httpx.HTTPError as exc:
            raise _unavailable(
                "screening", f"{type(exc).__name__} calling {self.http.base_url}"
            ) from exc
        if response.status_code == 404:
            return []
        if response.status_code != 200:
            raise _unavailable("screening", _describe(response))
        try:
            return ScreeningAnswer.model_validate_json(response.content).organisations
        except ValidationError as exc:
            raise _unavailable("screening", "its answer did not follow the contract") from exc
