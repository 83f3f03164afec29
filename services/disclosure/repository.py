"""All SQL of the disclosure service. Nothing here commits: the request owns the transaction."""

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import func, update
from sqlmodel import Session, col, select

from services.disclosure.models import (
    AccessLogEntry,
    Certification,
    CheckRun,
    DisclosureVersion,
    Event,
    Finding,
    Person,
)

CertificationState = tuple[Person, date | None, datetime | None]


class DisclosureRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def add(self, *rows: Any) -> None:
        self.session.add_all(rows)
        self.session.flush()

    def person(self, person_id: str) -> Person | None:
        return self.session.get(Person, person_id)

    def person_by_orcid(self, orcid: str) -> Person | None:
        return self.session.exec(select(Person).where(Person.orcid == orcid)).first()

    def people(
        self, *, expiring_before: date | None, unexpired_from: date | None, limit: int, offset: int
    ) -> Sequence[CertificationState]:
        """People with their latest certification's expiry and date.

        ``expiring_before``: only those never certified or whose certification expires before
        that date; ``unexpired_from``: only those certified and valid on that date.
        """
        latest = (
            select(
                Certification.person_id,
                func.max(Certification.expires_on).label("expires_on"),
                func.max(Certification.certified_at).label("certified_at"),
            )
            .group_by(col(Certification.person_id))
            .subquery()
        )
        statement = select(Person, latest.c.expires_on, latest.c.certified_at).outerjoin(
            latest, latest.c.person_id == Person.id
        )
        if expiring_before is not None:
            statement = statement.where(
                latest.c.expires_on.is_(None) | (latest.c.expires_on <= expiring_before)
            )
        if unexpired_from is not None:
            statement = statement.where(latest.c.expires_on > unexpired_from)
        statement = statement.order_by(
            latest.c.expires_on.asc().nulls_first(), col(Person.name), col(Person.id)
        )
        rows = self.session.exec(statement.limit(limit).offset(offset)).all()
        return [(person, expires, certified) for person, expires, certified in rows]

    def latest_certification(self, person_id: str) -> Certification | None:
        statement = (
            select(Certification)
            .where(Certification.person_id == person_id)
            .order_by(col(Certification.certified_at).desc())
            .limit(1)
        )
        return self.session.exec(statement).first()

    def version(self, version_id: str) -> DisclosureVersion | None:
        return self.session.get(DisclosureVersion, version_id)

    def versions(self, person_id: str) -> Sequence[DisclosureVersion]:
        statement = (
            select(DisclosureVersion)
            .where(DisclosureVersion.person_id == person_id)
            .order_by(col(DisclosureVersion.number))
        )
        return self.session.exec(statement).all()

    def open_draft(self, person_id: str) -> DisclosureVersion | None:
        statement = select(DisclosureVersion).where(
            DisclosureVersion.person_id == person_id, DisclosureVersion.status == "draft"
        )
        return self.session.exec(statement).first()

    def latest_certified(self, person_id: str) -> DisclosureVersion | None:
        statement = (
            select(DisclosureVersion)
            .where(
                DisclosureVersion.person_id == person_id, DisclosureVersion.status == "certified"
            )
            .order_by(col(DisclosureVersion.number).desc())
            .limit(1)
        )
        return self.session.exec(statement).first()

    def next_number(self, person_id: str) -> int:
        statement = select(func.max(DisclosureVersion.number)).where(
            DisclosureVersion.person_id == person_id
        )
        return int(self.session.exec(statement).one() or 0) + 1

    def update_draft(
        self, version_id: str, expected_revision: int, content: str, now: datetime
    ) -> bool:
        """Replace a draft's content if it is still a draft at that revision."""
        statement = (
            update(DisclosureVersion)
            .where(
                col(DisclosureVersion.id) == version_id,
                col(DisclosureVersion.status) == "draft",
                col(DisclosureVersion.revision) == expected_revision,
            )
            .values(content=content, revision=expected_revision + 1, updated_at=now)
        )
        return self._changed_one(statement)

    def freeze(self, version_id: str, expected_revision: int, now: datetime) -> bool:
        """Mark a draft certified if nobody changed it since ``expected_revision``."""
        statement = (
            update(DisclosureVersion)
            .where(
                col(DisclosureVersion.id) == version_id,
                col(DisclosureVersion.status) == "draft",
                col(DisclosureVersion.revision) == expected_revision,
            )
            .values(status="certified", open_draft=None, updated_at=now)
        )
        return self._changed_one(statement)

    def _changed_one(self, statement: Any) -> bool:
        result = self.session.execute(statement)
        self.session.expire_all()
        return int(result.rowcount) == 1  # type: ignore[attr-defined]

    def certification(self, version_id: str) -> Certification | None:
        return self.session.exec(
            select(Certification).where(Certification.version_id == version_id)
        ).first()

    def certifications(self, version_ids: Sequence[str]) -> dict[str, Certification]:
        if not version_ids:
            return {}
        statement = select(Certification).where(col(Certification.version_id).in_(version_ids))
        return {c.version_id: c for c in self.session.exec(statement).all()}

    def events(self, version_id: str) -> Sequence[Event]:
        statement = select(Event).where(Event.version_id == version_id).order_by(col(Event.id))
        return self.session.exec(statement).all()

    def check_runs(self, version_id: str) -> list[tuple[CheckRun, list[Finding]]]:
        runs = self.session.exec(
            select(CheckRun)
            .where(CheckRun.version_id == version_id)
            .order_by(col(CheckRun.run_at).desc(), col(CheckRun.id))
        ).all()
        if not runs:
            return []
        findings = self.session.exec(
            select(Finding)
            .where(col(Finding.run_id).in_([run.id for run in runs]))
            .order_by(col(Finding.run_id), col(Finding.position))
        ).all()
        by_run: dict[str, list[Finding]] = {run.id: [] for run in runs}
        for finding in findings:
            by_run[finding.run_id].append(finding)
        return [(run, by_run[run.id]) for run in runs]

    def access_log(self, person_id: str, limit: int, offset: int) -> Sequence[AccessLogEntry]:
        statement = (
            select(AccessLogEntry)
            .where(AccessLogEntry.person_id == person_id)
            .order_by(col(AccessLogEntry.id).desc())
            .limit(limit)
            .offset(offset)
        )
        return self.session.exec(statement).all()
