"""Reading cases back: lists for reviewers, one case in full, its audit trail, exports."""

import csv
import io
import json
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy.engine import Engine
from sqlmodel import Session

from common.errors import NotFound
from services.screening.access import case_owner, may_read
from services.screening.alerts import alert_out
from services.screening.casework import Actor, Assessor, CaseState, current_result, load_state
from services.screening.models import ScreeningCase, ScreeningCaseEvent
from services.screening.repository import ScreeningRepository
from services.screening.review import adjudication_out, decision_out
from services.screening.schemas.cases import (
    AlertOut,
    AlertPage,
    AssessmentOut,
    CaseDetail,
    CaseEventOut,
    CasePage,
    CaseSummary,
    PersonOrganisation,
    PersonOrganisations,
)


def summary(event: ScreeningCaseEvent, case: ScreeningCase) -> CaseSummary:
    return CaseSummary(
        case_id=case.id,
        kind=case.kind,
        status=event.status,
        level=event.level,
        needs_review=event.needs_review,
        version=event.seq,
        review_round=event.review_round,
        created_at=case.created_at,
        created_by=case.created_by,
        updated_at=event.at,
    )


def event_out(event: ScreeningCaseEvent) -> CaseEventOut:
    return CaseEventOut(
        seq=event.seq,
        at=event.at,
        actor=event.actor,
        actor_role=event.actor_role,
        request_id=event.request_id,
        action=event.action,
        status=event.status,
        level=event.level,
        needs_review=event.needs_review,
        review_round=event.review_round,
        assessment_number=event.assessment_number,
        rules_version=event.rules_version,
        list_versions=json.loads(event.list_versions),
        detail=json.loads(event.detail),
    )


def _visible_state(repo: ScreeningRepository, case_id: str, viewer: Actor) -> CaseState:
    """The case's state, or "not found" alike for a missing case and for someone else's."""
    state = load_state(repo, case_id)
    if not may_read(viewer, state.case.created_by):
        raise NotFound(f"No case {case_id!r}.")
    return state


class Casebook:
    """What ``viewer`` may read: every case, or only the cases it created (see ``access``)."""

    def __init__(self, engine: Engine, assessor: Assessor) -> None:
        self.engine = engine
        self.assessor = assessor

    @contextmanager
    def _repo(self) -> Iterator[ScreeningRepository]:
        with Session(self.engine) as session:
            yield ScreeningRepository(session)

    def cases(
        self,
        viewer: Actor,
        status: str | None,
        level: str | None,
        kind: str | None,
        limit: int,
        offset: int,
    ) -> CasePage:
        with self._repo() as repo:
            rows, total = repo.list_cases(
                status=status,
                level=level,
                kind=kind,
                created_by=case_owner(viewer),
                limit=limit,
                offset=offset,
            )
            items = [summary(event, case) for event, case in rows]
        return CasePage(items=items, total=total, limit=limit, offset=offset)

    def case(self, case_id: str, viewer: Actor) -> CaseDetail:
        with self._repo() as repo:
            state = _visible_state(repo, case_id, viewer)
            result = current_result(repo, self.assessor, state)
            version = state.version
            return CaseDetail(
                **summary(state.event, state.case).model_dump(),
                request=json.loads(state.case.request),
                result=result,
                assessments=[
                    AssessmentOut(
                        number=a.number,
                        created_at=a.created_at,
                        trigger=a.trigger,
                        actor=a.actor,
                        rules_version=a.rules_version,
                        list_versions=json.loads(a.list_versions),
                        changed_lists=json.loads(a.changed_lists),
                        level=json.loads(a.result)["level"],
                        hit_count=len(json.loads(a.hits)),
                    )
                    for a in repo.assessments(case_id)
                ],
                adjudications=[adjudication_out(a, version) for a in repo.adjudications(case_id)],
                decisions=[decision_out(d, version) for d in repo.decisions(case_id)],
            )

    def events(self, case_id: str, viewer: Actor) -> list[CaseEventOut]:
        with self._repo() as repo:
            _visible_state(repo, case_id, viewer)
            return [event_out(e) for e in repo.events(case_id)]

    def alerts(self, viewer: Actor, case_id: str | None, limit: int, offset: int) -> AlertPage:
        with self._repo() as repo:
            alerts, total = repo.alerts(
                case_id=case_id, created_by=case_owner(viewer), limit=limit, offset=offset
            )
            deliveries = repo.deliveries([a.id for a in alerts if a.id is not None])
            items = [alert_out(a, deliveries) for a in alerts]
        return AlertPage(items=items, total=total, limit=limit, offset=offset)

    def alert(self, alert_id: int, viewer: Actor) -> AlertOut:
        with self._repo() as repo:
            alert = repo.alert(alert_id)
            case = repo.case(alert.case_id) if alert else None
            if alert is None or case is None or not may_read(viewer, case.created_by):
                raise NotFound(f"No alert {alert_id}.")
            return alert_out(alert, repo.deliveries([alert_id]))

    def person_organisations(self, person_ref: str, viewer: Actor) -> PersonOrganisations:
        """Organisations seen for the person in the cases ``viewer`` may read."""
        with self._repo() as repo:
            rows = repo.person_organisations(person_ref, case_owner(viewer))
            organisations = [
                PersonOrganisation(
                    name=r.name, role=r.role, case_id=r.case_id, screened_at=r.screened_at
                )
                for r in rows
            ]
        return PersonOrganisations(person_ref=person_ref, organisations=organisations)

    def export(self, case_id: str, viewer: Actor) -> dict[str, Any]:
        """The whole case file: request, every assessment, review, decision and event."""
        detail = self.case(case_id, viewer)
        with self._repo() as repo:
            assessments = [
                {
                    "number": a.number,
                    "created_at": a.created_at.isoformat(),
                    "trigger": a.trigger,
                    "actor": a.actor,
                    "rules_version": a.rules_version,
                    "list_versions": json.loads(a.list_versions),
                    "changed_lists": json.loads(a.changed_lists),
                    "result": json.loads(a.result),
                }
                for a in repo.assessments(case_id)
            ]
        alerts = self.alerts(viewer, case_id, 1000, 0).items
        return {
            "case": detail.model_dump(mode="json", exclude={"assessments"}),
            "assessments": assessments,
            "events": [e.model_dump(mode="json") for e in self.events(case_id, viewer)],
            "alerts": [a.model_dump(mode="json") for a in alerts],
        }

    def export_csv(self, case_id: str, viewer: Actor) -> str:
        """One line per finding of the current result, then one per audit event."""
        detail = self.case(case_id, viewer)
        events = self.events(case_id, viewer)
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(
            [
                "case_id",
                "section",
                "at",
                "actor",
                "role",
                "action_or_rule",
                "level",
                "status",
                "party",
                "list",
                "list_version",
                "score",
                "detail",
            ]
        )
        for f in detail.result.findings:
            e = f.evidence
            writer.writerow(
                [
                    case_id,
                    "finding",
                    detail.updated_at.isoformat(),
                    "",
                    "",
                    f.rule_id,
                    f.level,
                    detail.status,
                    e.party or "",
                    e.list or "",
                    e.list_version or "",
                    "" if e.score is None else f"{e.score:.3f}",
                    f"{e.explanation} | {f.required_action}",
                ]
            )
        for ev in events:
            writer.writerow(
                [
                    case_id,
                    "event",
                    ev.at.isoformat(),
                    ev.actor,
                    ev.actor_role,
                    ev.action,
                    ev.level,
                    ev.status,
                    "",
                    "",
                    json.dumps(ev.list_versions, sort_keys=True),
                    "",
                    json.dumps(ev.detail, sort_keys=True),
                ]
            )
        return out.getvalue()
