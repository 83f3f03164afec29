"""Consistency checks of a disclosure's content: no network, no lists."""

from collections import defaultdict
from datetime import date
from decimal import Decimal
from itertools import combinations

from services.disclosure.content import DisclosureContent, Period, SupportItem
from services.disclosure.rules import FindingDraft

FAR_FUTURE = date(9999, 12, 31)


def _overlap(a: Period, b: Period) -> bool:
    return a.start <= (b.end or FAR_FUTURE) and b.start <= (a.end or FAR_FUTURE)


def _person_months(support: list[SupportItem]) -> list[FindingDraft]:
    totals: dict[int, Decimal] = defaultdict(Decimal)
    contributors: dict[int, list[str]] = defaultdict(list)
    for index, item in enumerate(support):
        if item.status != "current":
            continue
        for entry in item.person_months:
            totals[entry.year] += entry.months
            contributors[entry.year].append(f"support[{index}]")
    return [
        FindingDraft(
            "person_months_over_12",
            "ELEVATED",
            "support",
            f"{year}",
            f"Current support commits {total} person-months in {year}; a year has 12.",
            {"year": year, "person_months": str(total), "items": contributors[year]},
        )
        for year, total in sorted(totals.items())
        if total > 12
    ]


def _overlaps(support: list[SupportItem]) -> list[FindingDraft]:
    findings = []
    for (i, a), (j, b) in combinations(enumerate(support), 2):
        if not _overlap(a, b):
            continue
        missing = [f"support[{k}]" for k, item in ((i, a), (j, b)) if not item.potential_overlap]
        if missing:
            findings.append(
                FindingDraft(
                    "overlap_without_statement",
                    "ELEVATED",
                    f"support[{i}]",
                    a.project_title,
                    f"'{a.project_title}' and '{b.project_title}' run at the same time; "
                    f"state any potential overlap for {', '.join(missing)}.",
                    {"items": [f"support[{i}]", f"support[{j}]"], "missing_statement": missing},
                )
            )
    return findings


def _in_kind(support: list[SupportItem]) -> list[FindingDraft]:
    return [
        FindingDraft(
            "in_kind_without_description",
            "ELEVATED",
            f"support[{index}]",
            item.project_title,
            f"In-kind support from {item.source} has no description of what is contributed.",
            {"source": item.source},
        )
        for index, item in enumerate(support)
        if item.contribution == "in_kind" and not item.in_kind_description
    ]


def _missing_end_dates(content: DisclosureContent) -> list[FindingDraft]:
    sections: dict[str, list[tuple[Period, str]]] = {
        "appointments": [(a, a.organisation) for a in content.appointments],
        "support": [(s, s.project_title) for s in content.support],
        "talent_programmes": [(t, t.name) for t in content.talent_programmes],
        "outside_activities": [(o, o.organisation) for o in content.outside_activities],
        "sponsored_travel": [(t, t.sponsor) for t in content.sponsored_travel],
        "foreign_agreements": [(f, f.title) for f in content.foreign_agreements],
    }
    return [
        FindingDraft(
            "missing_end_date",
            "LOW",
            f"{section}[{index}]",
            name,
            f"{name} ({section}[{index}]) has no end date.",
        )
        for section, items in sections.items()
        for index, (item, name) in enumerate(items)
        if item.end is None
    ]


def consistency_findings(content: DisclosureContent) -> list[FindingDraft]:
    return [
        *_person_months(content.support),
        *_overlaps(content.support),
        *_in_kind(content.support),
        *_missing_end_dates(content),
    ]
