"""What the query's context (party type, country, date of birth) does to a name score.

Each factor is an additive adjustment, reported in the explanation; a factor is neutral
when either side does not say. An exact listed name is never pushed below REVIEW_FLOOR.
"""

from typing import Any

from services.parties.matching.types import IndexEntry, Query

TYPE_SAME = 0.02
TYPE_PERSON_VS_CRAFT = -0.3  # a person query and a vessel or aircraft entry (or vice versa)
TYPE_PERSON_VS_ORG = -0.15
TYPE_ORG_VS_CRAFT = -0.1
COUNTRY_SAME = 0.03
COUNTRY_DIFFERENT = -0.05
DOB_SAME_DATE = 0.08
DOB_SAME_YEAR = 0.04
DOB_DIFFERENT = -0.2

_CRAFT = {"vessel", "aircraft"}
_KNOWN = {"person", "organization", "vessel", "aircraft"}


def _type_effect(query_type: str | None, entry_type: str) -> float:
    if query_type not in _KNOWN or entry_type not in _KNOWN:
        return 0.0
    if query_type == entry_type:
        return TYPE_SAME
    kinds = {query_type, entry_type}
    if "person" in kinds:
        return TYPE_PERSON_VS_CRAFT if kinds & _CRAFT else TYPE_PERSON_VS_ORG
    return TYPE_ORG_VS_CRAFT if kinds & _CRAFT else 0.0


def _country_effect(country: str | None, countries: tuple[str, ...]) -> float:
    if not country or not countries:
        return 0.0
    return COUNTRY_SAME if country.upper() in countries else COUNTRY_DIFFERENT


def _dob_effect(dob: str | None, dobs: tuple[str, ...]) -> float:
    if not dob or not dobs:
        return 0.0
    if dob in dobs:
        return DOB_SAME_DATE if len(dob) >= 10 else DOB_SAME_YEAR
    year = dob[:4]
    if not year.isdigit():
        return 0.0
    years = [int(d[:4]) for d in dobs if d[:4].isdigit()]
    if not years:
        return 0.0
    if int(year) in years:
        return DOB_SAME_YEAR
    return DOB_DIFFERENT if all(abs(int(year) - y) > 1 for y in years) else 0.0


def context_effect(query: Query, entry: IndexEntry) -> float:
    """What the context adds to a name score (before clamping to 0..1)."""
    return (
        _type_effect(query.party_type, entry.party_type)
        + _country_effect(query.country, entry.countries)
        + _dob_effect(query.date_of_birth, entry.dates_of_birth)
    )


def apply_context(
    name_score: float, query: Query, entry: IndexEntry, exact: bool, review_floor: float
) -> tuple[float, dict[str, Any]]:
    """The final score and what each context factor did."""
    effects = {
        "type": _type_effect(query.party_type, entry.party_type),
        "country": _country_effect(query.country, entry.countries),
        "date_of_birth": _dob_effect(query.date_of_birth, entry.dates_of_birth),
    }
    score = max(0.0, min(1.0, name_score + sum(effects.values())))
    kept_visible = exact and score < review_floor
    if kept_visible:
        score = review_floor
    factors: dict[str, Any] = {
        "type": {
            "query": query.party_type,
            "listed": entry.party_type,
            "effect": round(effects["type"], 3),
        },
        "country": {
            "query": query.country,
            "listed": list(entry.countries),
            "effect": round(effects["country"], 3),
        },
        "date_of_birth": {
            "query": query.date_of_birth,
            "listed": list(entry.dates_of_birth),
            "effect": round(effects["date_of_birth"], 3),
        },
        "exact_name_kept_visible": kept_visible,
    }
    return score, factors
