"""HTTP routes of the disclosure service: thin handlers over the use cases."""

from datetime import date
from typing import Annotated, Any
from uuid import UUID

from fastapi import APIRouter, Path, Query

from services.disclosure.dependencies import ActorDep, CertifierDep, RecordsDep, UndisclosedDep
from services.disclosure.schemas import (
    AccessLogOut,
    CertifyRequest,
    CheckRunOut,
    ChecksOut,
    CorrectionCreate,
    DraftCreate,
    DraftUpdate,
    DueFilter,
    EventOut,
    PeoplePage,
    PersonCreate,
    PersonOut,
    UndisclosedOut,
    VersionList,
    VersionOut,
)

PersonRef = Annotated[
    str,
    Path(
        description="The person's id or ORCID",
        pattern=r"^(?:[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"
        r"|\d{4}-\d{4}-\d{4}-\d{3}[\dXx])$",
        examples=["0000-0002-1825-0097"],
    ),
]
VersionId = Annotated[UUID, Path(description="A disclosure version's id")]
Limit = Annotated[int, Query(ge=1, le=500)]
Offset = Annotated[int, Query(ge=0, le=1_000_000)]


def problems(*codes: int) -> dict[int | str, dict[str, Any]]:
    descriptions = {
        400: "The body is not JSON",
        403: "Your role or identity may not do this",
        404: "No such person or version",
        409: "Conflict: frozen version, stale revision, open draft or duplicate",
        422: "Invalid input; nothing was stored",
        503: "A service this needs (parties or screening) is unavailable; nothing was stored",
    }
    return {
        code: {"description": descriptions[code], "content": {"application/problem+json": {}}}
        for code in (400, *codes, 422)
    }


people = APIRouter(prefix="/v1/people", tags=["people"])
disclosures = APIRouter(prefix="/v1/disclosures", tags=["disclosures"])


@people.post("", status_code=201, summary="Register a person", responses=problems(403, 409))
def register_person(body: PersonCreate, actor: ActorDep, records: RecordsDep) -> PersonOut:
    return records.register(body, actor)


@people.get(
    "",
    summary="People and their certification status: who is due or overdue",
    description="`due=overdue`: never certified or expired on `as_of`; `due=due`: also those "
    "expiring within the due window; `due=current`: valid past the window.",
    responses=problems(403),
)
def list_people(
    actor: ActorDep,
    records: RecordsDep,
    due: DueFilter | None = None,
    as_of: Annotated[date | None, Query(description="Default: today")] = None,
    limit: Limit = 100,
    offset: Offset = 0,
) -> PeoplePage:
    return records.people(actor, due, as_of, limit, offset)


@people.get("/{person_ref}", summary="A person", responses=problems(403, 404))
def get_person(person_ref: PersonRef, actor: ActorDep, records: RecordsDep) -> PersonOut:
    return records.get_person(person_ref, actor)


@people.get(
    "/{person_ref}/disclosures",
    summary="Every disclosure version of a person, oldest first",
    responses=problems(403, 404),
)
def list_versions(person_ref: PersonRef, actor: ActorDep, records: RecordsDep) -> VersionList:
    return records.versions(person_ref, actor)


@people.post(
    "/{person_ref}/disclosures",
    status_code=201,
    summary="Open a new draft version (from the latest certified one by default)",
    responses=problems(403, 404, 409),
)
def create_draft(
    person_ref: PersonRef, body: DraftCreate, actor: ActorDep, records: RecordsDep
) -> VersionOut:
    return records.create_draft(person_ref, body, actor)


@people.get(
    "/{person_ref}/undisclosed",
    summary="Organisations screening found for the person that the latest certified "
    "disclosure does not name",
    responses=problems(403, 404, 503),
)
async def get_undisclosed(
    person_ref: PersonRef, actor: ActorDep, check: UndisclosedDep
) -> UndisclosedOut:
    return await check.report(person_ref, actor)


@people.get(
    "/{person_ref}/access-log",
    summary="Who read the person's records (auditors and administrators)",
    responses=problems(403, 404),
)
def get_access_log(
    person_ref: PersonRef,
    actor: ActorDep,
    records: RecordsDep,
    limit: Limit = 100,
    offset: Offset = 0,
) -> AccessLogOut:
    return records.access_log(person_ref, actor, limit, offset)


@disclosures.get("/{version_id}", summary="A disclosure version", responses=problems(403, 404))
def get_version(version_id: VersionId, actor: ActorDep, records: RecordsDep) -> VersionOut:
    return records.get_version(str(version_id), actor)


@disclosures.put(
    "/{version_id}",
    summary="Replace a draft's content (drafts only, at the revision you read)",
    responses=problems(403, 404, 409),
)
def update_draft(
    version_id: VersionId, body: DraftUpdate, actor: ActorDep, records: RecordsDep
) -> VersionOut:
    return records.update_draft(str(version_id), body, actor)


@disclosures.post(
    "/{version_id}/certify",
    summary="Certify a draft: run the checks, then freeze it for 12 months",
    description="The researcher alone certifies (a delegate cannot). Every disclosed name is "
    "screened through the parties service first; if it is down the answer is 503 and the "
    "version stays a draft.",
    responses=problems(403, 404, 409, 503),
)
async def certify(
    version_id: VersionId, body: CertifyRequest, actor: ActorDep, certifier: CertifierDep
) -> VersionOut:
    return await certifier.certify(str(version_id), body, actor)


@disclosures.post(
    "/{version_id}/corrections",
    status_code=201,
    summary="Correct a certified version: a new draft version carrying the correction",
    responses=problems(403, 404, 409),
)
def correct(
    version_id: VersionId, body: CorrectionCreate, actor: ActorDep, records: RecordsDep
) -> VersionOut:
    return records.correct(str(version_id), body, actor)


@disclosures.get(
    "/{version_id}/checks",
    summary="The check runs of a version, newest first",
    responses=problems(403, 404),
)
def get_checks(version_id: VersionId, actor: ActorDep, certifier: CertifierDep) -> ChecksOut:
    return certifier.checks(str(version_id), actor)


@disclosures.post(
    "/{version_id}/checks",
    status_code=201,
    summary="Re-run the checks of a certified version against the current lists",
    responses=problems(403, 404, 409, 503),
)
async def rerun_checks(
    version_id: VersionId, actor: ActorDep, certifier: CertifierDep
) -> CheckRunOut:
    return await certifier.rerun(str(version_id), actor)


@disclosures.get(
    "/{version_id}/events",
    summary="The version's append-only history",
    responses=problems(403, 404),
)
def get_events(version_id: VersionId, actor: ActorDep, records: RecordsDep) -> list[EventOut]:
    return records.events(str(version_id), actor)
