"""Turn a screening request into the facts the rules read: names to screen, places, flags.

Every named party becomes a ``NameQuery`` with a ref that says where it came from
(``parties[0]``, ``parties[0].affiliation``, ``funding_sources[1]``...). Places come only from
where activity happens (work locations, destinations, payment routes, a vendor's location);
a party's country is passed to the name matcher and nowhere else.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from common.names import normalize_name
from services.screening.rulebook import Reference
from services.screening.schemas.requests import (
    CollaborationRequest,
    FundingSource,
    Item,
    Party,
    Place,
    ScreeningRequest,
    TalentProgramme,
    VendorRequest,
    VisitorRequest,
)


@dataclass(frozen=True)
class NameQuery:
    ref: str
    name: str
    role: str
    type: str | None = None
    country: str | None = None
    date_of_birth: str | None = None
    subject_key: str = ""
    year: int | None = None


@dataclass(frozen=True)
class PlaceFact:
    where: str
    path: str
    country: str
    region: str | None


@dataclass(frozen=True)
class PersonOrganisation:
    person_ref: str
    name: str
    role: str


@dataclass
class Facts:
    queries: list[NameQuery] = field(default_factory=list)
    places: list[PlaceFact] = field(default_factory=list)
    flags: dict[str, list[str]] = field(default_factory=dict)
    person_organisations: list[PersonOrganisation] = field(default_factory=list)

    def flag(self, name: str, evidence: str) -> None:
        self.flags.setdefault(name, []).append(evidence)

    def query(self, ref: str, role: str, party: Party) -> None:
        self.queries.append(
            NameQuery(
                ref=ref,
                name=party.name,
                role=role,
                type=party.type,
                country=party.country,
                date_of_birth=party.date_of_birth,
                subject_key=subject_key(party.name, party.type, party.country, party.subject_ref),
            )
        )
        if party.affiliation:
            self.organisation(
                f"{ref}.affiliation", "affiliation", party.affiliation, party.country, None
            )
            if party.person_ref:
                self.person_organisations.append(
                    PersonOrganisation(party.person_ref, party.affiliation, "affiliation")
                )

    def organisation(
        self, ref: str, role: str, name: str, country: str | None, year: int | None
    ) -> None:
        self.queries.append(
            NameQuery(
                ref=ref,
                name=name,
                role=role,
                type="organization",
                country=country,
                subject_key=subject_key(name, "organization", country, None),
                year=year,
            )
        )

    def place(self, where: str, path: str, place: Place) -> None:
        self.places.append(PlaceFact(where, path, place.country, place.region))


def subject_key(name: str, type_: str | None, country: str | None, subject_ref: str | None) -> str:
    """Who a false-positive decision is remembered for."""
    if subject_ref:
        return f"ref:{subject_ref}"
    country_key = normalize_name(country or "")[:60] or "-"
    return f"{normalize_name(name)[:300]}|{type_ or '-'}|{country_key}"


def extract(request: ScreeningRequest, reference: Reference, on: date) -> Facts:
    facts = Facts()
    _sponsorship(facts, request.sponsor, request.federal_award, reference)
    if isinstance(request, CollaborationRequest):
        _collaboration(facts, request, reference, on)
    elif isinstance(request, VisitorRequest):
        _visitor(facts, request, reference)
    else:
        _vendor(facts, request)
    return facts


def _sponsorship(
    facts: Facts, sponsor: str | None, federal_award: bool | None, reference: Reference
) -> None:
    if sponsor and reference.sponsor_is(sponsor, "dod"):
        facts.flag("dod_funded", f"sponsor {sponsor}")
    federal = (
        federal_award
        if federal_award is not None
        else (sponsor is not None and reference.sponsor_is(sponsor, "federal"))
    )
    if federal:
        facts.flag("federal_award", f"sponsor {sponsor or 'federal award'}")


def _collaboration(
    facts: Facts, request: CollaborationRequest, reference: Reference, on: date
) -> None:
    for index, party in enumerate(request.parties):
        role = "funder" if party.role == "funder" else party.role.replace("-", "_")
        facts.query(f"parties[{index}]", role, party)
    for index, location in enumerate(request.work_locations):
        facts.place("work location", f"work_locations[{index}]", location)
    _funding(facts, request.funding_sources, reference)
    _talent(facts, request.talent_programmes)
    for index, co in enumerate(request.co_authorships):
        path = f"co_authorships[{index}]"
        if co.year < reference.coauthorship_since_year or co.year > on.year:
            continue
        facts.organisation(
            f"{path}.affiliation", "co_author_affiliation", co.affiliation, co.country, co.year
        )
    _topic(facts, request.topic, request.technology_areas, request.classifications, reference)
    physical = sorted(set(request.exchanges) & {"materials", "equipment"})
    if physical:
        facts.flag("items_to_ship", "exchanges: " + ", ".join(physical))
    _items(facts, request.items)
    terms = request.confidentiality
    if terms and (terms.results_secret or terms.restricts_publication or terms.no_reciprocity):
        wanted = [
            k
            for k in ("results_secret", "restricts_publication", "no_reciprocity")
            if getattr(terms, k)
        ]
        facts.flag("confidentiality", "confidentiality: " + ", ".join(wanted))
    if request.participants_unknown:
        facts.flag("participants_unknown", "participants not yet known")
    if request.activities:
        facts.flag("carve_out", "activities: " + ", ".join(request.activities))


def _visitor(facts: Facts, request: VisitorRequest, reference: Reference) -> None:
    facts.query("visitor", "visitor", request.visitor)
    if request.employer:
        facts.query("employer", "employer", request.employer)
        if request.visitor.person_ref:
            facts.person_organisations.append(
                PersonOrganisation(request.visitor.person_ref, request.employer.name, "employer")
            )
    for index, payer in enumerate(request.paid_by):
        path = f"paid_by[{index}]"
        facts.queries.append(
            NameQuery(
                ref=path,
                name=payer.name,
                role="payer",
                type=payer.type,
                country=payer.country,
                subject_key=subject_key(payer.name, payer.type, payer.country, None),
            )
        )
        if payer.country and reference.is_country_of_concern(payer.country):
            facts.flag("funding_country_of_concern", f"{path}: {payer.name} ({payer.country})")
        if payer.disclosed is False:
            facts.flag("undisclosed", f"{path}: {payer.name} not disclosed")
        if request.visitor.person_ref:
            facts.person_organisations.append(
                PersonOrganisation(request.visitor.person_ref, payer.name, "funder")
            )
    _talent(facts, request.talent_programmes, request.visitor.person_ref)
    sensitive = [
        name
        for name in ("sponsored_work_in_lab", "proprietary_work_in_lab", "restricted_work_in_lab")
        if getattr(request, name)
    ]
    access = [name for name in ("lab_access", "it_access") if getattr(request, name)]
    if access and sensitive:
        facts.flag("visitor_sensitive_access", ", ".join(access + sensitive))
    if access and request.restricted_work_in_lab:
        facts.flag("visitor_restricted_access", ", ".join(access) + " with restricted work")
    if request.joins_ongoing_research:
        facts.flag("visitor_in_kind", "visitor joins ongoing research")
    if request.visit_location:
        facts.place("visit location", "visit_location", request.visit_location)
    _topic(facts, request.topic, [], [], reference)


def _vendor(facts: Facts, request: VendorRequest) -> None:
    for index, party in enumerate(request.parties):
        path = f"parties[{index}]"
        facts.query(path, party.role, party)
        if party.country:
            where = "vendor location" if party.role in {"vendor", "manufacturer"} else "destination"
            facts.place(where, f"{path}.country", Place(country=party.country))
    for index, route in enumerate(request.payment_route):
        facts.place("payment route", f"payment_route[{index}]", route)
    _items(facts, request.items)


def _funding(facts: Facts, sources: list[FundingSource], reference: Reference) -> None:
    for index, source in enumerate(sources):
        path = f"funding_sources[{index}]"
        role = "in_kind" if source.support == "in_kind" else "funder"
        facts.queries.append(
            NameQuery(
                ref=path,
                name=source.name,
                role=role,
                type=source.type,
                country=source.country,
                subject_key=subject_key(source.name, source.type, source.country, None),
            )
        )
        if source.country and reference.is_country_of_concern(source.country):
            facts.flag("funding_country_of_concern", f"{path}: {source.name} ({source.country})")
        if source.disclosed is False:
            facts.flag("undisclosed", f"{path}: {source.name} not disclosed")
        for hop, route in enumerate(source.payment_route):
            facts.place("payment route", f"{path}.payment_route[{hop}]", route)
        if source.person_ref:
            facts.person_organisations.append(
                PersonOrganisation(source.person_ref, source.name, "funder")
            )


def _talent(facts: Facts, programmes: list[TalentProgramme], person_ref: str | None = None) -> None:
    for index, programme in enumerate(programmes):
        path = f"talent_programmes[{index}]"
        facts.queries.append(
            NameQuery(
                ref=path,
                name=programme.name,
                role="talent_programme",
                type="organization",
                country=programme.country,
                subject_key=subject_key(programme.name, "organization", programme.country, None),
            )
        )
        facts.flag("talent_programme", f"{path}: {programme.name}")
        if programme.terms.any():
            terms = [k for k, v in programme.terms.model_dump().items() if v]
            facts.flag("talent_malign", f"{path}: {programme.name}: " + ", ".join(terms))
            if programme.current and "federal_award" in facts.flags:
                facts.flag("talent_malign_current_federal", f"{path}: current, federal award")
        if programme.disclosed is False:
            facts.flag("undisclosed", f"{path}: {programme.name} not disclosed")
        owner = programme.person_ref or person_ref
        if owner:
            facts.person_organisations.append(
                PersonOrganisation(owner, programme.name, "talent_programme")
            )


def _topic(
    facts: Facts,
    topic: str | None,
    areas: Sequence[str],
    classifications: Sequence[str],
    reference: Reference,
) -> None:
    evidence = []
    if topic:
        keywords = reference.sensitive_keywords_in(topic)
        if keywords:
            evidence.append(f"topic '{topic}' (keywords: {', '.join(keywords)})")
    evidence += [f"technology area {area}" for area in areas]
    controlled = [c for c in classifications if c.strip().upper() not in {"EAR99", "N/A", "NONE"}]
    evidence += [f"self-classification {c}" for c in controlled]
    for item in evidence:
        facts.flag("sensitive_topic", item)


def _items(facts: Facts, items: list[Item]) -> None:
    for index, item in enumerate(items):
        path = f"items[{index}]"
        where = item.destination.country if item.destination else "unknown destination"
        facts.flag(
            "items_to_ship",
            f"{path}: {item.description} (ECCN {item.eccn or 'unclassified'}) to {where}"
            + (" hand-carried" if item.hand_carry else ""),
        )
        if item.destination:
            facts.place("destination", f"{path}.destination", item.destination)
        if item.end_user:
            facts.organisation(
                f"{path}.end_user",
                "end_user",
                item.end_user,
                item.destination.country if item.destination else None,
                None,
            )
        if item.eccn and item.eccn.strip().upper() != "EAR99":
            facts.flag("sensitive_topic", f"{path}: ECCN {item.eccn}")
