"""Who may read which cases and who may review them, checked here as well as at the gateway.

Requesters and procurement systems read only the cases they created (anyone else's case is
"not found", so case ids do not leak); reviewers, auditors, admins and internal calls (no actor
headers: role ``system``) read every case. Any other role is held to its own cases too. Only
reviewers, admins and internal calls adjudicate, decide or trigger a re-screen.
"""

from common.errors import Forbidden
from services.screening.casework import Actor

READS_EVERY_CASE = frozenset({"reviewer", "auditor", "admin", "system"})
REVIEWS_CASES = frozenset({"reviewer", "admin", "system"})


def case_owner(viewer: Actor) -> str | None:
    """None when ``viewer`` may read every case, else the actor whose cases it may read."""
    return None if viewer.role in READS_EVERY_CASE else viewer.name


def may_read(viewer: Actor, created_by: str) -> bool:
    owner = case_owner(viewer)
    return owner is None or owner == created_by


def require_reviewer(actor: Actor) -> None:
    if actor.role not in REVIEWS_CASES:
        raise Forbidden(
            f"The {actor.role!r} role may not adjudicate, decide or re-screen cases; reviewers do.",
            role=actor.role,
        )
