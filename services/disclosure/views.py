"""Rows to response models."""

import json
from datetime import UTC, date, datetime, timedelta

from services.disclosure.content import DisclosureContent
from services.disclosure.models import (
    AccessLogEntry,
    Certification,
    CheckRun,
    DisclosureVersion,
    Event,
    Finding,
    Person,
)
from services.disclosure.rules import RULES
from services.disclosure.schemas import (
    AccessEntryOut,
    CertificationOut,
    CertificationStatus,
    CheckRunOut,
    CorrectionOut,
    EventOut,
    FindingOut,
    PersonOut,
    VersionOut,
    VersionSummary,
)


def utc(moment: datetime) -> datetime:
    """SQLite hands back naive timestamps; they were written in UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def certification_status(
    expires_on: date | None, certified_at: datetime | None, as_of: date, due_within_days: int
) -> CertificationStatus:
    if expires_on is None:
        state = "never_certified"
    elif expires_on <= as_of:
        state = "overdue"
    elif expires_on <= as_of + timedelta(days=due_within_days):
        state = "due"
    else:
        state = "current"
    return CertificationStatus(
        state=state,
        last_certified_at=utc(certified_at) if certified_at else None,
        expires_on=expires_on,
    )


def person_out(person: Person, status: CertificationStatus) -> PersonOut:
    return PersonOut(
        id=person.id,
        orcid=person.orcid,
        name=person.name,
        position=person.position,
        primary_organisation=person.primary_organisation,
        created_at=utc(person.created_at),
        certification=status,
    )


def certification_out(certification: Certification) -> CertificationOut:
    return CertificationOut(
        certified_by=certification.certified_by,
        certified_at=utc(certification.certified_at),
        statement=certification.statement,
        expires_on=certification.expires_on,
    )


def content_of(version: DisclosureVersion) -> DisclosureContent:
    return DisclosureContent.model_validate_json(version.content)


def version_out(version: DisclosureVersion, certification: Certification | None) -> VersionOut:
    return VersionOut(
        id=version.id,
        person_id=version.person_id,
        number=version.number,
        status=version.status,
        revision=version.revision,
        content=content_of(version),
        correction=(
            CorrectionOut.model_validate_json(version.correction) if version.correction else None
        ),
        based_on_id=version.based_on_id,
        created_at=utc(version.created_at),
        created_by=version.created_by,
        updated_at=utc(version.updated_at),
        certification=certification_out(certification) if certification else None,
    )


def version_summary(
    version: DisclosureVersion, certification: Certification | None
) -> VersionSummary:
    return VersionSummary(
        id=version.id,
        number=version.number,
        status=version.status,
        revision=version.revision,
        created_at=utc(version.created_at),
        updated_at=utc(version.updated_at),
        is_correction=version.correction is not None,
        certified_at=utc(certification.certified_at) if certification else None,
        expires_on=certification.expires_on if certification else None,
    )


def finding_out(finding: Finding) -> FindingOut:
    return FindingOut(
        rule_id=finding.rule_id,
        citation=RULES[finding.rule_id].citation,
        level=finding.level,
        subject=finding.subject,
        subject_name=finding.subject_name,
        message=finding.message,
        detail=json.loads(finding.detail),
    )


def run_out(run: CheckRun, findings: list[Finding]) -> CheckRunOut:
    return CheckRunOut(
        id=run.id,
        version_id=run.version_id,
        run_at=utc(run.run_at),
        run_by=run.run_by,
        trigger=run.trigger,
        worst_level=run.worst_level,
        list_versions=json.loads(run.list_versions),
        reference_versions=json.loads(run.reference_versions),
        findings=[finding_out(f) for f in findings],
    )


def event_out(event: Event) -> EventOut:
    return EventOut(
        id=event.id or 0,
        person_id=event.person_id,
        version_id=event.version_id,
        kind=event.kind,
        actor=event.actor,
        actor_role=event.actor_role,
        at=utc(event.at),
        data=json.loads(event.data),
    )


def access_entry_out(entry: AccessLogEntry) -> AccessEntryOut:
    return AccessEntryOut(
        id=entry.id or 0,
        version_id=entry.version_id,
        action=entry.action,
        actor=entry.actor,
        actor_role=entry.actor_role,
        at=utc(entry.at),
    )
