"""``/v1/cases``: reviewers' lists, one case, its audit trail, review, decision, export."""

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Body, Header, Path, Query, Response
from fastapi.responses import JSONResponse, PlainTextResponse

from common.errors import Unprocessable
from services.screening.routes.deps import (
    NOT_FOUND,
    PARTIES_DOWN,
    PROBLEM,
    REVIEWERS_ONLY,
    ActorDep,
    CasebookDep,
    RescreenDep,
    ReviewDep,
    ReviewerDep,
)
from services.screening.rulebook import LevelName
from services.screening.schemas.cases import (
    AdjudicationIn,
    AdjudicationOut,
    CaseDetail,
    CaseEventOut,
    CasePage,
    CaseStatus,
    DecisionIn,
    DecisionOut,
    Kind,
    PersonOrganisations,
    RescreenIn,
    RescreenReport,
)

router = APIRouter(prefix="/v1/cases", tags=["cases"])
CASE_ID_PATTERN = r"^[0-9a-fA-F-]{1,36}$"
CaseId = Annotated[str, Path(pattern=CASE_ID_PATTERN, description="The case id (a UUID)")]
CONFLICT: dict[int | str, dict[str, Any]] = {
    409: {"description": "Conflicts with what is recorded", **PROBLEM}
}


@router.get(
    "",
    summary="Cases, newest first, filtered and paged",
    description="Reviewers, auditors and admins see every case; requesters and procurement "
    "systems see the cases they created.",
)
def list_cases(
    book: CasebookDep,
    viewer: ActorDep,
    status: CaseStatus | None = None,
    level: LevelName | None = None,
    kind: Kind | None = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
) -> CasePage:
    return book.cases(viewer, status, level, kind, limit, offset)


@router.post(
    "/rescreen",
    summary="Re-screen open and cleared cases against changed lists now",
    description="Runs what the list-version poller runs: each active case is searched again "
    "on the lists whose version changed since it was assessed (or on `lists`); new or changed "
    "hits reopen the case and raise an alert.",
    responses={
        422: {"description": "Unknown list id", **PROBLEM},
        **REVIEWERS_ONLY,
        **PARTIES_DOWN,
    },
)
async def rescreen(
    service: RescreenDep,
    actor: ReviewerDep,
    body: Annotated[RescreenIn | None, Body()] = None,
) -> RescreenReport:
    return await service.run(forced_lists=body.lists if body else None, actor=actor)


@router.get(
    "/people/{person_ref}/organisations",
    summary="Organisations screening has seen for a person (affiliations, employers, funders)",
)
def person_organisations(
    person_ref: Annotated[str, Path(max_length=200, pattern=r"^[A-Za-z0-9._:-]+$")],
    book: CasebookDep,
    viewer: ActorDep,
) -> PersonOrganisations:
    return book.person_organisations(person_ref, viewer)


@router.get("/{case_id}", summary="One case: request, current result, review", responses=NOT_FOUND)
def get_case(
    case_id: CaseId, book: CasebookDep, viewer: ActorDep, response: Response
) -> CaseDetail:
    detail = book.case(case_id, viewer)
    response.headers["ETag"] = f'"{detail.version}"'
    return detail


@router.get("/{case_id}/events", summary="The case's audit trail", responses=NOT_FOUND)
def case_events(case_id: CaseId, book: CasebookDep, viewer: ActorDep) -> list[CaseEventOut]:
    return book.events(case_id, viewer)


@router.get(
    "/{case_id}/export",
    summary="The case file as JSON or CSV",
    responses={**NOT_FOUND, 200: {"content": {"application/json": {}, "text/csv": {}}}},
)
def export_case(
    case_id: CaseId,
    book: CasebookDep,
    viewer: ActorDep,
    format: Literal["json", "csv"] = "json",
) -> Response:
    headers = {"Content-Disposition": f'attachment; filename="case-{case_id}.{format}"'}
    if format == "csv":
        csv_text = book.export_csv(case_id, viewer)
        return PlainTextResponse(csv_text, media_type="text/csv", headers=headers)
    return JSONResponse(book.export(case_id, viewer), headers=headers)


@router.post(
    "/{case_id}/adjudications",
    status_code=201,
    summary="Mark a possible match true match or false positive",
    description="Idempotent: the same verdict again answers 200 with the recorded one; a "
    "different verdict for the same hit is refused (409). A false positive is remembered for "
    "the same subject and list entry until the entry's content changes.",
    responses={
        200: {"model": AdjudicationOut, "description": "Already recorded"},
        **REVIEWERS_ONLY,
        **NOT_FOUND,
        **CONFLICT,
    },
)
async def adjudicate(
    case_id: CaseId,
    body: AdjudicationIn,
    service: ReviewDep,
    actor: ReviewerDep,
    response: Response,
) -> AdjudicationOut:
    result, created = await service.adjudicate(case_id, body, actor)
    response.status_code = 201 if created else 200
    return result


@router.post(
    "/{case_id}/decisions",
    status_code=201,
    summary="Decide the case: cleared, cleared_with_conditions or declined",
    description="Idempotent: the same decision again answers 200 with the recorded one. A "
    "different decision in the same review round, or a stale `expected_version`/`If-Match`, "
    "is refused (409). Clearing needs every possible match adjudicated; a HIGH or BLOCKED "
    "case can only be cleared with conditions.",
    responses={
        200: {"model": DecisionOut, "description": "Already recorded"},
        **REVIEWERS_ONLY,
        **NOT_FOUND,
        **CONFLICT,
    },
)
async def decide(
    case_id: CaseId,
    body: DecisionIn,
    service: ReviewDep,
    actor: ReviewerDep,
    response: Response,
    if_match: Annotated[str | None, Header(max_length=40)] = None,
) -> DecisionOut:
    result, created = await service.decide(case_id, body, actor, _version(if_match))
    response.status_code = 201 if created else 200
    return result


def _version(if_match: str | None) -> int | None:
    if if_match is None:
        return None
    raw = if_match.strip().removeprefix("W/").strip('"')
    if not raw.isdigit() or not 0 < int(raw) < 2**31:
        raise Unprocessable('If-Match must be a case version such as "3".')
    return int(raw)
