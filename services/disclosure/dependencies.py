"""Request-scoped pieces: the session whose transaction the request owns, the caller, the
use-case services."""

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Header, Request
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from common.errors import Conflict
from services.disclosure.access import Actor, Role
from services.disclosure.certification import Certifier
from services.disclosure.records import Records
from services.disclosure.settings import DisclosureSettings
from services.disclosure.undisclosed import UndisclosedCheck


def get_session(request: Request) -> Iterator[Session]:
    """One transaction per request, committed when the handler returns without error."""
    with Session(request.app.state.engine) as session:
        try:
            yield session
            session.commit()
        except IntegrityError as exc:
            session.rollback()
            raise Conflict("The change conflicts with one made at the same time; retry.") from exc


def get_actor(
    x_actor: Annotated[str | None, Header(max_length=200)] = None,
    x_actor_role: Annotated[Role, Header(description="Set by the gateway")] = "system",
    x_actor_person: Annotated[
        str | None, Header(max_length=100, description="ORCID or person id of the key's owner")
    ] = None,
) -> Actor:
    return Actor(name=x_actor or "system", role=x_actor_role, person=x_actor_person)


SessionDep = Annotated[Session, Depends(get_session, scope="function")]
ActorDep = Annotated[Actor, Depends(get_actor)]


def _settings(request: Request) -> DisclosureSettings:
    settings: DisclosureSettings = request.app.state.settings
    return settings


def get_records(request: Request, session: SessionDep) -> Records:
    return Records(session, _settings(request))


def get_certifier(request: Request, session: SessionDep) -> Certifier:
    return Certifier(session, _settings(request), request.app.state.parties)


def get_undisclosed(request: Request, session: SessionDep) -> UndisclosedCheck:
    return UndisclosedCheck(session, _settings(request), request.app.state.screening)


RecordsDep = Annotated[Records, Depends(get_records)]
CertifierDep = Annotated[Certifier, Depends(get_certifier)]
UndisclosedDep = Annotated[UndisclosedCheck, Depends(get_undisclosed)]
