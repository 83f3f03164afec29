"""HTTP routes of the party-list service: thin handlers over the services."""

from collections.abc import Iterator
from typing import Annotated, Any

from fastapi import APIRouter, Depends, File, Form, Header, Path, Request, UploadFile
from fastapi.responses import JSONResponse, Response
from sqlmodel import Session
from starlette.concurrency import run_in_threadpool

from common.errors import PayloadTooLarge
from services.parties.csv_batch import parse_names_csv, results_csv
from services.parties.lists import ListsService, version_summary
from services.parties.schemas import (
    BatchRequest,
    BatchResponse,
    DiffResponse,
    IngestResponse,
    ListSummary,
    PartyDetail,
    SearchRequest,
    SearchResponse,
)
from services.parties.search import SearchService
from services.parties.settings import PartiesSettings

PROBLEM: dict[str, Any] = {"content": {"application/problem+json": {}}}


def get_session(request: Request) -> Iterator[Session]:
    with Session(request.app.state.engine) as session:
        yield session


def get_lists(request: Request, session: Annotated[Session, Depends(get_session)]) -> ListsService:
    settings: PartiesSettings = request.app.state.settings
    return ListsService(session, settings.stale_after_days)


def get_search(request: Request) -> SearchService:
    service: SearchService = request.app.state.search
    return service


SearchDep = Annotated[SearchService, Depends(get_search)]
ListsDep = Annotated[ListsService, Depends(get_lists)]
ListId = Annotated[str, Path(min_length=1, max_length=80, pattern=r"^[A-Za-z0-9._-]+$")]

parties = APIRouter(prefix="/v1/parties", tags=["parties"])
lists = APIRouter(prefix="/v1/lists", tags=["lists"])


@parties.post(
    "/search",
    summary="Is this name on a list?",
    responses={
        422: {"description": "Invalid query", **PROBLEM},
        503: {"description": "Lists still loading", **PROBLEM},
    },
)
async def search(body: SearchRequest, service: SearchDep) -> SearchResponse:
    return await service.search(body)


@parties.post(
    "/search/batch",
    summary="Screen up to 10,000 names in one request",
    response_model=BatchResponse,
    responses={
        422: {"description": "Invalid queries", **PROBLEM},
        503: {"description": "Lists still loading", **PROBLEM},
    },
)
async def search_batch(body: BatchRequest, service: SearchDep) -> Response:
    outcome = await service.search_batch(body)
    return Response(outcome.to_json(), media_type="application/json")


@parties.post(
    "/search/csv",
    summary="Screen a CSV file of names (procurement)",
    description="Upload a UTF-8 CSV with a `name` column (optional `ref`, `type`, `country`, "
    "`date_of_birth`), up to 10,000 rows. Answers JSON, or CSV with `Accept: text/csv`.",
    response_model=BatchResponse,
    responses={
        200: {"content": {"text/csv": {}}},
        413: {"description": "File too large", **PROBLEM},
        422: {"description": "Invalid file", **PROBLEM},
    },
)
async def search_csv(
    request: Request,
    service: SearchDep,
    file: Annotated[UploadFile, File(description="CSV of names")],
    threshold: Annotated[float | None, Form(ge=0.0, le=1.0)] = None,
    accept: Annotated[str | None, Header()] = None,
) -> Response:
    settings: PartiesSettings = request.app.state.settings
    content = await file.read(settings.max_upload_bytes + 1)
    if len(content) > settings.max_upload_bytes:
        raise PayloadTooLarge(f"The file is over {settings.max_upload_bytes} bytes.")
    queries = parse_names_csv(content)
    outcome = await service.search_batch(BatchRequest(queries=queries, threshold=threshold))
    if accept and "text/csv" in accept:
        return Response(results_csv(outcome.decoded(), queries), media_type="text/csv")
    return Response(outcome.to_json(), media_type="application/json")


@parties.get(
    "/{party_id}",
    summary="A party with every field and its history across list versions",
    responses={404: {"description": "No such party", **PROBLEM}},
)
def get_party(
    party_id: Annotated[str, Path(min_length=3, max_length=200)], service: ListsDep
) -> PartyDetail:
    return service.party(party_id)


@lists.get("", summary="Every loaded list: versions, counts, source and freshness")
def get_lists_summary(service: ListsDep) -> list[ListSummary]:
    return service.summaries()


@lists.get(
    "/{list_id}",
    summary="One list and its versions",
    responses={404: {"description": "Unknown list", **PROBLEM}},
)
def get_list(list_id: ListId, service: ListsDep) -> ListSummary:
    return service.summary(list_id)


@lists.get(
    "/{list_id}/versions/{number}/diff",
    summary="What a version added, changed and removed against the previous one",
    responses={404: {"description": "Unknown list or version", **PROBLEM}},
)
def get_diff(
    list_id: ListId, number: Annotated[int, Path(ge=1, le=1_000_000)], service: ListsDep
) -> DiffResponse:
    return service.diff(list_id, number)


@lists.post(
    "/{list_id}/versions",
    status_code=201,
    summary="Ingest an uploaded list file as a new version",
    description="Upload the official file(s) with their `format` (`csl-csv`, `csl-json`, "
    "`ofac-legacy-csv` (sdn.csv with optional add.csv, alt.csv, sdn_comments.csv), `un-xml`, "
    "`bis-dpl-txt`, `uk-ofsi-xlsx`, `curated-json`, `curated-csv`). A malformed file is rejected "
    "whole (422, naming the line); a version that loses more than the allowed share of its "
    "records is refused (409) unless `force` is true. Re-sending the current files publishes "
    "nothing (200, `unchanged`).",
    responses={
        200: {"description": "Same files as the current version", "model": IngestResponse},
        409: {"description": "Refused: too many records lost", **PROBLEM},
        413: {"description": "Upload too large", **PROBLEM},
        422: {"description": "Malformed file or unknown format", **PROBLEM},
    },
)
async def ingest_version(
    request: Request,
    list_id: ListId,
    files: Annotated[list[UploadFile], File(description="The list file(s)")],
    format: Annotated[str, Form(min_length=1, max_length=40)],
    force: Annotated[bool, Form()] = False,
    x_actor: Annotated[str | None, Header(max_length=200)] = None,
) -> JSONResponse:
    settings: PartiesSettings = request.app.state.settings
    contents: dict[str, bytes] = {}
    total = 0
    for upload in files:
        data = await upload.read(settings.max_upload_bytes + 1)
        total += len(data)
        if total > settings.max_upload_bytes:
            raise PayloadTooLarge(f"The upload is over {settings.max_upload_bytes} bytes.")
        contents[upload.filename or f"file{len(contents)}"] = data

    def ingest() -> IngestResponse:
        with Session(request.app.state.engine) as session:
            result = ListsService(session, settings.stale_after_days).ingest(
                list_id,
                format,
                contents,
                loaded_by=x_actor or "system",
                max_drop_share=settings.max_drop_share,
                force=force,
            )
            session.commit()
            return IngestResponse(
                version=version_summary(result.version), unchanged=result.unchanged
            )

    outcome = await run_in_threadpool(ingest)
    if not outcome.unchanged:
        holder = request.app.state.holder
        try:
            await run_in_threadpool(holder.rebuild, request.app.state.engine)
        except Exception:  # the version is published; the refresh loop rebuilds the index again
            outcome.searchable = False
    return JSONResponse(
        outcome.model_dump(mode="json"), status_code=200 if outcome.unchanged else 201
    )
