"""Request and response models of the disclosure API (the content sections live in content.py)."""

from datetime import date, datetime
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field

from services.disclosure.content import Day, DisclosureContent, LongText, OrganisationName, Text
from services.disclosure.identifiers import normalize_orcid

CertificationState = Literal["never_certified", "current", "due", "overdue"]
DueFilter = Literal["due", "overdue", "current"]


def _orcid(value: object) -> object:
    return normalize_orcid(value) if isinstance(value, str) else value


def _not_in_future(value: date) -> date:
    if value > date.today():
        raise ValueError("a correction cannot be discovered in the future")
    return value


Orcid = Annotated[
    str, BeforeValidator(_orcid), Field(examples=["0000-0002-1825-0097"], max_length=19)
]


class Body(BaseModel):
    model_config = ConfigDict(extra="forbid")


class PersonCreate(Body):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "name": "Josiah Carberry",
                    "orcid": "0000-0002-1825-0097",
                    "position": "Professor of Psychoceramics",
                    "primary_organisation": "Brown University",
                }
            ]
        },
    )

    name: Text
    orcid: Orcid | None = Field(default=None, description="Validated with its check digit")
    position: Text | None = None
    primary_organisation: OrganisationName


class CertificationStatus(BaseModel):
    state: CertificationState
    last_certified_at: datetime | None
    expires_on: date | None = Field(description="The certification is valid until the day before")


class PersonOut(BaseModel):
    id: str
    orcid: str | None
    name: str
    position: str | None
    primary_organisation: str
    created_at: datetime
    certification: CertificationStatus


class PeoplePage(BaseModel):
    as_of: date
    due_within_days: int
    limit: int
    offset: int
    items: list[PersonOut]


class DraftCreate(Body):
    model_config = ConfigDict(
        extra="forbid", json_schema_extra={"examples": [{"from_latest": True}]}
    )

    from_latest: bool = Field(
        default=True, description="Start from the latest version's content (ignored with content)"
    )
    content: DisclosureContent | None = None


class DraftUpdate(Body):
    revision: Annotated[int, Field(ge=1, le=1_000_000, description="The revision you edited")]
    content: DisclosureContent


class CertifyRequest(Body):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "statement": "I certify that the information provided is current, accurate "
                    "and complete, and I agree to update it as required.",
                    "revision": 2,
                }
            ]
        },
    )

    statement: LongText
    revision: Annotated[
        int | None, Field(default=None, ge=1, le=1_000_000, description="Refuse if it changed")
    ] = None


class CorrectionCreate(Body):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "what_changed": "Added the visiting appointment at Tsinghua University",
                    "reason": "Omitted by mistake from the 2025 disclosure",
                    "discovered_on": "2025-11-03",
                }
            ]
        },
    )

    what_changed: LongText
    reason: LongText
    discovered_on: Annotated[Day, AfterValidator(_not_in_future)]
    content: DisclosureContent | None = Field(
        default=None, description="The corrected content; default: the corrected version's"
    )


class CorrectionOut(BaseModel):
    what_changed: str
    reason: str
    discovered_on: date
    corrects_version_id: str
    corrects_version_number: int
    recorded_at: datetime
    recorded_by: str


class CertificationOut(BaseModel):
    certified_by: str
    certified_at: datetime
    statement: str
    expires_on: date


class VersionOut(BaseModel):
    id: str
    person_id: str
    number: int
    status: Literal["draft", "certified"]
    revision: int
    content: DisclosureContent
    correction: CorrectionOut | None
    based_on_id: str | None
    created_at: datetime
    created_by: str
    updated_at: datetime
    certification: CertificationOut | None


class VersionSummary(BaseModel):
    id: str
    number: int
    status: Literal["draft", "certified"]
    revision: int
    created_at: datetime
    updated_at: datetime
    is_correction: bool
    certified_at: datetime | None
    expires_on: date | None


class VersionList(BaseModel):
    person_id: str
    versions: list[VersionSummary]


class FindingOut(BaseModel):
    rule_id: str
    citation: str
    level: str
    subject: str = Field(description="Where in the disclosure, e.g. appointments[0].organisation")
    subject_name: str
    message: str
    detail: dict[str, Any]


class CheckRunOut(BaseModel):
    id: str
    version_id: str
    run_at: datetime
    run_by: str
    trigger: Literal["certification", "rerun"]
    worst_level: str
    list_versions: dict[str, str]
    reference_versions: dict[str, str]
    findings: list[FindingOut]


class ChecksOut(BaseModel):
    version_id: str
    runs: list[CheckRunOut] = Field(description="Newest first; empty for a draft")


class EventOut(BaseModel):
    id: int
    person_id: str
    version_id: str | None
    kind: str
    actor: str
    actor_role: str
    at: datetime
    data: dict[str, Any]


class UndisclosedOrganisation(BaseModel):
    name: str
    role: str | None
    case_id: str | None
    screened_at: str | None


class UndisclosedOut(BaseModel):
    person_id: str
    person_ref: str = Field(description="The reference screening knows the person by")
    compared_version_id: str | None = Field(description="The latest certified version, if any")
    compared_version_number: int | None
    screened_organisations: int
    undisclosed: list[UndisclosedOrganisation]


class AccessEntryOut(BaseModel):
    id: int
    version_id: str | None
    action: str
    actor: str
    actor_role: str
    at: datetime


class AccessLogOut(BaseModel):
    person_id: str
    items: list[AccessEntryOut]
