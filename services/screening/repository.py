"""All SQL of the screening service. Inserts and reads only; the caller commits."""

from collections.abc import Iterable, Sequence

from sqlalchemy import func, tuple_
from sqlmodel import Session, col, select
from sqlmodel.sql.expression import Select

from services.screening.models import (
    ScreeningAdjudication,
    ScreeningAlert,
    ScreeningAssessment,
    ScreeningCase,
    ScreeningCaseEvent,
    ScreeningDecision,
    ScreeningPersonOrganisation,
    ScreeningWebhookDelivery,
)

ACTIVE_STATUSES = ("open", "cleared", "cleared_with_conditions")


class ScreeningRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def add(self, *rows: object) -> None:
        self.session.add_all(rows)
        self.session.flush()

    # cases and their state
    def case(self, case_id: str) -> ScreeningCase | None:
        return self.session.get(ScreeningCase, case_id)

    def lock_case(self, case_id: str) -> ScreeningCase | None:
        """The case row, locked until the transaction ends so writers to one case queue up
        (PostgreSQL ``FOR UPDATE``; SQLite serializes writers itself)."""
        statement = select(ScreeningCase).where(ScreeningCase.id == case_id).with_for_update()
        return self.session.exec(statement).first()

    def latest_event(self, case_id: str) -> ScreeningCaseEvent | None:
        statement = (
            select(ScreeningCaseEvent)
            .where(ScreeningCaseEvent.case_id == case_id)
            .order_by(col(ScreeningCaseEvent.seq).desc())
            .limit(1)
        )
        return self.session.exec(statement).first()

    def events(self, case_id: str) -> Sequence[ScreeningCaseEvent]:
        statement = (
            select(ScreeningCaseEvent)
            .where(ScreeningCaseEvent.case_id == case_id)
            .order_by(col(ScreeningCaseEvent.seq))
        )
        return self.session.exec(statement).all()

    def _latest_events(self) -> Select[ScreeningCaseEvent, ScreeningCase]:
        latest = (
            select(
                ScreeningCaseEvent.case_id,
                func.max(ScreeningCaseEvent.seq).label("seq"),
            )
            .group_by(col(ScreeningCaseEvent.case_id))
            .subquery()
        )
        return (
            select(ScreeningCaseEvent, ScreeningCase)
            .join(
                latest,
                (col(ScreeningCaseEvent.case_id) == latest.c.case_id)
                & (col(ScreeningCaseEvent.seq) == latest.c.seq),
            )
            .join(ScreeningCase, col(ScreeningCase.id) == col(ScreeningCaseEvent.case_id))
        )

    def list_cases(
        self,
        *,
        status: str | None,
        level: str | None,
        kind: str | None,
        created_by: str | None,
        limit: int,
        offset: int,
    ) -> tuple[list[tuple[ScreeningCaseEvent, ScreeningCase]], int]:
        statement = self._latest_events()
        if created_by is not None:
            statement = statement.where(col(ScreeningCase.created_by) == created_by)
        if status:
            statement = statement.where(col(ScreeningCaseEvent.status) == status)
        if level:
            statement = statement.where(col(ScreeningCaseEvent.level) == level)
        if kind:
            statement = statement.where(col(ScreeningCase.kind) == kind)
        total = self.session.exec(select(func.count()).select_from(statement.subquery())).one()
        page = (
            statement.order_by(col(ScreeningCase.created_at).desc(), col(ScreeningCase.id))
            .limit(limit)
            .offset(offset)
        )
        rows = [(event, case) for event, case in self.session.execute(page).all()]
        return rows, int(total)

    def active_case_ids(self) -> list[str]:
        statement = self._latest_events().where(col(ScreeningCaseEvent.status).in_(ACTIVE_STATUSES))
        return [case.id for _event, case in self.session.execute(statement).all()]

    def active_list_versions(self) -> list[str]:
        """The distinct list versions (JSON) the open and cleared cases were last assessed on."""
        latest = self._latest_events().where(col(ScreeningCaseEvent.status).in_(ACTIVE_STATUSES))
        versions = latest.with_only_columns(col(ScreeningCaseEvent.list_versions)).distinct()
        return list(self.session.execute(versions).scalars().all())

    # assessments
    def latest_assessment(self, case_id: str) -> ScreeningAssessment | None:
        statement = (
            select(ScreeningAssessment)
            .where(ScreeningAssessment.case_id == case_id)
            .order_by(col(ScreeningAssessment.number).desc())
            .limit(1)
        )
        return self.session.exec(statement).first()

    def assessments(self, case_id: str) -> Sequence[ScreeningAssessment]:
        statement = (
            select(ScreeningAssessment)
            .where(ScreeningAssessment.case_id == case_id)
            .order_by(col(ScreeningAssessment.number))
        )
        return self.session.exec(statement).all()

    # adjudications and decisions
    def adjudications(self, case_id: str) -> Sequence[ScreeningAdjudication]:
        statement = (
            select(ScreeningAdjudication)
            .where(ScreeningAdjudication.case_id == case_id)
            .order_by(col(ScreeningAdjudication.id))
        )
        return self.session.exec(statement).all()

    def remembered_adjudications(
        self, keys: Iterable[tuple[str, str, str]]
    ) -> list[ScreeningAdjudication]:
        """Adjudications recorded for these (subject_key, party_id, content_hash), oldest first."""
        wanted = sorted(set(keys))
        found: list[ScreeningAdjudication] = []
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            statement = (
                select(ScreeningAdjudication)
                .where(
                    tuple_(
                        col(ScreeningAdjudication.subject_key),
                        col(ScreeningAdjudication.party_id),
                        col(ScreeningAdjudication.content_hash),
                    ).in_(chunk)
                )
                .order_by(col(ScreeningAdjudication.id))
            )
            found += self.session.exec(statement).all()
        return found

    def decision(self, case_id: str, review_round: int) -> ScreeningDecision | None:
        statement = select(ScreeningDecision).where(
            ScreeningDecision.case_id == case_id, ScreeningDecision.review_round == review_round
        )
        return self.session.exec(statement).first()

    def decisions(self, case_id: str) -> Sequence[ScreeningDecision]:
        statement = (
            select(ScreeningDecision)
            .where(ScreeningDecision.case_id == case_id)
            .order_by(col(ScreeningDecision.review_round))
        )
        return self.session.exec(statement).all()

    # alerts and webhooks
    def alert(self, alert_id: int) -> ScreeningAlert | None:
        return self.session.get(ScreeningAlert, alert_id)

    def alerts(
        self, *, case_id: str | None, created_by: str | None, limit: int, offset: int
    ) -> tuple[Sequence[ScreeningAlert], int]:
        statement = select(ScreeningAlert)
        if case_id:
            statement = statement.where(ScreeningAlert.case_id == case_id)
        if created_by is not None:
            statement = statement.join(
                ScreeningCase, col(ScreeningCase.id) == col(ScreeningAlert.case_id)
            ).where(col(ScreeningCase.created_by) == created_by)
        total = self.session.exec(select(func.count()).select_from(statement.subquery())).one()
        page = statement.order_by(col(ScreeningAlert.id).desc()).limit(limit).offset(offset)
        return self.session.exec(page).all(), int(total)

    def deliveries(self, alert_ids: Sequence[int]) -> Sequence[ScreeningWebhookDelivery]:
        if not alert_ids:
            return []
        statement = (
            select(ScreeningWebhookDelivery)
            .where(col(ScreeningWebhookDelivery.alert_id).in_(alert_ids))
            .order_by(col(ScreeningWebhookDelivery.id))
        )
        return self.session.exec(statement).all()

    # people
    def person_organisations(
        self, person_ref: str, created_by: str | None
    ) -> Sequence[ScreeningPersonOrganisation]:
        row = ScreeningPersonOrganisation
        statement = select(row).where(row.person_ref == person_ref)
        if created_by is not None:
            statement = statement.join(
                ScreeningCase, col(ScreeningCase.id) == col(row.case_id)
            ).where(col(ScreeningCase.created_by) == created_by)
        return self.session.exec(statement.order_by(col(row.screened_at), col(row.id))).all()
