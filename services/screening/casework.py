"""What every case operation shares: who acts, hits with their reviews, the current state."""

import json
import random
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any, TypeVar

from pydantic import TypeAdapter
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlmodel import Session

from common.errors import Conflict, NotFound
from services.screening.engine import RuleEngine
from services.screening.facts import Facts, NameQuery, extract
from services.screening.models import (
    ScreeningAdjudication,
    ScreeningAssessment,
    ScreeningCase,
    ScreeningCaseEvent,
)
from services.screening.parties_client import BatchOutcome
from services.screening.repository import ScreeningRepository
from services.screening.rulebook import Rulebook
from services.screening.schemas.requests import ScreeningRequest
from services.screening.schemas.results import Hit, PriorAdjudication, Result, ReviewedHit

REQUEST_ADAPTER: TypeAdapter[ScreeningRequest] = TypeAdapter(ScreeningRequest)
HITS_ADAPTER = TypeAdapter(list[Hit])
T = TypeVar("T")
WRITE_ATTEMPTS = 8


@dataclass(frozen=True)
class Actor:
    name: str = "system"
    role: str = "system"
    request_id: str = "-"


def utcnow() -> datetime:
    return datetime.now(UTC)


def to_json(value: Any) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), default=str)


class Assessor:
    """The rulebook and its engine: request + reviewed hits → result."""

    def __init__(self, rulebook: Rulebook) -> None:
        self.rulebook = rulebook
        self.engine = RuleEngine(rulebook)

    def facts(self, request: ScreeningRequest, on: date) -> Facts:
        return extract(request, self.rulebook.reference, on)

    def assess(
        self,
        request: ScreeningRequest,
        hits: list[ReviewedHit],
        versions: dict[str, str],
        on: date,
    ) -> Result:
        return self.engine.evaluate(self.facts(request, on), hits, versions, on)


def hits_from(
    queries: Sequence[NameQuery], outcome: BatchOutcome, review_floor: float
) -> list[Hit]:
    """The matches as hits; possible matches below ``review_floor`` are noise, not hits."""
    hits: dict[str, Hit] = {}
    for query in queries:
        for match in outcome.matches.get(query.ref, []):
            if match["band"] != "match" and match["score"] < review_floor:
                continue
            hit_id = f"{query.ref}|{match['party_id']}"
            fields = {k: v for k, v in match.items() if k in Hit.model_fields}
            hits.setdefault(
                hit_id,
                Hit(
                    **fields,
                    hit_id=hit_id,
                    ref=query.ref,
                    query_name=query.name,
                    role=query.role,
                    subject_key=query.subject_key,
                ),
            )
    return list(hits.values())


def _prior(adjudication: ScreeningAdjudication) -> PriorAdjudication:
    assert adjudication.id is not None
    return PriorAdjudication(
        adjudication_id=adjudication.id,
        case_id=adjudication.case_id,
        verdict=adjudication.verdict,
        reason=adjudication.reason,
        actor=adjudication.actor,
        at=adjudication.at,
    )


def review_hits(
    repo: ScreeningRepository, hits: Sequence[Hit], case_id: str | None
) -> list[ReviewedHit]:
    """Each hit with the adjudication that applies: this case's own, else the latest verdict
    on the same subject and the same (unchanged) list entry, which suppresses the hit when it
    was a false positive."""
    own = {(a.hit_id, a.content_hash): a for a in (repo.adjudications(case_id) if case_id else [])}
    memory = {
        (a.subject_key, a.party_id, a.content_hash): a
        for a in repo.remembered_adjudications(
            (h.subject_key, h.party_id, h.content_hash) for h in hits
        )
    }
    reviewed = []
    for hit in hits:
        mine = own.get((hit.hit_id, hit.content_hash))
        if mine is not None:
            reviewed.append(
                ReviewedHit(**hit.model_dump(), status=mine.verdict, adjudication=_prior(mine))
            )
            continue
        prior = memory.get((hit.subject_key, hit.party_id, hit.content_hash))
        if prior is not None and prior.verdict == "false_positive":
            reviewed.append(
                ReviewedHit(**hit.model_dump(), status="suppressed", adjudication=_prior(prior))
            )
        else:
            reviewed.append(ReviewedHit(**hit.model_dump()))
    return reviewed


@dataclass
class CaseState:
    case: ScreeningCase
    event: ScreeningCaseEvent
    assessment: ScreeningAssessment
    request: ScreeningRequest
    hits: list[Hit]

    @property
    def version(self) -> int:
        return self.event.seq


def load_state(repo: ScreeningRepository, case_id: str, *, for_update: bool = False) -> CaseState:
    case = repo.lock_case(case_id) if for_update else repo.case(case_id)
    event = repo.latest_event(case_id) if case else None
    assessment = repo.latest_assessment(case_id) if case else None
    if case is None or event is None or assessment is None:
        raise NotFound(f"No case {case_id!r}.")
    return CaseState(
        case=case,
        event=event,
        assessment=assessment,
        request=REQUEST_ADAPTER.validate_json(case.request),
        hits=HITS_ADAPTER.validate_json(assessment.hits),
    )


def current_result(repo: ScreeningRepository, assessor: Assessor, state: CaseState) -> Result:
    reviewed = review_hits(repo, state.hits, state.case.id)
    versions = json.loads(state.assessment.list_versions)
    return assessor.assess(state.request, reviewed, versions, state.assessment.created_at.date())


def next_event(
    state: CaseState,
    actor: Actor,
    action: str,
    result: Result,
    *,
    status: str | None = None,
    review_round: int | None = None,
    assessment: ScreeningAssessment | None = None,
    detail: dict[str, Any] | None = None,
) -> ScreeningCaseEvent:
    """The event after the case's latest one; inserting it fails if another writer won."""
    assessment = assessment or state.assessment
    return ScreeningCaseEvent(
        case_id=state.case.id,
        seq=state.event.seq + 1,
        at=utcnow(),
        actor=actor.name,
        actor_role=actor.role,
        request_id=actor.request_id,
        action=action,
        status=status or state.event.status,
        level=result.level,
        needs_review=result.needs_review,
        review_round=state.event.review_round if review_round is None else review_round,
        assessment_number=assessment.number,
        rules_version=result.rules_version,
        list_versions=assessment.list_versions,
        detail=to_json(detail or {}),
    )


def write_with_retry(engine: Engine, work: Callable[[ScreeningRepository], T]) -> T:
    """Run ``work`` in one transaction; when a concurrent writer took the same case version,
    run it again on the new state (where it may find its work done, or refuse a conflict)."""
    for attempt in range(WRITE_ATTEMPTS):
        with Session(engine) as session:
            try:
                outcome = work(ScreeningRepository(session))
                session.commit()
                return outcome
            except (IntegrityError, OperationalError) as exc:
                session.rollback()
                if isinstance(exc, OperationalError) and "locked" not in str(exc):
                    raise
        time.sleep(random.uniform(0.005, 0.02) * (attempt + 1))
    raise Conflict("The case is changing too fast; read it again and retry.")
