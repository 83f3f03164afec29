"""Request and response models of the party-list API."""

import builtins
import re
from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from common.names import normalize_name

MAX_BATCH = 10_000
PartyTypeName = Literal["person", "organization", "vessel", "aircraft"]
Band = Literal["match", "review"]
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


class QueryFields(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: Annotated[
        str, Field(min_length=1, max_length=500, examples=["Harbin Institute of Technology"])
    ]
    type: PartyTypeName | None = Field(
        default=None, description="Raises or lowers scores; never hides an exact name."
    )
    country: Annotated[str | None, Field(default=None, max_length=60, examples=["CN"])] = None
    date_of_birth: Annotated[
        str | None,
        Field(default=None, description="YYYY, YYYY-MM or YYYY-MM-DD", examples=["1952-10-07"]),
    ] = None
    lists: Annotated[
        list[Annotated[str, Field(min_length=1, max_length=80)]] | None,
        Field(default=None, max_length=50, description="Only these list ids; default every list."),
    ] = None

    @field_validator("name")
    @classmethod
    def _has_letters(cls, value: str) -> str:
        if not normalize_name(value):
            raise ValueError("the name has no letters or digits")
        return value

    @field_validator("date_of_birth")
    @classmethod
    def _date(cls, value: str | None) -> str | None:
        if value is not None and not _DATE.match(value):
            raise ValueError("use YYYY, YYYY-MM or YYYY-MM-DD")
        return value


class SearchOptions(BaseModel):
    threshold: Annotated[float | None, Field(default=None, ge=0.0, le=1.0)] = None
    limit: Annotated[int, Field(default=10, ge=1, le=100)] = 10


class SearchRequest(QueryFields, SearchOptions):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {"name": "Harbin Institute of Technology", "type": "organization", "country": "CN"},
                {"name": "NUDT"},
            ]
        },
    )


class BatchQuery(QueryFields):
    ref: Annotated[str, Field(min_length=1, max_length=200, examples=["vendor-0001"])]


class BatchRequest(SearchOptions):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "queries": [
                        {
                            "ref": "v1",
                            "name": "Pars Lab Supplies",
                            "type": "organization",
                            "country": "IR",
                        },
                        {"ref": "v2", "name": "Northwestern Polytechnical University"},
                    ]
                }
            ]
        },
    )
    queries: Annotated[list[BatchQuery], Field(min_length=1, max_length=MAX_BATCH)]


class Match(BaseModel):
    party_id: str
    list: str
    list_name: str
    sub_list: str
    category: str = Field(description="What the list means; see docs/CONTRACTS.md")
    list_version: str
    content_hash: str
    type: str
    name: str = Field(description="The entry's primary name")
    matched_name: str = Field(description="The name or alias that matched")
    alias_kind: str
    score: float
    band: Band
    is_match: bool
    countries: builtins.list[str]
    programs: builtins.list[str]
    license_requirement: str | None
    license_policy: str | None
    federal_register: str | None
    explanation: dict[str, Any]


class NormalizedQuery(BaseModel):
    name: str
    normalized: str
    type: str | None
    country: str | None
    date_of_birth: str | None
    lists: list[str] | None


class SearchResponse(BaseModel):
    query: NormalizedQuery
    threshold: float
    list_versions: dict[str, str]
    cache: Literal["hit", "miss", "unavailable"]
    matches: list[Match]


class BatchResult(BaseModel):
    ref: str
    query: str
    matches: list[Match]


class BatchResponse(BaseModel):
    threshold: float
    list_versions: dict[str, str]
    cache: dict[str, int | str]
    results: list[BatchResult]


class VersionSummary(BaseModel):
    list_id: str
    number: int
    label: str
    format: str
    source_name: str
    sha256: str
    snapshot: str | None
    loaded_at: datetime
    loaded_by: str
    record_count: int
    added: int
    changed: int
    removed: int
    forced: bool


class Freshness(BaseModel):
    age_days: float
    stale: bool
    stale_after_days: int


class ListSummary(BaseModel):
    list_id: str
    name: str
    authority: str
    official_url: str | None
    update_cadence: str | None
    current_version: VersionSummary
    versions: list[VersionSummary]
    freshness: Freshness


class IngestResponse(BaseModel):
    version: VersionSummary
    unchanged: bool = Field(
        description="The same files as the current version; nothing new published"
    )
    searchable: bool = Field(
        default=True,
        description="Searches already use this version. False when the index rebuild failed: "
        "the service keeps retrying it and /readyz reports the error.",
    )


class DiffItem(BaseModel):
    party_id: str
    name: str
    content_hash: str


class DiffResponse(BaseModel):
    list_id: str
    version: str
    previous_version: str | None
    counts: dict[str, int]
    added: list[DiffItem]
    changed: list[DiffItem]
    removed: list[DiffItem]


class PartyRevisionOut(BaseModel):
    list_version: str
    until_version: str | None
    content_hash: str
    data: dict[str, Any]


class PartyDetail(BaseModel):
    party_id: str
    list: str
    list_name: str
    category: str
    current: bool
    data: dict[str, Any]
    history: builtins.list[PartyRevisionOut]
