"""``/v1/alerts``: what re-screening found, with each webhook delivery attempt."""

from typing import Annotated

from fastapi import APIRouter, Path, Query

from services.screening.routes.cases import CASE_ID_PATTERN
from services.screening.routes.deps import PROBLEM, ActorDep, CasebookDep
from services.screening.schemas.cases import AlertOut, AlertPage

router = APIRouter(prefix="/v1/alerts", tags=["alerts"])


@router.get("", summary="Alerts on the cases the caller may read, newest first")
def list_alerts(
    book: CasebookDep,
    viewer: ActorDep,
    case_id: Annotated[str | None, Query(pattern=CASE_ID_PATTERN)] = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
) -> AlertPage:
    return book.alerts(viewer, case_id, limit, offset)


@router.get(
    "/{alert_id}",
    summary="One alert and its webhook deliveries",
    responses={404: {"description": "No such alert", **PROBLEM}},
)
def get_alert(
    alert_id: Annotated[int, Path(ge=1, le=2**31 - 1)], book: CasebookDep, viewer: ActorDep
) -> AlertOut:
    return book.alert(alert_id, viewer)
