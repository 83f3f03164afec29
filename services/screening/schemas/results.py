"""What an assessment says: the level, the findings with evidence, the actions required."""

import builtins
from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, Field

from services.screening.rulebook import LevelName

Band = Literal["match", "review"]
HitStatus = Literal["unreviewed", "true_match", "false_positive", "suppressed"]


class Hit(BaseModel):
    """A list entry the party-list service returned for one screened name."""

    hit_id: str = Field(description="`{ref}|{party_id}`: what a reviewer adjudicates")
    ref: str = Field(description="Where the name is in the request, e.g. `parties[0]`")
    query_name: str
    role: str
    subject_key: str
    party_id: str
    list: str
    list_name: str
    sub_list: str
    category: str
    list_version: str
    content_hash: str
    type: str
    name: str
    matched_name: str
    alias_kind: str
    score: float
    band: Band
    countries: builtins.list[str] = Field(default_factory=builtins.list)
    programs: builtins.list[str] = Field(default_factory=builtins.list)
    license_requirement: str | None = None
    license_policy: str | None = None
    federal_register: str | None = None
    explanation: dict[str, Any] = Field(default_factory=dict)


class PriorAdjudication(BaseModel):
    adjudication_id: int
    case_id: str
    verdict: Literal["true_match", "false_positive"]
    reason: str
    actor: str
    at: datetime


class ReviewedHit(Hit):
    status: HitStatus = "unreviewed"
    adjudication: PriorAdjudication | None = Field(
        default=None,
        description="The adjudication that applies: this case's, or a remembered false "
        "positive for the same subject and unchanged list entry (status `suppressed`)",
    )


class Evidence(BaseModel):
    explanation: str
    ref: str | None = None
    party: str | None = Field(default=None, description="The screened name")
    role: str | None = None
    hit_id: str | None = None
    matched_party: str | None = Field(default=None, description="The list entry's name")
    matched_name: str | None = None
    party_id: str | None = None
    list: str | None = None
    list_version: str | None = None
    category: str | None = None
    score: float | None = None
    band: Band | None = None
    content_hash: str | None = None
    license_requirement: str | None = None
    license_policy: str | None = None


class Finding(BaseModel):
    rule_id: str
    title: str
    citation: str
    level: LevelName
    evidence: Evidence
    required_action: str
    action_ids: builtins.list[str]


class RequiredAction(BaseModel):
    id: str
    text: str
    rule_ids: list[str]


class Result(BaseModel):
    level: LevelName
    needs_review: bool = Field(description="Some possible match has not been adjudicated")
    findings: list[Finding]
    required_actions: list[RequiredAction]
    rules_version: str
    list_versions: dict[str, str]
    hits: builtins.list[ReviewedHit]
