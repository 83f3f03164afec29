"""The checks run on a certified disclosure, as data: rule id, level, citation."""

from dataclasses import dataclass, field
from typing import Any, Literal

Level = Literal["LOW", "ELEVATED", "HIGH", "BLOCKED"]
LEVEL_ORDER: dict[str, int] = {"none": 0, "LOW": 1, "ELEVATED": 2, "HIGH": 3, "BLOCKED": 4}


@dataclass(frozen=True)
class Rule:
    rule_id: str
    citation: str
    description: str


RULES: dict[str, Rule] = {
    rule.rule_id: rule
    for rule in (
        Rule(
            "list_match",
            "EAR 15 CFR 744; OFAC 31 CFR 501; NDAA FY2019 §1286; NDAA FY2021 §1260H",
            "A disclosed organisation, sponsor or programme is on a restricted-party list.",
        ),
        Rule(
            "possible_list_match",
            "EAR 15 CFR 744; OFAC 31 CFR 501",
            "A disclosed name resembles a listed party; a reviewer must adjudicate it.",
        ),
        Rule(
            "malign_talent_programme",
            "CHIPS and Science Act §10632 and §10638(4); NDAA FY2019 §1286 Table 2",
            "A talent programme on 1286 Table 2, or with malign terms and a sponsor in a country "
            "of concern: prohibited for federal awards.",
        ),
        Rule(
            "talent_programme_terms",
            "CHIPS and Science Act §10638(4)",
            "Malign terms checked for a programme sponsored outside the countries of concern.",
        ),
        Rule(
            "country_of_concern_support",
            "NSPM-33 §4(b); DoD risk-based security review of fundamental research (2023)",
            "Support from a source in a country of concern.",
        ),
        Rule(
            "person_months_over_12",
            "NSF PAPPG II.D.2.h(ii); NIH Other Support instructions",
            "Current support commits more than 12 person-months in a calendar year.",
        ),
        Rule(
            "overlap_without_statement",
            "NSPM-33 common form: current and pending (other) support",
            "Support items run at the same time and one has no overlap statement.",
        ),
        Rule(
            "in_kind_without_description",
            "NSPM-33 common form: current and pending (other) support",
            "In-kind support is disclosed without describing the contribution.",
        ),
        Rule(
            "missing_end_date",
            "NSPM-33 common forms: biographical sketch; current and pending (other) support",
            "A dated item has no end date.",
        ),
    )
}


@dataclass(frozen=True)
class FindingDraft:
    rule_id: str
    level: Level
    subject: str
    subject_name: str
    message: str
    detail: dict[str, Any] = field(default_factory=dict)


def worst_level(findings: list[FindingDraft]) -> str:
    return max((f.level for f in findings), key=LEVEL_ORDER.__getitem__, default="none")
