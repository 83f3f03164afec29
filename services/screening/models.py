"""Tables of the screening service. Rows are only ever inserted.

A case is its request; each screening or re-screening of it adds an assessment; every change
(screened, adjudicated, decided, re-screened, reopened) adds a case event numbered ``seq``
1, 2, 3... which is both the audit trail and the case's state: the latest event holds the
current status and level, and the primary key (case_id, seq) refuses a second writer that read
the same version. Decisions are unique per case and review round, adjudications per case, hit
and list-entry content, so two conflicting writes can never both land.
"""

from datetime import datetime

from sqlalchemy import Index, UniqueConstraint
from sqlmodel import Field, SQLModel


class ScreeningCase(SQLModel, table=True):
    __tablename__ = "screening_case"

    id: str = Field(primary_key=True, max_length=36)
    kind: str = Field(index=True, max_length=20)
    created_at: datetime = Field(index=True)
    created_by: str = Field(index=True, max_length=200)  # X-Actor: the owner of the case
    created_role: str = Field(max_length=40)
    request_id: str = Field(max_length=128)
    request: str  # the validated request, canonical JSON


class ScreeningAssessment(SQLModel, table=True):
    __tablename__ = "screening_assessment"

    case_id: str = Field(foreign_key="screening_case.id", primary_key=True, max_length=36)
    number: int = Field(primary_key=True)
    created_at: datetime
    trigger: str = Field(max_length=20)  # initial | rescreen
    actor: str = Field(max_length=200)
    rules_version: str = Field(max_length=100)
    list_versions: str  # JSON {list_id: label}
    changed_lists: str  # JSON [list_id], what a re-screen searched
    hits: str  # JSON [Hit]
    result: str  # JSON Result as assessed at the time


class ScreeningCaseEvent(SQLModel, table=True):
    __tablename__ = "screening_case_event"
    __table_args__ = (Index("ix_screening_case_event_latest", "case_id", "seq"),)

    case_id: str = Field(foreign_key="screening_case.id", primary_key=True, max_length=36)
    seq: int = Field(primary_key=True)
    at: datetime
    actor: str = Field(max_length=200)
    actor_role: str = Field(max_length=40)
    request_id: str = Field(max_length=128)
    action: str = Field(max_length=40)
    status: str = Field(max_length=40)
    level: str = Field(max_length=10)
    needs_review: bool
    review_round: int
    assessment_number: int
    rules_version: str = Field(max_length=100)
    list_versions: str  # JSON {list_id: label}
    detail: str  # JSON


class ScreeningAdjudication(SQLModel, table=True):
    __tablename__ = "screening_adjudication"
    __table_args__ = (
        UniqueConstraint("case_id", "hit_id", "content_hash", name="uq_screening_adjudication_hit"),
        Index("ix_screening_adjudication_memory", "subject_key", "party_id", "content_hash"),
    )

    id: int | None = Field(default=None, primary_key=True)
    case_id: str = Field(foreign_key="screening_case.id", index=True, max_length=36)
    hit_id: str = Field(max_length=500)
    party_id: str = Field(max_length=200)
    content_hash: str = Field(max_length=64)
    subject_key: str = Field(max_length=700)
    verdict: str = Field(max_length=20)  # true_match | false_positive
    reason: str
    actor: str = Field(max_length=200)
    actor_role: str = Field(max_length=40)
    at: datetime


class ScreeningDecision(SQLModel, table=True):
    __tablename__ = "screening_decision"
    __table_args__ = (
        UniqueConstraint("case_id", "review_round", name="uq_screening_decision_round"),
    )

    id: int | None = Field(default=None, primary_key=True)
    case_id: str = Field(foreign_key="screening_case.id", index=True, max_length=36)
    review_round: int
    assessment_number: int
    decision: str = Field(max_length=40)  # cleared | cleared_with_conditions | declined
    conditions: str  # JSON [str]
    reason: str
    level: str = Field(max_length=10)
    actor: str = Field(max_length=200)
    actor_role: str = Field(max_length=40)
    at: datetime


class ScreeningAlert(SQLModel, table=True):
    __tablename__ = "screening_alert"

    id: int | None = Field(default=None, primary_key=True)
    case_id: str = Field(foreign_key="screening_case.id", index=True, max_length=36)
    created_at: datetime = Field(index=True)
    kind: str = Field(max_length=40)
    assessment_number: int
    level: str = Field(max_length=10)
    detail: str  # JSON: the new or changed hits and the list versions


class ScreeningWebhookDelivery(SQLModel, table=True):
    __tablename__ = "screening_webhook_delivery"

    id: int | None = Field(default=None, primary_key=True)
    alert_id: int = Field(foreign_key="screening_alert.id", index=True)
    url: str = Field(max_length=500)
    attempt: int
    at: datetime
    status_code: int | None = None
    error: str | None = None
    delivered: bool


class ScreeningPersonOrganisation(SQLModel, table=True):
    __tablename__ = "screening_person_organisation"

    id: int | None = Field(default=None, primary_key=True)
    person_ref: str = Field(index=True, max_length=200)
    name: str = Field(max_length=500)
    role: str = Field(max_length=40)
    case_id: str = Field(foreign_key="screening_case.id", index=True, max_length=36)
    screened_at: datetime
