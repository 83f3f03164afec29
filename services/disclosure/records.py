"""People and their disclosure versions: registering, drafting, correcting, reading.

Every change appends an event; every read by someone other than the person is logged.
"""

import json
import uuid
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlmodel import Session

from common.errors import Conflict, NotFound
from services.disclosure import access
from services.disclosure.access import Actor
from services.disclosure.content import DisclosureContent
from services.disclosure.identifiers import looks_like_orcid, normalize_orcid
from services.disclosure.models import AccessLogEntry, DisclosureVersion, Event, Person
from services.disclosure.repository import DisclosureRepository
from services.disclosure.schemas import (
    AccessLogOut,
    CorrectionCreate,
    CorrectionOut,
    DraftCreate,
    DraftUpdate,
    DueFilter,
    EventOut,
    PeoplePage,
    PersonCreate,
    PersonOut,
    VersionList,
    VersionOut,
)
from services.disclosure.settings import DisclosureSettings
from services.disclosure.views import (
    access_entry_out,
    certification_status,
    event_out,
    person_out,
    version_out,
    version_summary,
)


def now() -> datetime:
    return datetime.now(UTC)


def canonical(data: Any) -> str:
    return json.dumps(data, sort_keys=True, separators=(",", ":"), default=str)


class Records:
    def __init__(self, session: Session, settings: DisclosureSettings) -> None:
        self.repo = DisclosureRepository(session)
        self.settings = settings

    # --- shared by the other use cases -------------------------------------------------------

    def person(self, ref: str) -> Person:
        """A person by their id or their ORCID."""
        found = None
        if looks_like_orcid(ref):
            try:
                found = self.repo.person_by_orcid(normalize_orcid(ref))
            except ValueError:
                found = None
        else:
            found = self.repo.person(ref)
        if found is None:
            raise NotFound(f"No person {ref!r}.")
        return found

    def version(self, version_id: str) -> tuple[DisclosureVersion, Person]:
        version = self.repo.version(version_id)
        if version is None:
            raise NotFound(f"No disclosure version {version_id!r}.")
        person = self.repo.person(version.person_id)
        if person is None:
            raise NotFound(f"No disclosure version {version_id!r}.")
        return version, person

    def record_event(
        self, actor: Actor, person_id: str, version_id: str | None, kind: str, **data: Any
    ) -> None:
        self.repo.add(
            Event(
                person_id=person_id,
                version_id=version_id,
                kind=kind,
                actor=actor.name,
                actor_role=actor.role,
                at=now(),
                data=canonical(data),
            )
        )

    def read_by(
        self, actor: Actor, person: Person, action: str, version_id: str | None = None
    ) -> None:
        access.require_read(actor, person)
        if actor.logged_reader(person):
            self.repo.add(
                AccessLogEntry(
                    person_id=person.id,
                    version_id=version_id,
                    action=action,
                    actor=actor.name,
                    actor_role=actor.role,
                    at=now(),
                )
            )

    def person_view(self, person: Person) -> PersonOut:
        latest = self.repo.latest_certification(person.id)
        status = certification_status(
            latest.expires_on if latest else None,
            latest.certified_at if latest else None,
            date.today(),
            self.settings.due_within_days,
        )
        return person_out(person, status)

    def version_view(self, version: DisclosureVersion) -> VersionOut:
        return version_out(version, self.repo.certification(version.id))

    # --- people --------------------------------------------------------------------------------

    def register(self, body: PersonCreate, actor: Actor) -> PersonOut:
        access.require_create_person(actor, body.orcid)
        if body.orcid and self.repo.person_by_orcid(body.orcid):
            raise Conflict(f"A person with ORCID {body.orcid} is already registered.")
        person = Person(
            id=str(uuid.uuid4()),
            orcid=body.orcid,
            name=body.name,
            position=body.position,
            primary_organisation=body.primary_organisation,
            created_at=now(),
            created_by=actor.name,
        )
        self.repo.add(person)
        self.record_event(actor, person.id, None, "person_registered", orcid=body.orcid)
        return self.person_view(person)

    def get_person(self, ref: str, actor: Actor) -> PersonOut:
        person = self.person(ref)
        self.read_by(actor, person, "read_person")
        return self.person_view(person)

    def people(
        self, actor: Actor, due: DueFilter | None, as_of: date | None, limit: int, offset: int
    ) -> PeoplePage:
        access.require_role(actor, access.READ_ALL, "list everyone's certification status")
        day = as_of or date.today()
        within = self.settings.due_within_days
        window_end = day + timedelta(days=within)
        expiring_before = day if due == "overdue" else window_end if due == "due" else None
        unexpired_from = window_end if due == "current" else None
        rows = self.repo.people(
            expiring_before=expiring_before,
            unexpired_from=unexpired_from,
            limit=limit,
            offset=offset,
        )
        items = [
            person_out(person, certification_status(expires, certified, day, within))
            for person, expires, certified in rows
        ]
        return PeoplePage(
            as_of=day, due_within_days=within, limit=limit, offset=offset, items=items
        )

    def versions(self, ref: str, actor: Actor) -> VersionList:
        person = self.person(ref)
        self.read_by(actor, person, "list_versions")
        versions = self.repo.versions(person.id)
        certifications = self.repo.certifications([v.id for v in versions])
        return VersionList(
            person_id=person.id,
            versions=[version_summary(v, certifications.get(v.id)) for v in versions],
        )

    def access_log(self, ref: str, actor: Actor, limit: int, offset: int) -> AccessLogOut:
        access.require_role(actor, access.READ_ACCESS_LOG, "read the access log")
        person = self.person(ref)
        entries = self.repo.access_log(person.id, limit, offset)
        return AccessLogOut(person_id=person.id, items=[access_entry_out(e) for e in entries])

    # --- versions ------------------------------------------------------------------------------

    def _refuse_second_draft(self, person: Person) -> None:
        draft = self.repo.open_draft(person.id)
        if draft is not None:
            raise Conflict(
                f"Version {draft.number} is an open draft; edit or certify it first.",
                draft_id=draft.id,
            )

    def _new_version(
        self, person: Person, actor: Actor, content: str, based_on: DisclosureVersion | None
    ) -> DisclosureVersion:
        moment = now()
        version = DisclosureVersion(
            id=str(uuid.uuid4()),
            person_id=person.id,
            number=self.repo.next_number(person.id),
            status="draft",
            open_draft=True,
            revision=1,
            content=content,
            based_on_id=based_on.id if based_on else None,
            created_at=moment,
            created_by=actor.name,
            updated_at=moment,
        )
        return version

    def create_draft(self, ref: str, body: DraftCreate, actor: Actor) -> VersionOut:
        person = self.person(ref)
        access.require_prepare(actor, person)
        self._refuse_second_draft(person)
        base = self.repo.latest_certified(person.id) if body.from_latest else None
        if body.content is not None:
            content = canonical(body.content.model_dump(mode="json"))
        else:
            content = (
                base.content if base else canonical(DisclosureContent().model_dump(mode="json"))
            )
        version = self._new_version(person, actor, content, base if body.content is None else None)
        self.repo.add(version)
        self.record_event(
            actor,
            person.id,
            version.id,
            "draft_created",
            number=version.number,
            based_on=version.based_on_id,
        )
        return self.version_view(version)

    def get_version(self, version_id: str, actor: Actor) -> VersionOut:
        version, person = self.version(version_id)
        self.read_by(actor, person, "read_disclosure", version.id)
        return self.version_view(version)

    def update_draft(self, version_id: str, body: DraftUpdate, actor: Actor) -> VersionOut:
        version, person = self.version(version_id)
        access.require_prepare(actor, person)
        if version.status != "draft":
            raise Conflict(
                f"Version {version.number} is certified and frozen; file a correction instead."
            )
        if version.revision != body.revision:
            raise Conflict(
                f"Version {version.number} is at revision {version.revision}, not "
                f"{body.revision}; reload it and apply your changes again.",
                current_revision=version.revision,
            )
        old = json.loads(version.content)
        new = body.content.model_dump(mode="json")
        changed = sorted(key for key in new if old.get(key, []) != new[key])
        if not self.repo.update_draft(version.id, body.revision, canonical(new), now()):
            raise Conflict("The draft changed or was certified meanwhile; reload it.")
        self.record_event(
            actor,
            person.id,
            version.id,
            "draft_updated",
            revision=body.revision + 1,
            sections_changed=changed,
        )
        refreshed, _ = self.version(version.id)
        return self.version_view(refreshed)

    def correct(self, version_id: str, body: CorrectionCreate, actor: Actor) -> VersionOut:
        corrected, person = self.version(version_id)
        access.require_prepare(actor, person)
        if corrected.status != "certified":
            raise Conflict(f"Version {corrected.number} is a draft; edit it instead.")
        self._refuse_second_draft(person)
        content = (
            canonical(body.content.model_dump(mode="json"))
            if body.content is not None
            else corrected.content
        )
        version = self._new_version(person, actor, content, corrected)
        correction = CorrectionOut(
            what_changed=body.what_changed,
            reason=body.reason,
            discovered_on=body.discovered_on,
            corrects_version_id=corrected.id,
            corrects_version_number=corrected.number,
            recorded_at=version.created_at,
            recorded_by=actor.name,
        )
        version.correction = correction.model_dump_json()
        self.repo.add(version)
        self.record_event(
            actor,
            person.id,
            version.id,
            "correction_created",
            number=version.number,
            corrects_version=corrected.number,
            what_changed=body.what_changed,
            reason=body.reason,
            discovered_on=body.discovered_on.isoformat(),
        )
        return self.version_view(version)

    def events(self, version_id: str, actor: Actor) -> list[EventOut]:
        version, person = self.version(version_id)
        self.read_by(actor, person, "read_events", version.id)
        return [event_out(e) for e in self.repo.events(version.id)]
