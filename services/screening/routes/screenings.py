"""``/v1/screenings``: screen a collaboration, a visit or a purchase; the rules in force."""

from typing import Annotated, Any

from fastapi import APIRouter, Body, File, Form, UploadFile

from common.errors import PayloadTooLarge
from services.screening.routes.deps import PARTIES_DOWN, PROBLEM, ActorDep, ScreeningDep
from services.screening.rulebook import Rulebook
from services.screening.schemas.cases import ScreeningResponse
from services.screening.schemas.examples import SCREENING_EXAMPLES
from services.screening.schemas.requests import ScreeningRequest
from services.screening.vendor_file import MAX_FILE_BYTES, parse_vendor_file

router = APIRouter(prefix="/v1/screenings", tags=["screenings"])
INVALID: dict[int | str, dict[str, Any]] = {422: {"description": "Invalid request", **PROBLEM}}


@router.post(
    "",
    status_code=201,
    summary="Screen a collaboration, a visitor or a vendor/shipment",
    description="Every named party (people, institutions, affiliations, funders, payers, "
    "talent programmes, co-author affiliations, vendors, consignees, end users) is screened "
    "in one batch call to the party-list service; the rules table then weighs the red flags. "
    "The answer starts with `level` (LOW, ELEVATED, HIGH, BLOCKED) and opens a case.",
    responses={**INVALID, **PARTIES_DOWN},
)
async def screen(
    body: Annotated[ScreeningRequest, Body(openapi_examples=SCREENING_EXAMPLES)],
    service: ScreeningDep,
    actor: ActorDep,
) -> ScreeningResponse:
    return await service.screen(body, actor)


@router.post(
    "/vendor-file",
    status_code=201,
    summary="Screen a procurement file of vendors (CSV)",
    description="A UTF-8 CSV with a `name` column and optional `country`, `type`, `role` "
    "(vendor, end_user, consignee, manufacturer), `goods`, `subject_ref`; up to 10,000 rows. "
    "Screened as one `vendor` case.",
    responses={
        413: {"description": "File too large", **PROBLEM},
        **INVALID,
        **PARTIES_DOWN,
    },
)
async def screen_vendor_file(
    service: ScreeningDep,
    actor: ActorDep,
    file: Annotated[UploadFile, File(description="CSV of vendors")],
    sponsor: Annotated[str | None, Form(max_length=200)] = None,
) -> ScreeningResponse:
    content = await file.read(MAX_FILE_BYTES + 1)
    if len(content) > MAX_FILE_BYTES:
        raise PayloadTooLarge(f"The file is over {MAX_FILE_BYTES} bytes.")
    return await service.screen(parse_vendor_file(content, sponsor), actor)


@router.get("/rules", summary="The rules table and reference data in force")
async def rules(service: ScreeningDep) -> Rulebook:
    return service.assessor.rulebook
