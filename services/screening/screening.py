"""New screenings: screen every named party in one batch call, assess, open the case."""

import uuid

from sqlalchemy.engine import Engine
from starlette.concurrency import run_in_threadpool

from services.screening.casework import (
    Actor,
    Assessor,
    hits_from,
    review_hits,
    to_json,
    utcnow,
    write_with_retry,
)
from services.screening.facts import Facts
from services.screening.models import (
    ScreeningAssessment,
    ScreeningCase,
    ScreeningCaseEvent,
    ScreeningPersonOrganisation,
)
from services.screening.parties_client import BatchOutcome, PartiesClient
from services.screening.repository import ScreeningRepository
from services.screening.schemas.cases import ScreeningResponse
from services.screening.schemas.requests import ScreeningRequest
from services.screening.schemas.results import Result


class ScreeningService:
    def __init__(self, engine: Engine, parties: PartiesClient, assessor: Assessor) -> None:
        self.engine = engine
        self.parties = parties
        self.assessor = assessor

    async def screen(self, request: ScreeningRequest, actor: Actor) -> ScreeningResponse:
        now = utcnow()
        facts = self.assessor.facts(request, now.date())
        outcome = await self.parties.search(facts.queries)  # nothing is stored if this fails

        def store(repo: ScreeningRepository) -> ScreeningResponse:
            return self._store(repo, request, facts, outcome, actor)

        return await run_in_threadpool(write_with_retry, self.engine, store)

    def _store(
        self,
        repo: ScreeningRepository,
        request: ScreeningRequest,
        facts: Facts,
        outcome: BatchOutcome,
        actor: Actor,
    ) -> ScreeningResponse:
        now = utcnow()
        hits = hits_from(facts.queries, outcome, self.assessor.rulebook.rules.review_floor)
        reviewed = review_hits(repo, hits, None)
        result = self.assessor.engine.evaluate(facts, reviewed, outcome.list_versions, now.date())
        case_id = str(uuid.uuid4())
        case = ScreeningCase(
            id=case_id,
            kind=request.kind,
            created_at=now,
            created_by=actor.name,
            created_role=actor.role,
            request_id=actor.request_id,
            request=request.model_dump_json(),
        )
        assessment = ScreeningAssessment(
            case_id=case_id,
            number=1,
            created_at=now,
            trigger="initial",
            actor=actor.name,
            rules_version=result.rules_version,
            list_versions=to_json(outcome.list_versions),
            changed_lists=to_json([]),
            hits=to_json([hit.model_dump() for hit in hits]),
            result=result.model_dump_json(),
        )
        event = _first_event(case, assessment, result, actor, len(facts.queries))
        people = [
            ScreeningPersonOrganisation(
                person_ref=link.person_ref,
                name=link.name,
                role=link.role,
                case_id=case_id,
                screened_at=now,
            )
            for link in facts.person_organisations
        ]
        repo.add(case)
        repo.add(assessment, event, *people)
        return ScreeningResponse(
            **result.model_dump(),
            case_id=case_id,
            case_version=event.seq,
            status="open",
            kind=request.kind,
        )


def _first_event(
    case: ScreeningCase,
    assessment: ScreeningAssessment,
    result: Result,
    actor: Actor,
    names_screened: int,
) -> ScreeningCaseEvent:
    return ScreeningCaseEvent(
        case_id=case.id,
        seq=1,
        at=case.created_at,
        actor=actor.name,
        actor_role=actor.role,
        request_id=actor.request_id,
        action="screened",
        status="open",
        level=result.level,
        needs_review=result.needs_review,
        review_round=1,
        assessment_number=assessment.number,
        rules_version=result.rules_version,
        list_versions=assessment.list_versions,
        detail=to_json(
            {
                "names_screened": names_screened,
                "hits": len(result.hits),
                "findings": [f.rule_id for f in result.findings],
            }
        ),
    )
