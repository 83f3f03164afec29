"""Checks against the lists: every disclosed name in one batch, then what the hits mean."""

from dataclasses import dataclass
from datetime import date
from typing import Any

from services.disclosure.clients import BatchAnswer, ListMatch
from services.disclosure.content import DisclosureContent, TalentProgramme
from services.disclosure.reference import CountriesOfConcern
from services.disclosure.rules import FindingDraft, Level

TALENT_PROGRAMME_CATEGORY = "dod_1286_talent_program"
BLOCKING_CATEGORIES = {"sdn", "denied_persons", "un_sanctions", "uk_sanctions", "eu_sanctions"}
FLAG_CATEGORIES = {"unverified", "watchlist"}
MEANINGS = {
    "sdn": "blocked: no dealings (OFAC SDN)",
    "denied_persons": "blocked: export privileges denied",
    "entity_list": "licence required for items subject to the EAR",
    "meu": "licence required for items subject to the EAR (military end user)",
    "unverified": "red flag to resolve before any export",
    "dod_1286_institution": "no DoD-funded collaboration (Section 1286 Table 1)",
    TALENT_PROGRAMME_CATEGORY: "malign foreign talent programme (Section 1286 Table 2)",
    "dod_1260h": "Chinese military company (Section 1260H)",
}


@dataclass(frozen=True)
class Subject:
    ref: str
    name: str
    country: str | None
    is_programme: bool = False


def subjects(content: DisclosureContent) -> list[Subject]:
    """Every disclosed organisation, sponsor and talent programme, with where it was found."""
    found = [
        *(
            Subject(f"appointments[{i}].organisation", a.organisation, a.country)
            for i, a in enumerate(content.appointments)
        ),
        *(
            Subject(f"support[{i}].source", s.source, s.source_country)
            for i, s in enumerate(content.support)
        ),
        *(
            Subject(f"outside_activities[{i}].organisation", o.organisation, o.country)
            for i, o in enumerate(content.outside_activities)
        ),
        *(
            Subject(f"sponsored_travel[{i}].sponsor", t.sponsor, t.sponsor_country)
            for i, t in enumerate(content.sponsored_travel)
        ),
        *(
            Subject(
                f"foreign_agreements[{i}].partner_organisation",
                f.partner_organisation,
                f.partner_country,
            )
            for i, f in enumerate(content.foreign_agreements)
        ),
    ]
    for i, programme in enumerate(content.talent_programmes):
        found.append(Subject(f"talent_programmes[{i}].name", programme.name, None, True))
        found.append(
            Subject(f"talent_programmes[{i}].sponsor", programme.sponsor, programme.sponsor_country)
        )
    return found


def batch_queries(items: list[Subject]) -> list[dict[str, Any]]:
    queries: list[dict[str, Any]] = []
    for item in items:
        query: dict[str, Any] = {"ref": item.ref, "name": item.name}
        if not item.is_programme:
            query["type"] = "organization"
        if item.country:
            query["country"] = item.country
        queries.append(query)
    return queries


def _level(match: ListMatch) -> Level:
    if not match.is_match:
        return "ELEVATED"
    if match.category in BLOCKING_CATEGORIES:
        return "BLOCKED"
    return "ELEVATED" if match.category in FLAG_CATEGORIES else "HIGH"


def _match_detail(match: ListMatch) -> dict[str, Any]:
    return {
        **match.model_dump(mode="json"),
        "meaning": MEANINGS.get(match.category, "restricted party"),
    }


def list_findings(items: list[Subject], answer: BatchAnswer) -> list[FindingDraft]:
    by_ref = {item.ref: item for item in items}
    findings = []
    for result in answer.results:
        subject = by_ref.get(result.ref)
        if subject is None:
            continue
        for match in result.matches:
            verb = "is listed as" if match.is_match else "may be"
            findings.append(
                FindingDraft(
                    "list_match" if match.is_match else "possible_list_match",
                    _level(match),
                    subject.ref,
                    subject.name,
                    f"{subject.name} {verb} '{match.name}' on the {match.list_name} "
                    f"({match.list_version}): {MEANINGS.get(match.category, 'restricted party')}.",
                    _match_detail(match),
                )
            )
    return findings


def _table2_hit(index: int, answer: BatchAnswer) -> ListMatch | None:
    refs = {f"talent_programmes[{index}].name", f"talent_programmes[{index}].sponsor"}
    for result in answer.results:
        if result.ref in refs:
            for match in result.matches:
                if match.is_match and match.category == TALENT_PROGRAMME_CATEGORY:
                    return match
    return None


def _programme_finding(
    index: int,
    programme: TalentProgramme,
    answer: BatchAnswer,
    concern: CountriesOfConcern,
    today: date,
) -> FindingDraft | None:
    terms = programme.malign_terms.checked()
    table2 = _table2_hit(index, answer)
    in_concern = programme.sponsor_country in concern.names
    subject = f"talent_programmes[{index}]"
    if table2 is None and not terms:
        return None
    if table2 is None and not in_concern:
        return FindingDraft(
            "talent_programme_terms",
            "ELEVATED",
            subject,
            programme.name,
            f"{programme.name} has malign terms ({', '.join(terms)}) but its sponsor is not in a "
            "country of concern; review it.",
            {"malign_terms": terms, "sponsor_country": programme.sponsor_country},
        )
    current = programme.end is None or programme.end >= today
    reasons = []
    if table2 is not None:
        reasons.append(f"on DoD Section 1286 Table 2 as '{table2.name}' ({table2.list_version})")
    if terms and in_concern:
        reasons.append(
            f"malign terms ({', '.join(terms)}) with a sponsor in "
            f"{concern.names[programme.sponsor_country]} ({concern.version})"
        )
    status = "prohibited for federal awards" if current else "past participation; was malign"
    return FindingDraft(
        "malign_talent_programme",
        "BLOCKED" if current else "HIGH",
        subject,
        programme.name,
        f"{programme.name}: malign foreign talent recruitment programme, {status}: "
        + "; ".join(reasons)
        + ".",
        {
            "prohibited_for_federal_awards": current,
            "current": current,
            "reasons": reasons,
            "malign_terms": terms,
            "sponsor_country": programme.sponsor_country,
            "list_match": _match_detail(table2) if table2 else None,
            "countries_of_concern_version": concern.version,
        },
    )


def programme_findings(
    content: DisclosureContent, answer: BatchAnswer, concern: CountriesOfConcern, today: date
) -> list[FindingDraft]:
    found = (
        _programme_finding(i, programme, answer, concern, today)
        for i, programme in enumerate(content.talent_programmes)
    )
    return [finding for finding in found if finding is not None]


def concern_support_findings(
    content: DisclosureContent, concern: CountriesOfConcern
) -> list[FindingDraft]:
    return [
        FindingDraft(
            "country_of_concern_support",
            "ELEVATED",
            f"support[{i}]",
            item.source,
            f"Support from {item.source} in {concern.names[item.source_country]}, a country of "
            f"concern ({concern.version}).",
            {
                "source_country": item.source_country,
                "countries_of_concern_version": concern.version,
            },
        )
        for i, item in enumerate(content.support)
        if item.source_country in concern.names
    ]
