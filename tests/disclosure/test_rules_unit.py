"""The pure rules: ORCID check digits, content validation, consistency and talent programmes,
and organisation-name comparison for the undisclosed check. No network."""

import random
from datetime import UTC, date, datetime
from typing import Any

import pytest
from pydantic import ValidationError

from services.disclosure.certification import add_months
from services.disclosure.clients import BatchAnswer, ScreenedOrganisation
from services.disclosure.consistency import consistency_findings
from services.disclosure.content import DisclosureContent
from services.disclosure.identifiers import normalize_orcid
from services.disclosure.list_checks import programme_findings
from services.disclosure.models import Person
from services.disclosure.reference import reference
from services.disclosure.undisclosed import undisclosed
from tests.disclosure.conftest import appointment, make_orcid, support, talent_programme

NO_HITS = BatchAnswer(threshold=0.86, list_versions={}, results=[])


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("0000-0002-1825-0097", "0000-0002-1825-0097"),
        ("https://orcid.org/0000-0001-5109-3700", "0000-0001-5109-3700"),
        ("0000-0002-1694-233x", "0000-0002-1694-233X"),
        ("0000000218250097", "0000-0002-1825-0097"),
    ],
)
def test_valid_orcids_are_normalized(given, expected):
    assert normalize_orcid(given) == expected


@pytest.mark.parametrize(
    "bad", ["0000-0002-1825-0098", "0000-0002-1694-2330", "1234", "0000-0002-1825-009", "abcd"]
)
def test_orcids_with_a_wrong_check_digit_or_shape_are_refused(bad):
    with pytest.raises(ValueError):
        normalize_orcid(bad)


def test_every_generated_orcid_passes_and_every_altered_one_fails():
    rng = random.Random(7)
    for _ in range(200):
        orcid = make_orcid(rng)
        assert normalize_orcid(orcid) == orcid
        last = orcid[-1]
        wrong = "0" if last != "0" else "1"
        with pytest.raises(ValueError):
            normalize_orcid(orcid[:-1] + wrong)


@pytest.mark.parametrize(
    ("section", "item", "message"),
    [
        ("appointments", appointment("X Univ", "CN", end="2020-01-01"), "end is before start"),
        ("support", support("P", "NSF", "US", amount="-5"), "greater than or equal to 0"),
        ("support", support("P", "NSF", "US", currency="ZZZ"), "unknown currency"),
        ("support", support("P", "NSF", "XX"), "unknown country code"),
        ("support", support("P", "NSF", "US", currency=None), "needs its currency"),
        ("support", support("P", "NSF", "US", person_months=[{"year": 2025, "months": 13}]), "12"),
        ("talent_programmes", talent_programme("A\x00B", "S", "CN"), "NUL"),
        ("appointments", appointment("---", "CN"), "letters or digits"),
    ],
)
def test_invalid_content_is_refused(section, item, message):
    with pytest.raises(ValidationError) as caught:
        DisclosureContent.model_validate({section: [item]})
    assert message in str(caught.value)


def test_reference_data_has_the_countries_of_concern_and_iso_codes():
    data = reference()
    assert set(data.concern.names) == {"CN", "RU", "IR", "KP"}
    assert {"USD", "EUR", "CNY", "GBP"} <= data.currency_codes
    assert "ZZZ" not in data.currency_codes
    assert len(data.country_codes) >= 249


def rules(content: dict[str, Any]) -> list[str]:
    return [f.rule_id for f in consistency_findings(DisclosureContent.model_validate(content))]


def test_person_months_over_twelve_in_a_year_across_current_support():
    content = {
        "support": [
            support("A", "NSF", "US", person_months=[{"year": 2025, "months": 8}]),
            support("B", "NIH", "US", person_months=[{"year": 2025, "months": 5}]),
            support(
                "C", "DOE", "US", status="pending", person_months=[{"year": 2025, "months": 9}]
            ),
        ]
    }
    findings = consistency_findings(DisclosureContent.model_validate(content))
    over = [f for f in findings if f.rule_id == "person_months_over_12"]
    assert len(over) == 1
    assert over[0].detail == {
        "year": 2025,
        "person_months": "13",
        "items": ["support[0]", "support[1]"],
    }


def test_overlapping_support_needs_an_overlap_statement():
    with_statements = {"support": [support("A", "NSF", "US"), support("B", "NIH", "US")]}
    assert "overlap_without_statement" not in rules(with_statements)
    missing = {
        "support": [support("A", "NSF", "US"), support("B", "NIH", "US", potential_overlap=None)]
    }
    assert rules(missing).count("overlap_without_statement") == 1
    apart = {
        "support": [
            support("A", "NSF", "US", potential_overlap=None, end="2025-06-30"),
            support("B", "NIH", "US", potential_overlap=None, start="2025-07-01"),
        ]
    }
    assert "overlap_without_statement" not in rules(apart)


def test_in_kind_support_needs_a_description_and_end_dates_are_expected():
    content = {
        "support": [
            support("Lab space", "Wuhan University", "CN", contribution="in_kind", end=None)
        ],
        "appointments": [appointment("Tsinghua University", "CN", end=None)],
    }
    found = rules(content)
    assert "in_kind_without_description" in found
    assert found.count("missing_end_date") == 2
    described = {
        "support": [
            support("Lab", "W", "CN", contribution="in_kind", in_kind_description="Lab space")
        ]
    }
    assert rules(described) == []


def programme_rules(programme: dict[str, Any], today: date = date(2026, 1, 1)) -> list[Any]:
    content = DisclosureContent.model_validate({"talent_programmes": [programme]})
    return programme_findings(content, NO_HITS, reference().concern, today)


def test_malign_terms_with_a_sponsor_in_a_country_of_concern_are_prohibited():
    programme = talent_programme(
        "Provincial Scholars Scheme",
        "Zhejiang Provincial Government",
        "CN",
        malign_terms={"assign_patents_abroad": True},
    )
    [finding] = programme_rules(programme)
    assert finding.rule_id == "malign_talent_programme"
    assert finding.level == "BLOCKED"
    assert finding.detail["prohibited_for_federal_awards"] is True
    assert finding.detail["countries_of_concern_version"] == reference().concern.version


def test_malign_terms_elsewhere_ask_for_review_and_no_terms_raise_nothing():
    terms = {"quid_pro_quo": True}
    [elsewhere] = programme_rules(
        talent_programme("Fellows", "Royal Society", "GB", malign_terms=terms)
    )
    assert (elsewhere.rule_id, elsewhere.level) == ("talent_programme_terms", "ELEVATED")
    assert programme_rules(talent_programme("Fellows", "Chinese Academy", "CN")) == []


def test_a_past_malign_programme_is_high_not_blocked():
    programme = talent_programme(
        "Scholars",
        "Moscow Institute",
        "RU",
        end="2020-12-31",
        start="2018-01-01",
        malign_terms={"cannot_terminate": True},
    )
    [finding] = programme_rules(programme)
    assert finding.level == "HIGH"
    assert finding.detail["prohibited_for_federal_awards"] is False


def test_certifications_last_twelve_calendar_months():
    assert add_months(date(2025, 3, 15), 12) == date(2026, 3, 15)
    assert add_months(date(2024, 2, 29), 12) == date(2025, 2, 28)
    assert add_months(date(2025, 12, 31), 2) == date(2026, 2, 28)


def test_undisclosed_compares_normalized_names_and_keeps_distinct_institutions_apart():
    person = Person(
        id="p",
        name="A",
        primary_organisation="Example State University",
        created_by="t",
        created_at=datetime(2025, 1, 1, tzinfo=UTC),
    )
    content = DisclosureContent.model_validate(
        {
            "appointments": [appointment("Sichuan University", "CN")],
            "support": [support("P", "Tsinghua University", "CN")],
        }
    )
    found = [
        ScreenedOrganisation(name="SICHUAN  UNIVERSITY", role="affiliation"),
        ScreenedOrganisation(name="Tsinghua University.", role="funder"),
        ScreenedOrganisation(name="Sichuan Normal University", role="affiliation"),
        ScreenedOrganisation(name="example state university", role="affiliation"),
        ScreenedOrganisation(name="Harbin Institute of Technology", role="affiliation"),
    ]
    missing = [o.name for o in undisclosed(found, content, person)]
    assert missing == ["Sichuan Normal University", "Harbin Institute of Technology"]
