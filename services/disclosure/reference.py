"""Versioned reference data: country and currency codes, and the countries of concern."""

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

_DATA = Path(__file__).with_name("reference_data.json")


@dataclass(frozen=True)
class CountriesOfConcern:
    version: str
    names: dict[str, str]


@dataclass(frozen=True)
class Reference:
    country_codes: frozenset[str]
    currency_codes: frozenset[str]
    concern: CountriesOfConcern


@cache
def reference() -> Reference:
    raw = json.loads(_DATA.read_text(encoding="utf-8"))
    concern = raw["countries_of_concern"]
    return Reference(
        country_codes=frozenset(raw["country_codes"]["codes"]),
        currency_codes=frozenset(raw["currency_codes"]["codes"]),
        concern=CountriesOfConcern(version=concern["version"], names=dict(concern["countries"])),
    )
