"""Certifying a version and checking it: the lists (through parties), malign talent
programmes, countries of concern and consistency. Parties down means no certification (503),
and nothing is stored: the checks run before the one transaction that freezes the version.
"""

import uuid
from calendar import monthrange
from dataclasses import dataclass
from datetime import date, datetime

from sqlmodel import Session
from starlette.concurrency import run_in_threadpool

from common.errors import Conflict
from services.disclosure import access
from services.disclosure.access import Actor
from services.disclosure.clients import BatchAnswer, PartiesClient
from services.disclosure.consistency import consistency_findings
from services.disclosure.content import DisclosureContent
from services.disclosure.list_checks import (
    batch_queries,
    concern_support_findings,
    list_findings,
    programme_findings,
    subjects,
)
from services.disclosure.models import Certification, CheckRun, DisclosureVersion, Finding
from services.disclosure.records import Records, canonical, now
from services.disclosure.reference import reference
from services.disclosure.rules import FindingDraft, worst_level
from services.disclosure.schemas import CertifyRequest, CheckRunOut, ChecksOut, VersionOut
from services.disclosure.settings import DisclosureSettings
from services.disclosure.views import content_of, run_out


def add_months(day: date, months: int) -> date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, monthrange(year, month)[1]))


@dataclass(frozen=True)
class CheckReport:
    findings: list[FindingDraft]
    list_versions: dict[str, str]
    reference_versions: dict[str, str]


class Certifier:
    def __init__(
        self, session: Session, settings: DisclosureSettings, parties: PartiesClient
    ) -> None:
        self.records = Records(session, settings)
        self.repo = self.records.repo
        self.settings = settings
        self.parties = parties

    async def run_checks(self, content: DisclosureContent) -> CheckReport:
        """One parties batch for every disclosed name; raises 503 if parties is down."""
        concern = reference().concern
        items = subjects(content)
        answer = (
            await self.parties.search_batch(batch_queries(items))
            if items
            else BatchAnswer(threshold=0.0, list_versions={}, results=[])
        )
        today = date.today()
        findings = [
            *list_findings(items, answer),
            *programme_findings(content, answer, concern, today),
            *concern_support_findings(content, concern),
            *consistency_findings(content),
        ]
        return CheckReport(
            findings=findings,
            list_versions=answer.list_versions,
            reference_versions={"countries_of_concern": concern.version},
        )

    def _store_run(
        self,
        version: DisclosureVersion,
        report: CheckReport,
        actor: Actor,
        trigger: str,
        moment: datetime,
    ) -> CheckRun:
        run = CheckRun(
            id=str(uuid.uuid4()),
            version_id=version.id,
            run_at=moment,
            run_by=actor.name,
            trigger=trigger,
            worst_level=worst_level(report.findings),
            list_versions=canonical(report.list_versions),
            reference_versions=canonical(report.reference_versions),
        )
        self.repo.add(run)
        self.repo.add(
            *(
                Finding(
                    run_id=run.id,
                    position=position,
                    rule_id=draft.rule_id,
                    level=draft.level,
                    subject=draft.subject,
                    subject_name=draft.subject_name[:300],
                    message=draft.message,
                    detail=canonical(draft.detail),
                )
                for position, draft in enumerate(report.findings)
            )
        )
        return run

    def _prepare(self, version_id: str, body: CertifyRequest, actor: Actor) -> DisclosureVersion:
        version, person = self.records.version(version_id)
        access.require_certify(actor, person)
        if version.status != "draft":
            raise Conflict(f"Version {version.number} is already certified.")
        if body.revision is not None and body.revision != version.revision:
            raise Conflict(
                f"Version {version.number} is at revision {version.revision}, not "
                f"{body.revision}; review the current draft before certifying.",
                current_revision=version.revision,
            )
        return version

    def _freeze(
        self, version: DisclosureVersion, body: CertifyRequest, report: CheckReport, actor: Actor
    ) -> VersionOut:
        moment = now()
        if not self.repo.freeze(version.id, version.revision, moment):
            raise Conflict("The draft changed or was certified meanwhile; review it again.")
        expires_on = add_months(moment.date(), self.settings.certification_valid_months)
        self.repo.add(
            Certification(
                version_id=version.id,
                person_id=version.person_id,
                certified_by=actor.name,
                certified_at=moment,
                statement=body.statement,
                expires_on=expires_on,
            )
        )
        run = self._store_run(version, report, actor, "certification", moment)
        self.records.record_event(
            actor,
            version.person_id,
            version.id,
            "certified",
            revision=version.revision,
            expires_on=expires_on.isoformat(),
            check_run=run.id,
            worst_level=run.worst_level,
        )
        refreshed, _ = self.records.version(version.id)
        return self.records.version_view(refreshed)

    async def certify(self, version_id: str, body: CertifyRequest, actor: Actor) -> VersionOut:
        version = await run_in_threadpool(self._prepare, version_id, body, actor)
        report = await self.run_checks(content_of(version))
        return await run_in_threadpool(self._freeze, version, body, report, actor)

    def _for_rerun(self, version_id: str, actor: Actor) -> DisclosureVersion:
        version, person = self.records.version(version_id)
        access.require_run_checks(actor, person)
        if version.status != "certified":
            raise Conflict(f"Version {version.number} is a draft; checks run on certification.")
        return version

    def _store_rerun(
        self, version: DisclosureVersion, report: CheckReport, actor: Actor
    ) -> CheckRunOut:
        run = self._store_run(version, report, actor, "rerun", now())
        self.records.record_event(
            actor,
            version.person_id,
            version.id,
            "checks_run",
            check_run=run.id,
            worst_level=run.worst_level,
            list_versions=report.list_versions,
        )
        return next(run_out(r, f) for r, f in self.repo.check_runs(version.id) if r.id == run.id)

    async def rerun(self, version_id: str, actor: Actor) -> CheckRunOut:
        version = await run_in_threadpool(self._for_rerun, version_id, actor)
        report = await self.run_checks(content_of(version))
        return await run_in_threadpool(self._store_rerun, version, report, actor)

    def checks(self, version_id: str, actor: Actor) -> ChecksOut:
        version, person = self.records.version(version_id)
        self.records.read_by(actor, person, "read_checks", version.id)
        runs = self.repo.check_runs(version.id)
        return ChecksOut(version_id=version.id, runs=[run_out(r, f) for r, f in runs])
