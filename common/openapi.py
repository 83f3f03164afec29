"""Make every service's OpenAPI document say what it does: every error is problem+json."""

from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

PROBLEM_SCHEMA: dict[str, Any] = {
    "title": "Problem",
    "description": "RFC 9457 problem details.",
    "type": "object",
    "required": ["type", "title", "status", "detail"],
    "properties": {
        "type": {"type": "string", "description": "A URI reference naming the kind of problem"},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "detail": {"type": "string", "description": "What went wrong, for a person to read"},
        "instance": {"type": "string"},
        "errors": {
            "type": "array",
            "description": "Each invalid field, for validation problems",
            "items": {"type": "object"},
        },
    },
    "additionalProperties": True,
}
PROBLEM_CONTENT = {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}
GENERIC = {
    400: "Malformed request body",
    422: "Invalid request: the problem names each invalid field",
}


def _document_problems(operation: dict[str, Any]) -> None:
    responses: dict[str, Any] = operation.setdefault("responses", {})
    takes_input = "requestBody" in operation or bool(operation.get("parameters"))
    if "requestBody" in operation:
        responses.setdefault("400", {"description": GENERIC[400]})
    if takes_input:
        responses.setdefault("422", {"description": GENERIC[422]})
    for code, response in responses.items():
        if code.isdigit() and int(code) >= 400:
            response["content"] = PROBLEM_CONTENT
            if response.get("description") == "Validation Error":
                response["description"] = GENERIC[422]


def install_problem_openapi(app: FastAPI) -> None:
    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            schema = get_openapi(
                title=app.title,
                version=app.version,
                summary=app.summary,
                description=app.description,
                routes=app.routes,
            )
            components = schema.setdefault("components", {}).setdefault("schemas", {})
            components["Problem"] = PROBLEM_SCHEMA
            for name in ("HTTPValidationError", "ValidationError"):
                components.pop(name, None)
            for path_item in schema.get("paths", {}).values():
                for operation in path_item.values():
                    _document_problems(operation)
            app.openapi_schema = schema
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
