"""The catch-all route that forwards /v1 calls to the service that owns the path."""

from fastapi import APIRouter, Depends, Request
from starlette.responses import Response

from common.errors import NotFound
from common.metrics import ROUTE_LABEL_KEY
from gateway.auth import authorized_caller
from gateway.keys import Identity
from gateway.openapi import OpenApiCatalog
from gateway.roles import rule_for, service_for
from gateway.upstream import Forward, Upstreams, request_headers

proxy = APIRouter()


def owning_service(request: Request) -> str:
    """The service behind the path; also labels the request's metrics with the route rule."""
    service = service_for(request.url.path)
    if service is None:
        raise NotFound(f"No route {request.url.path}.")
    rule = rule_for(request.method, request.url.path)
    setattr(request.state, ROUTE_LABEL_KEY, rule.pattern if rule else f"/v1/{service}/other")
    return service


@proxy.api_route(
    "/v1/{path:path}",
    methods=["GET", "POST", "PUT", "PATCH", "DELETE"],
    include_in_schema=False,
)
async def forward(
    request: Request,
    service: str = Depends(owning_service),
    caller: Identity = Depends(authorized_caller),
) -> Response:
    rule = rule_for(request.method, request.url.path)
    upstreams: Upstreams = request.app.state.upstreams
    response = await upstreams.send(
        Forward(
            service=service,
            method=request.method,
            path=request.scope.get("raw_path", b"").decode("latin-1") or request.url.path,
            query=request.url.query,
            headers=request_headers(request.headers.items(), caller),
            body=await request.body(),
            long_running=bool(rule and rule.long_running),
        )
    )
    catalog: OpenApiCatalog = request.app.state.catalog
    catalog.note_up(service)
    return response
