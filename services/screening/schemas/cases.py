"""Cases, their review and their memory, as the API shows them."""

from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator

from services.screening.rulebook import LevelName
from services.screening.schemas.requests import no_nul
from services.screening.schemas.results import Finding, RequiredAction, Result, ReviewedHit

CaseStatus = Literal["open", "cleared", "cleared_with_conditions", "declined"]
Kind = Literal["collaboration", "visitor", "vendor"]
DecisionName = Literal["cleared", "cleared_with_conditions", "declined"]
Verdict = Literal["true_match", "false_positive"]


class ScreeningResponse(BaseModel):
    """The assessment, level first, with the case that keeps it."""

    level: LevelName
    needs_review: bool
    findings: list[Finding]
    required_actions: list[RequiredAction]
    rules_version: str
    list_versions: dict[str, str]
    case_id: str
    case_version: int
    status: CaseStatus
    kind: Kind
    hits: list[ReviewedHit]


class CaseSummary(BaseModel):
    case_id: str
    kind: Kind
    status: CaseStatus
    level: LevelName
    needs_review: bool
    version: int
    review_round: int
    created_at: datetime
    created_by: str
    updated_at: datetime


class CasePage(BaseModel):
    items: list[CaseSummary]
    total: int
    limit: int
    offset: int


class CaseEventOut(BaseModel):
    seq: int
    at: datetime
    actor: str
    actor_role: str
    request_id: str
    action: str
    status: CaseStatus
    level: LevelName
    needs_review: bool
    review_round: int
    assessment_number: int
    rules_version: str
    list_versions: dict[str, str]
    detail: dict[str, Any]


class AdjudicationIn(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "hit_id": "parties[0]|ofac-sdn:12345",
                    "verdict": "false_positive",
                    "reason": "Different person: date of birth and country differ.",
                }
            ]
        },
    )

    hit_id: Annotated[str, AfterValidator(no_nul)] = Field(
        min_length=1, max_length=500, description="From the case's `hits`"
    )
    verdict: Verdict
    reason: Annotated[str, AfterValidator(no_nul)] = Field(min_length=3, max_length=2000)


class AdjudicationOut(BaseModel):
    adjudication_id: int
    case_id: str
    hit_id: str
    party_id: str
    content_hash: str
    subject_key: str
    verdict: Verdict
    reason: str
    actor: str
    actor_role: str
    at: datetime
    case_version: int


class DecisionIn(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "decision": "cleared_with_conditions",
                    "conditions": ["Technology Control Plan TCP-2026-014 signed"],
                    "reason": "Entity List licence not required for the published data.",
                    "expected_version": 3,
                }
            ]
        },
    )

    decision: DecisionName
    conditions: list[Annotated[str, AfterValidator(no_nul)]] = Field(
        default_factory=list, max_length=50
    )
    reason: Annotated[str, AfterValidator(no_nul)] = Field(min_length=3, max_length=4000)
    expected_version: int | None = Field(
        default=None, ge=1, description="The case version you reviewed (as `If-Match`)"
    )

    @model_validator(mode="after")
    def _conditions_fit(self) -> "DecisionIn":
        cleaned = [c.strip() for c in self.conditions if c.strip()]
        if self.decision == "cleared_with_conditions" and not cleaned:
            raise ValueError("cleared_with_conditions needs at least one condition")
        if self.decision != "cleared_with_conditions" and cleaned:
            raise ValueError("conditions are only recorded with cleared_with_conditions")
        if any(len(c) > 2000 for c in cleaned):
            raise ValueError("a condition is at most 2000 characters")
        self.conditions = cleaned
        return self


class DecisionOut(BaseModel):
    decision_id: int
    case_id: str
    review_round: int
    assessment_number: int
    decision: DecisionName
    conditions: list[str]
    reason: str
    level: LevelName
    actor: str
    actor_role: str
    at: datetime
    case_version: int


class AssessmentOut(BaseModel):
    number: int
    created_at: datetime
    trigger: str
    actor: str
    rules_version: str
    list_versions: dict[str, str]
    changed_lists: list[str]
    level: LevelName
    hit_count: int


class CaseDetail(CaseSummary):
    request: dict[str, Any]
    result: Result = Field(description="The current assessment with this case's adjudications")
    assessments: list[AssessmentOut]
    adjudications: list[AdjudicationOut]
    decisions: list[DecisionOut]


class DeliveryOut(BaseModel):
    url: str
    attempt: int
    at: datetime
    status_code: int | None
    error: str | None
    delivered: bool


class AlertOut(BaseModel):
    alert_id: int
    case_id: str
    created_at: datetime
    kind: str
    level: LevelName
    assessment_number: int
    detail: dict[str, Any]
    deliveries: list[DeliveryOut]


class AlertPage(BaseModel):
    items: list[AlertOut]
    total: int
    limit: int
    offset: int


class PersonOrganisation(BaseModel):
    name: str
    role: str
    case_id: str
    screened_at: datetime


class PersonOrganisations(BaseModel):
    person_ref: str
    organisations: list[PersonOrganisation]


class RescreenIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    lists: (
        list[Annotated[str, Field(min_length=1, max_length=80, pattern=r"^[A-Za-z0-9._-]+$")]]
        | None
    ) = Field(
        default=None,
        max_length=100,
        description="Re-screen against these lists even if their version did not change; "
        "default: the lists whose version changed since each case was screened",
    )


class RescreenReport(BaseModel):
    list_versions: dict[str, str]
    cases_checked: int
    cases_rescreened: int
    cases_reopened: list[str]
    alerts: list[int]
