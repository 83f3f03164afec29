"""Tables of the disclosure service.

A person has numbered disclosure versions. Content is stored as canonical JSON and a version
is never rewritten once certified; at most one draft per person is open at a time (enforced by
the unique ``(person_id, open_draft)`` pair, where certified versions hold NULL). Events, check
runs, findings and the access log are append-only.
"""

from datetime import date, datetime

from sqlalchemy import DateTime, UniqueConstraint
from sqlmodel import Field, SQLModel

Timestamp = DateTime(timezone=True)


class Person(SQLModel, table=True):
    __tablename__ = "disclosure_person"

    id: str = Field(primary_key=True, max_length=36)
    orcid: str | None = Field(default=None, unique=True, max_length=19)
    name: str = Field(max_length=300)
    position: str | None = Field(default=None, max_length=300)
    primary_organisation: str = Field(max_length=300)
    created_at: datetime = Field(sa_type=Timestamp)
    created_by: str = Field(max_length=200)


class DisclosureVersion(SQLModel, table=True):
    __tablename__ = "disclosure_version"
    __table_args__ = (
        UniqueConstraint("person_id", "number"),
        UniqueConstraint("person_id", "open_draft"),
    )

    id: str = Field(primary_key=True, max_length=36)
    person_id: str = Field(foreign_key="disclosure_person.id", index=True, max_length=36)
    number: int
    status: str = Field(max_length=20)
    open_draft: bool | None = Field(default=True)
    revision: int = 1
    content: str
    correction: str | None = None
    based_on_id: str | None = Field(default=None, max_length=36)
    created_at: datetime = Field(sa_type=Timestamp)
    created_by: str = Field(max_length=200)
    updated_at: datetime = Field(sa_type=Timestamp)


class Certification(SQLModel, table=True):
    __tablename__ = "disclosure_certification"

    id: int | None = Field(default=None, primary_key=True)
    version_id: str = Field(foreign_key="disclosure_version.id", unique=True, max_length=36)
    person_id: str = Field(foreign_key="disclosure_person.id", index=True, max_length=36)
    certified_by: str = Field(max_length=200)
    certified_at: datetime = Field(sa_type=Timestamp)
    statement: str
    expires_on: date


class Event(SQLModel, table=True):
    __tablename__ = "disclosure_event"

    id: int | None = Field(default=None, primary_key=True)
    person_id: str = Field(foreign_key="disclosure_person.id", index=True, max_length=36)
    version_id: str | None = Field(default=None, index=True, max_length=36)
    kind: str = Field(max_length=40)
    actor: str = Field(max_length=200)
    actor_role: str = Field(max_length=20)
    at: datetime = Field(sa_type=Timestamp)
    data: str


class CheckRun(SQLModel, table=True):
    __tablename__ = "disclosure_check_run"

    id: str = Field(primary_key=True, max_length=36)
    version_id: str = Field(foreign_key="disclosure_version.id", index=True, max_length=36)
    run_at: datetime = Field(sa_type=Timestamp)
    run_by: str = Field(max_length=200)
    trigger: str = Field(max_length=20)
    worst_level: str = Field(max_length=20)
    list_versions: str
    reference_versions: str


class Finding(SQLModel, table=True):
    __tablename__ = "disclosure_finding"

    id: int | None = Field(default=None, primary_key=True)
    run_id: str = Field(foreign_key="disclosure_check_run.id", index=True, max_length=36)
    position: int
    rule_id: str = Field(max_length=40)
    level: str = Field(max_length=20)
    subject: str = Field(max_length=100)
    subject_name: str = Field(max_length=300)
    message: str
    detail: str


class AccessLogEntry(SQLModel, table=True):
    __tablename__ = "disclosure_access_log"

    id: int | None = Field(default=None, primary_key=True)
    person_id: str = Field(foreign_key="disclosure_person.id", index=True, max_length=36)
    version_id: str | None = Field(default=None, max_length=36)
    action: str = Field(max_length=40)
    actor: str = Field(max_length=200)
    actor_role: str = Field(max_length=20)
    at: datetime = Field(sa_type=Timestamp)
