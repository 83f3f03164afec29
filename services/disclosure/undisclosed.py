"""What screening found for a person that their latest certified disclosure does not name."""

from rapidfuzz import fuzz
from sqlmodel import Session
from starlette.concurrency import run_in_threadpool

from common.names import normalize_name
from services.disclosure.access import Actor
from services.disclosure.clients import ScreenedOrganisation, ScreeningClient
from services.disclosure.content import DisclosureContent
from services.disclosure.models import DisclosureVersion, Person
from services.disclosure.records import Records
from services.disclosure.schemas import UndisclosedOrganisation, UndisclosedOut
from services.disclosure.settings import DisclosureSettings
from services.disclosure.views import content_of

# Near-identical spellings only ("Tsinghua Univ." is not enough, a typo is): distinguishing
# words such as "normal" or "of technology" must keep two institutions apart.
SAME_NAME_RATIO = 95.0


def disclosed_names(content: DisclosureContent, person: Person) -> set[str]:
    names = [
        person.primary_organisation,
        *(a.organisation for a in content.appointments),
        *(s.source for s in content.support),
        *(t.name for t in content.talent_programmes),
        *(t.sponsor for t in content.talent_programmes),
        *(o.organisation for o in content.outside_activities),
        *(t.sponsor for t in content.sponsored_travel),
        *(f.partner_organisation for f in content.foreign_agreements),
    ]
    return {normalized for name in names if (normalized := normalize_name(name))}


def is_disclosed(name: str, disclosed: set[str]) -> bool:
    normalized = normalize_name(name)
    if not normalized:
        return True
    if normalized in disclosed:
        return True
    return any(fuzz.ratio(normalized, known) >= SAME_NAME_RATIO for known in disclosed)


def undisclosed(
    found: list[ScreenedOrganisation], content: DisclosureContent | None, person: Person
) -> list[UndisclosedOrganisation]:
    disclosed = (
        disclosed_names(content, person)
        if content
        else {normalize_name(person.primary_organisation)}
    )
    seen: set[tuple[str, str | None]] = set()
    missing = []
    for organisation in found:
        key = (normalize_name(organisation.name), organisation.role)
        if key in seen or is_disclosed(organisation.name, disclosed):
            continue
        seen.add(key)
        missing.append(UndisclosedOrganisation(**organisation.model_dump()))
    return missing


class UndisclosedCheck:
    def __init__(
        self, session: Session, settings: DisclosureSettings, screening: ScreeningClient
    ) -> None:
        self.records = Records(session, settings)
        self.screening = screening

    def _load(self, ref: str, actor: Actor) -> tuple[Person, DisclosureVersion | None]:
        person = self.records.person(ref)
        self.records.read_by(actor, person, "read_undisclosed")
        return person, self.records.repo.latest_certified(person.id)

    async def report(self, ref: str, actor: Actor) -> UndisclosedOut:
        person, version = await run_in_threadpool(self._load, ref, actor)
        person_ref = person.orcid or person.id
        found = await self.screening.organisations(person_ref)
        content = content_of(version) if version else None
        return UndisclosedOut(
            person_id=person.id,
            person_ref=person_ref,
            compared_version_id=version.id if version else None,
            compared_version_number=version.number if version else None,
            screened_organisations=len(found),
            undisclosed=undisclosed(found, content, person),
        )
