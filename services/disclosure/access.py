"""Who may do what, from the identity headers the gateway sets.

Researchers and their delegates see their own records; a delegate may prepare drafts and
corrections but not certify. Reviewers and auditors see every record; auditors only read.
Reads by anyone other than the person (or their delegate) are logged.
"""

from dataclasses import dataclass
from typing import Literal

from common.errors import Forbidden
from services.disclosure.identifiers import looks_like_orcid, normalize_orcid
from services.disclosure.models import Person

Role = Literal[
    "requester", "procurement", "reviewer", "researcher", "delegate", "auditor", "admin", "system"
]
READ_ALL: frozenset[str] = frozenset({"reviewer", "auditor", "admin", "system"})
MANAGE_PEOPLE: frozenset[str] = frozenset({"reviewer", "admin", "system"})
RUN_CHECKS: frozenset[str] = frozenset({"reviewer", "admin", "system"})
READ_ACCESS_LOG: frozenset[str] = frozenset({"auditor", "admin", "system"})
PREPARE_ANY: frozenset[str] = frozenset({"admin", "system"})


@dataclass(frozen=True)
class Actor:
    name: str
    role: Role
    person: str | None

    def person_orcid(self) -> str | None:
        if self.person and looks_like_orcid(self.person):
            try:
                return normalize_orcid(self.person)
            except ValueError:
                return None
        return None

    def owns(self, person: Person) -> bool:
        """The researcher themself, or their delegate."""
        if self.role not in ("researcher", "delegate") or not self.person:
            return False
        ref = self.person.strip()
        return ref == person.id or (
            person.orcid is not None and self.person_orcid() == person.orcid
        )

    def logged_reader(self, person: Person) -> bool:
        return not self.owns(person)


def require_read(actor: Actor, person: Person) -> None:
    if not (actor.owns(person) or actor.role in READ_ALL):
        raise Forbidden("You may read only your own disclosure records.")


def require_prepare(actor: Actor, person: Person) -> None:
    if not (actor.owns(person) or actor.role in PREPARE_ANY):
        raise Forbidden("Only the researcher, their delegate or an administrator may prepare it.")


def require_certify(actor: Actor, person: Person) -> None:
    if actor.role == "delegate" and actor.owns(person):
        raise Forbidden("A delegate may prepare a disclosure but only the researcher certifies it.")
    if not ((actor.role == "researcher" and actor.owns(person)) or actor.role == "system"):
        raise Forbidden("Only the researcher may certify their own disclosure.")


def require_create_person(actor: Actor, orcid: str | None) -> None:
    if actor.role in MANAGE_PEOPLE:
        return
    own_orcid = actor.person_orcid()
    if actor.role == "researcher" and orcid is not None and own_orcid == orcid:
        return
    raise Forbidden(
        "Only research-security staff or the researcher themself may register a person."
    )


def require_run_checks(actor: Actor, person: Person) -> None:
    if not (actor.role in RUN_CHECKS or (actor.role == "researcher" and actor.owns(person))):
        raise Forbidden("Only reviewers, administrators or the researcher may re-run checks.")


def require_role(actor: Actor, roles: frozenset[str], what: str) -> None:
    if actor.role not in roles:
        raise Forbidden(f"Your role ({actor.role}) may not {what}.")
