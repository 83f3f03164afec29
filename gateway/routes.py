"""The gateway's own endpoints: API key administration (admin role)."""

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query

from gateway.auth import CallerDep, SessionDep
from gateway.keys import KeyService
from gateway.schemas import KeyCreate, KeyCreated, KeyPublic

PROBLEM: dict[str, Any] = {"content": {"application/problem+json": {}}}
KeyId = Annotated[int, Path(ge=1, le=2**31 - 1)]

keys = APIRouter(prefix="/v1/keys", tags=["keys"])


@keys.post(
    "",
    status_code=201,
    summary="Issue an API key (the secret is shown once, in this response)",
    responses={422: {"description": "Invalid role binding or expiry", **PROBLEM}},
)
def create_key(body: KeyCreate, caller: CallerDep, session: SessionDep) -> KeyCreated:
    created = KeyService(session).create(body, created_by=caller.name)
    session.commit()
    return created


@keys.get("", summary="Every API key (never the secrets)")
def list_keys(
    caller: CallerDep,
    session: SessionDep,
    include_revoked: Annotated[bool, Query(description="Also list revoked keys")] = True,
) -> list[KeyPublic]:
    return KeyService(session).listing(include_revoked)


@keys.get(
    "/{key_id}",
    summary="One API key",
    responses={404: {"description": "No such key", **PROBLEM}},
)
def get_key(key_id: KeyId, caller: CallerDep, session: SessionDep) -> KeyPublic:
    return KeyService(session).get(key_id)


@keys.delete(
    "/{key_id}",
    summary="Revoke an API key; it is refused (401) from now on",
    responses={
        404: {"description": "No such key", **PROBLEM},
        409: {"description": "A key cannot revoke itself", **PROBLEM},
    },
)
def revoke_key(key_id: KeyId, caller: CallerDep, session: SessionDep) -> KeyPublic:
    revoked = KeyService(session).revoke(key_id, caller.name, caller_key_id=caller.key_id)
    session.commit()
    return revoked
