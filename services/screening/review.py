"""A reviewer's work on a case: adjudicate each possible match, then decide.

Both are idempotent (the same call again returns what was recorded) and refuse a conflicting
call with 409; the unique constraints and the case-event sequence make sure two concurrent
writers cannot both land.
"""

import json

from sqlalchemy.engine import Engine
from starlette.concurrency import run_in_threadpool

from common.errors import Conflict, NotFound
from services.screening.casework import (
    Actor,
    Assessor,
    CaseState,
    current_result,
    load_state,
    next_event,
    to_json,
    utcnow,
    write_with_retry,
)
from services.screening.models import ScreeningAdjudication, ScreeningDecision
from services.screening.repository import ScreeningRepository
from services.screening.schemas.cases import (
    AdjudicationIn,
    AdjudicationOut,
    DecisionIn,
    DecisionOut,
)


def adjudication_out(row: ScreeningAdjudication, case_version: int) -> AdjudicationOut:
    assert row.id is not None
    return AdjudicationOut(
        adjudication_id=row.id,
        case_id=row.case_id,
        hit_id=row.hit_id,
        party_id=row.party_id,
        content_hash=row.content_hash,
        subject_key=row.subject_key,
        verdict=row.verdict,
        reason=row.reason,
        actor=row.actor,
        actor_role=row.actor_role,
        at=row.at,
        case_version=case_version,
    )


def decision_out(row: ScreeningDecision, case_version: int) -> DecisionOut:
    assert row.id is not None
    return DecisionOut(
        decision_id=row.id,
        case_id=row.case_id,
        review_round=row.review_round,
        assessment_number=row.assessment_number,
        decision=row.decision,
        conditions=json.loads(row.conditions),
        reason=row.reason,
        level=row.level,
        actor=row.actor,
        actor_role=row.actor_role,
        at=row.at,
        case_version=case_version,
    )


class ReviewService:
    def __init__(self, engine: Engine, assessor: Assessor) -> None:
        self.engine = engine
        self.assessor = assessor

    async def adjudicate(
        self, case_id: str, body: AdjudicationIn, actor: Actor
    ) -> tuple[AdjudicationOut, bool]:
        """The adjudication and whether this call created it."""

        def work(repo: ScreeningRepository) -> tuple[AdjudicationOut, bool]:
            return self._adjudicate(repo, case_id, body, actor)

        return await run_in_threadpool(write_with_retry, self.engine, work)

    def _adjudicate(
        self, repo: ScreeningRepository, case_id: str, body: AdjudicationIn, actor: Actor
    ) -> tuple[AdjudicationOut, bool]:
        state = load_state(repo, case_id, for_update=True)
        hit = next((h for h in state.hits if h.hit_id == body.hit_id), None)
        if hit is None:
            raise NotFound(
                f"Case {case_id} has no hit {body.hit_id!r} in its current assessment.",
                hit_ids=[h.hit_id for h in state.hits][:50],
            )
        existing = next(
            (
                a
                for a in repo.adjudications(case_id)
                if a.hit_id == hit.hit_id and a.content_hash == hit.content_hash
            ),
            None,
        )
        if existing is not None:
            if existing.verdict == body.verdict:
                return adjudication_out(existing, state.version), False
            raise Conflict(
                f"Hit {hit.hit_id} was already adjudicated {existing.verdict} by "
                f"{existing.actor} at {existing.at.isoformat()}.",
                adjudication_id=existing.id,
                case_version=state.version,
            )
        if state.event.status != "open":
            raise Conflict(
                f"Case {case_id} is {state.event.status}; it reopens only when a re-screen "
                "finds something new.",
                case_version=state.version,
            )
        row = ScreeningAdjudication(
            case_id=case_id,
            hit_id=hit.hit_id,
            party_id=hit.party_id,
            content_hash=hit.content_hash,
            subject_key=hit.subject_key,
            verdict=body.verdict,
            reason=body.reason,
            actor=actor.name,
            actor_role=actor.role,
            at=utcnow(),
        )
        repo.add(row)
        result = current_result(repo, self.assessor, state)
        event = next_event(
            state,
            actor,
            "adjudicated",
            result,
            detail={
                "hit_id": hit.hit_id,
                "party_id": hit.party_id,
                "list": hit.list,
                "list_version": hit.list_version,
                "verdict": body.verdict,
                "reason": body.reason,
            },
        )
        repo.add(event)
        return adjudication_out(row, event.seq), True

    async def decide(
        self, case_id: str, body: DecisionIn, actor: Actor, if_match: int | None
    ) -> tuple[DecisionOut, bool]:
        """The decision of the case's current review round and whether this call made it."""

        def work(repo: ScreeningRepository) -> tuple[DecisionOut, bool]:
            return self._decide(repo, case_id, body, actor, if_match)

        return await run_in_threadpool(write_with_retry, self.engine, work)

    def _decide(
        self,
        repo: ScreeningRepository,
        case_id: str,
        body: DecisionIn,
        actor: Actor,
        if_match: int | None,
    ) -> tuple[DecisionOut, bool]:
        state = load_state(repo, case_id, for_update=True)
        existing = repo.decision(case_id, state.event.review_round)
        if existing is not None:
            same = (
                existing.decision == body.decision
                and json.loads(existing.conditions) == body.conditions
            )
            if same:
                return decision_out(existing, state.version), False
            raise Conflict(
                f"Case {case_id} was already decided {existing.decision} by {existing.actor} "
                f"at {existing.at.isoformat()}.",
                decision_id=existing.id,
                case_version=state.version,
            )
        expected = body.expected_version or if_match
        if expected is not None and expected != state.version:
            raise Conflict(
                f"Case {case_id} is at version {state.version}, not {expected}: "
                "read it again before deciding.",
                case_version=state.version,
            )
        result = current_result(repo, self.assessor, state)
        self._check_decidable(state, body, result.level, result.needs_review)
        row = ScreeningDecision(
            case_id=case_id,
            review_round=state.event.review_round,
            assessment_number=state.assessment.number,
            decision=body.decision,
            conditions=to_json(body.conditions),
            reason=body.reason,
            level=result.level,
            actor=actor.name,
            actor_role=actor.role,
            at=utcnow(),
        )
        repo.add(row)
        event = next_event(
            state,
            actor,
            "decided",
            result,
            status=body.decision,
            detail={
                "decision": body.decision,
                "conditions": body.conditions,
                "reason": body.reason,
                "decision_id": row.id,
            },
        )
        repo.add(event)
        return decision_out(row, event.seq), True

    @staticmethod
    def _check_decidable(
        state: CaseState, body: DecisionIn, level: str, needs_review: bool
    ) -> None:
        if body.decision == "declined":
            return
        if needs_review:
            raise Conflict(
                "Adjudicate every possible match (true match or false positive) before clearing.",
                case_version=state.version,
            )
        if body.decision == "cleared" and level in {"HIGH", "BLOCKED"}:
            raise Conflict(
                f"A {level} case can only be cleared with conditions (mitigation plan, "
                "Technology Control Plan, licence) or declined.",
                case_version=state.version,
            )
