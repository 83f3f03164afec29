"""The versioned rules table and reference data (embargoes, countries of concern, topics).

Both live as JSON under ``data/`` and are validated when the service starts; the engine reads
only these objects, so changing a level, a citation or the embargo list is a data change with a
new version label, recorded on every assessment.
"""

import json
from datetime import date
from enum import IntEnum
from functools import cached_property
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from common.names import normalize_name

DATA_DIR = Path(__file__).parent / "data"
RULES_FILE = DATA_DIR / "rules-2026.1.json"
REFERENCE_FILE = DATA_DIR / "reference-2026.1.json"


class Level(IntEnum):
    LOW = 0
    ELEVATED = 1
    HIGH = 2
    BLOCKED = 3


LevelName = Literal["LOW", "ELEVATED", "HIGH", "BLOCKED"]
Band = Literal["match", "review"]
RuleKind = Literal["list_hit", "place", "flag", "combined", "raise"]


class Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Escalation(Frozen):
    min_distinct_parties: int = Field(ge=2)
    level: LevelName


class Rule(Frozen):
    id: str
    title: str
    citation: str
    kind: RuleKind
    inputs: list[str]
    level: LevelName
    actions: list[str]
    tags: list[str] = Field(default_factory=list)
    categories: list[str] | None = None
    bands: list[Band] = Field(default_factory=lambda: list[Band](["match"]))
    roles: list[str] | None = None
    requires_flags: list[str] = Field(default_factory=list)
    recent_only: bool = False
    escalate: Escalation | None = None
    flags: list[str] = Field(default_factory=list)
    with_tags: list[str] = Field(default_factory=list)

    @property
    def severity(self) -> Level:
        return Level[self.level]


class RulesTable(Frozen):
    version: str
    effective: date
    review_floor: float = Field(
        ge=0.0, le=1.0, description="Possible matches scoring below this are not raised"
    )
    actions: dict[str, str]
    rules: list[Rule]

    @model_validator(mode="after")
    def _consistent(self) -> "RulesTable":
        ids = [rule.id for rule in self.rules]
        if len(ids) != len(set(ids)):
            raise ValueError("rule ids must be unique")
        for rule in self.rules:
            unknown = set(rule.actions) - set(self.actions)
            if unknown:
                raise ValueError(f"rule {rule.id} names unknown actions {sorted(unknown)}")
            if rule.kind in {"flag", "combined", "raise"} and not rule.flags:
                raise ValueError(f"rule {rule.id} ({rule.kind}) needs flags")
        return self


class EmbargoedPlace(Frozen):
    code: str
    name: str
    aliases: list[str]
    since: date
    until: date | None
    citation: str

    def in_force(self, on: date) -> bool:
        return self.since <= on and (self.until is None or on < self.until)


class CountryOfConcern(Frozen):
    code: str
    aliases: list[str]


class CountriesOfConcern(Frozen):
    citation: str
    countries: list[CountryOfConcern]


class TopicKeywords(Frozen):
    citation: str
    keywords: list[str]


class Reference(Frozen):
    version: str
    embargoed_places: list[EmbargoedPlace]
    countries_of_concern: CountriesOfConcern
    federal_sponsors: list[str]
    dod_sponsors: list[str]
    sensitive_topic_keywords: TopicKeywords
    coauthorship_since_year: int

    def embargo_for(self, country: str, region: str | None, on: date) -> EmbargoedPlace | None:
        """The embargo in force on ``on`` covering this country or region, if any."""
        names = {normalize_name(country)}
        if region:
            names.add(normalize_name(region))
        for place in self.embargoed_places:
            if not place.in_force(on):
                continue
            if place.code.lower() in names or names & set(place.aliases):
                return place
        return None

    def is_country_of_concern(self, country: str) -> bool:
        name = normalize_name(country)
        return any(
            name == c.code.lower() or name in c.aliases for c in self.countries_of_concern.countries
        )

    @cached_property
    def _topic_words(self) -> list[str]:
        return [normalize_name(k) for k in self.sensitive_topic_keywords.keywords]

    def sensitive_keywords_in(self, text: str) -> list[str]:
        padded = f" {normalize_name(text)} "
        return [k for k in self._topic_words if f" {k} " in padded]

    def sponsor_is(self, sponsor: str, group: Literal["federal", "dod"]) -> bool:
        names = self.federal_sponsors if group == "federal" else self.dod_sponsors
        words = f" {normalize_name(sponsor)} "
        return any(f" {normalize_name(n)} " in words for n in names)


class Rulebook(Frozen):
    rules: RulesTable
    reference: Reference

    @property
    def version(self) -> str:
        return f"{self.rules.version}+{self.reference.version}"


def load_rulebook(rules_file: Path = RULES_FILE, reference_file: Path = REFERENCE_FILE) -> Rulebook:
    return Rulebook(
        rules=RulesTable.model_validate(json.loads(rules_file.read_text())),
        reference=Reference.model_validate(json.loads(reference_file.read_text())),
    )
