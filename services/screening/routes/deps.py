"""Dependencies shared by the routes: the caller's identity and the services."""

from typing import Annotated, Any

from fastapi import Depends, Header, Request

from common.logging import request_id_var
from services.screening.access import require_reviewer
from services.screening.casebook import Casebook
from services.screening.casework import Actor
from services.screening.rescreen import RescreenService
from services.screening.review import ReviewService
from services.screening.screening import ScreeningService

PROBLEM: dict[str, Any] = {"content": {"application/problem+json": {}}}
NOT_FOUND: dict[int | str, dict[str, Any]] = {404: {"description": "No such case", **PROBLEM}}
PARTIES_DOWN: dict[int | str, dict[str, Any]] = {
    503: {"description": "The party-list service is unavailable; nothing was stored", **PROBLEM}
}
REVIEWERS_ONLY: dict[int | str, dict[str, Any]] = {
    403: {"description": "Only reviewers (and admin or internal calls) may do this", **PROBLEM}
}


def actor(
    x_actor: Annotated[str | None, Header(max_length=200, description="Set by the gateway")] = None,
    x_actor_role: Annotated[str | None, Header(max_length=40)] = None,
) -> Actor:
    return Actor(
        name=(x_actor or "").strip() or "system",
        role=(x_actor_role or "").strip() or "system",
        request_id=request_id_var.get(),
    )


def reviewer(caller: Annotated[Actor, Depends(actor)]) -> Actor:
    require_reviewer(caller)
    return caller


def _state(request: Request, name: str) -> Any:
    return getattr(request.app.state, name)


def screening_service(request: Request) -> ScreeningService:
    service: ScreeningService = _state(request, "screening")
    return service


def review_service(request: Request) -> ReviewService:
    service: ReviewService = _state(request, "review")
    return service


def casebook(request: Request) -> Casebook:
    service: Casebook = _state(request, "casebook")
    return service


def rescreen_service(request: Request) -> RescreenService:
    service: RescreenService = _state(request, "rescreen")
    return service


ActorDep = Annotated[Actor, Depends(actor)]
ReviewerDep = Annotated[Actor, Depends(reviewer)]
ScreeningDep = Annotated[ScreeningService, Depends(screening_service)]
ReviewDep = Annotated[ReviewService, Depends(review_service)]
CasebookDep = Annotated[Casebook, Depends(casebook)]
RescreenDep = Annotated[RescreenService, Depends(rescreen_service)]
