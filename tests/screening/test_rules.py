"""Each rule of the table, the level combination and the carve-outs, on the engine alone."""

from datetime import date
from typing import Any

import pytest
from pydantic import TypeAdapter

from services.screening.casework import Assessor
from services.screening.rulebook import Level, load_rulebook
from services.screening.schemas.requests import ScreeningRequest
from services.screening.schemas.results import Result, ReviewedHit

TODAY = date(2026, 7, 20)
ASSESSOR = Assessor(load_rulebook())
REQUEST: TypeAdapter[ScreeningRequest] = TypeAdapter(ScreeningRequest)


def hit(
    ref: str,
    category: str,
    *,
    band: Any = "match",
    role: str = "institution",
    party_id: str | None = None,
    status: Any = "unreviewed",
) -> ReviewedHit:
    party_id = party_id or f"list:{category}-{ref}"
    return ReviewedHit(
        hit_id=f"{ref}|{party_id}",
        ref=ref,
        query_name="Q",
        role=role,
        subject_key="q|-|-",
        party_id=party_id,
        list="list",
        list_name="A list",
        sub_list="list",
        category=category,
        list_version="list@1",
        content_hash="h" * 64,
        type="organization",
        name="Entry",
        matched_name="Entry",
        alias_kind="primary",
        score=0.95 if band == "match" else 0.8,
        band=band,
        license_requirement="For all items subject to the EAR",
        license_policy="Presumption of denial",
        status=status,
    )


def assess(body: dict[str, Any], hits: Any = (), on: date = TODAY) -> Result:
    return ASSESSOR.assess(REQUEST.validate_python(body), list(hits), {"list": "list@1"}, on)


def rule_ids(result: Result) -> set[str]:
    return {f.rule_id for f in result.findings}


def collab(**extra: Any) -> dict[str, Any]:
    return {
        "kind": "collaboration",
        "parties": [
            {
                "role": "institution",
                "name": "Some University",
                "type": "organization",
                "country": "CN",
            }
        ],
        **extra,
    }


def test_rules_table_is_complete_data():
    rulebook = ASSESSOR.rulebook
    assert rulebook.version == "rules-2026.1+reference-2026.1"
    for rule in rulebook.rules.rules:
        assert rule.citation and rule.inputs and rule.title
        assert Level[rule.level] in Level
    assert {r.id for r in rulebook.rules.rules} >= {
        "LIST-SDN-DPL",
        "EMBARGO-PLACE",
        "LIST-ENTITY-MEU",
        "LIST-1286-INSTITUTION",
        "TALENT-1286",
        "TALENT-MALIGN-FEDERAL",
        "UNDISCLOSED-SUPPORT",
        "FUNDING-LISTED",
        "COAUTHOR-LISTED",
        "TOPIC-SENSITIVE",
        "ITEMS-EXPORT",
        "VISITOR-ACCESS",
        "CONFIDENTIALITY",
        "CARVE-OUT-OPEN",
    }


def test_nothing_found_is_low():
    result = assess(collab())
    assert result.level == "LOW" and result.findings == [] and not result.needs_review


@pytest.mark.parametrize("category", ["sdn", "denied_persons", "un_sanctions"])
def test_confirmed_sdn_or_denied_person_blocks(category):
    result = assess(collab(), [hit("parties[0]", category)])
    assert result.level == "BLOCKED"
    assert "LIST-SDN-DPL" in rule_ids(result)
    assert result.needs_review
    assert "do_not_proceed" in {a.id for a in result.required_actions}


@pytest.mark.parametrize("category", ["entity_list", "meu"])
def test_entity_list_is_high_with_licence_and_tcp(category):
    result = assess(collab(), [hit("parties[0]", category)])
    assert result.level == "HIGH"
    finding = next(f for f in result.findings if f.rule_id == "LIST-ENTITY-MEU")
    assert "Presumption of denial" in finding.evidence.explanation
    assert finding.evidence.list_version == "list@1" and finding.evidence.score == 0.95
    assert {"export_licence_review", "technology_control_plan"} <= set(finding.action_ids)


def test_1286_institution_with_dod_funding_bars_dod_work():
    with_dod = assess(collab(sponsor="DoD"), [hit("parties[0]", "dod_1286_institution")])
    without = assess(collab(sponsor="NSF"), [hit("parties[0]", "dod_1286_institution")])
    assert with_dod.level == without.level == "HIGH"
    assert "LIST-1286-DOD-FUNDED" in rule_ids(with_dod)
    assert "LIST-1286-DOD-FUNDED" not in rule_ids(without)
    assert "no_dod_funding" in {a.id for a in with_dod.required_actions}


@pytest.mark.parametrize(
    ("category", "rule", "level"),
    [
        ("dod_1260h", "LIST-MILITARY-COMPANY", "HIGH"),
        ("ns_cmic", "LIST-MILITARY-COMPANY", "HIGH"),
        ("itar_debarred", "LIST-OTHER-SANCTIONS", "HIGH"),
        ("uk_sanctions", "LIST-OTHER-SANCTIONS", "HIGH"),
        ("unverified", "LIST-UNVERIFIED", "ELEVATED"),
        ("uflpa", "LIST-PROCUREMENT", "ELEVATED"),
        ("watchlist", "LIST-PROCUREMENT", "ELEVATED"),
    ],
)
def test_other_lists(category, rule, level):
    result = assess(collab(), [hit("parties[0]", category)])
    assert rule in rule_ids(result) and result.level == level


def test_possible_match_is_elevated_until_confirmed():
    possible = assess(collab(), [hit("parties[0]", "sdn", band="review")])
    assert rule_ids(possible) == {"POSSIBLE-MATCH"} and possible.level == "ELEVATED"
    assert possible.needs_review
    confirmed = assess(collab(), [hit("parties[0]", "sdn", band="review", status="true_match")])
    assert "LIST-SDN-DPL" in rule_ids(confirmed) and confirmed.level == "BLOCKED"
    assert not confirmed.needs_review


@pytest.mark.parametrize("status", ["false_positive", "suppressed"])
def test_false_positives_count_for_nothing(status):
    result = assess(collab(), [hit("parties[0]", "sdn", status=status)])
    assert result.level == "LOW" and result.findings == [] and not result.needs_review


def test_party_country_is_never_a_factor():
    body = {
        "kind": "collaboration",
        "parties": [
            {"name": "Tehran Person", "type": "person", "country": "IR"},
            {"role": "institution", "name": "Havana Institute", "country": "CU"},
        ],
    }
    assert assess(body).level == "LOW"


@pytest.mark.parametrize(
    "body",
    [
        {
            "kind": "vendor",
            "parties": [
                {
                    "role": "vendor",
                    "name": "Pars Lab Supplies",
                    "type": "organization",
                    "country": "IR",
                }
            ],
        },
        collab(work_locations=[{"country": "UA", "region": "Crimea"}]),
        collab(funding_sources=[{"name": "A Fund", "payment_route": [{"country": "KP"}]}]),
        {
            "kind": "vendor",
            "parties": [{"role": "vendor", "name": "Acme", "country": "DE"}],
            "items": [{"description": "laser", "destination": {"country": "Cuba"}}],
        },
        collab(work_locations=[{"country": "UA", "region": "Luhansk"}]),
    ],
)
def test_activity_in_embargoed_place_blocks(body):
    result = assess(body)
    assert result.level == "BLOCKED" and "EMBARGO-PLACE" in rule_ids(result)
    assert "no_shipment_before_clearance" in {a.id for a in result.required_actions}


def test_syria_embargo_ended_on_1_july_2025():
    body = collab(work_locations=[{"country": "SY"}])
    assert assess(body, on=date(2025, 6, 30)).level == "BLOCKED"
    assert assess(body, on=date(2025, 7, 1)).level == "LOW"


def test_talent_programme_levels():
    listed = assess(
        collab(), [hit("talent_programmes[0]", "dod_1286_talent_program", role="talent_programme")]
    )
    assert listed.level == "HIGH" and "TALENT-1286" in rule_ids(listed)
    malign = {"name": "A Plan", "terms": {"assign_patents_abroad": True}}
    assert assess(collab(sponsor="NSF", talent_programmes=[malign])).level == "BLOCKED"
    assert assess(collab(talent_programmes=[malign])).level == "HIGH"
    past = {**malign, "current": False}
    assert assess(collab(sponsor="NSF", talent_programmes=[past])).level == "HIGH"
    benign = assess(collab(talent_programmes=[{"name": "A Visiting Fellowship"}]))
    assert benign.level == "ELEVATED" and "TALENT-PARTICIPATION" in rule_ids(benign)


def test_undisclosed_support_raises_one_level_but_never_to_blocked():
    body = collab(funding_sources=[{"name": "A Foundation", "country": "DE", "disclosed": False}])
    assert assess(body).level == "ELEVATED"
    high = assess(body, [hit("parties[0]", "entity_list")])
    assert high.level == "HIGH"
    topic = assess({**body, "topic": "hypersonic propulsion"})
    assert topic.level == "HIGH" and "UNDISCLOSED-SUPPORT" in rule_ids(topic)


def test_funding_from_listed_entity_or_country_of_concern():
    body = collab(funding_sources=[{"name": "Some Fund", "country": "CN"}])
    assert assess(body).level == "ELEVATED"
    assert "FUNDING-COUNTRY-OF-CONCERN" in rule_ids(assess(body))
    listed = assess(body, [hit("funding_sources[0]", "entity_list", role="funder")])
    assert "FUNDING-LISTED" in rule_ids(listed) and listed.level == "HIGH"


def test_coauthorship_with_listed_institutions_since_2019():
    body = collab(
        co_authorships=[
            {"affiliation": "A", "year": 2021},
            {"affiliation": "B", "year": 2022},
            {"affiliation": "C", "year": 2015},
        ]
    )
    one = assess(
        body,
        [
            hit(
                "co_authorships[0].affiliation",
                "dod_1286_institution",
                role="co_author_affiliation",
            )
        ],
    )
    assert "COAUTHOR-LISTED" in rule_ids(one)
    assert next(f for f in one.findings if f.rule_id == "COAUTHOR-LISTED").level == "ELEVATED"
    two = assess(
        body,
        [
            hit("co_authorships[0].affiliation", "entity_list", role="co_author_affiliation"),
            hit("co_authorships[1].affiliation", "entity_list", role="co_author_affiliation"),
        ],
    )
    assert {f.level for f in two.findings if f.rule_id == "COAUTHOR-LISTED"} == {"HIGH"}
    old = assess(
        body, [hit("co_authorships[2].affiliation", "entity_list", role="co_author_affiliation")]
    )
    assert "COAUTHOR-LISTED" not in rule_ids(old)


def test_sensitive_topic_elevated_and_high_with_a_list_factor():
    body = collab(topic="quantum sensing")
    alone = assess(body)
    assert alone.level == "ELEVATED" and rule_ids(alone) == {"TOPIC-SENSITIVE"}
    combined = assess(body, [hit("parties[0]", "unverified")])
    assert combined.level == "HIGH" and "TOPIC-WITH-LIST-OR-PROGRAMME" in rule_ids(combined)
    areas = assess(collab(technology_areas=["military_end_use"]))
    assert areas.level == "ELEVATED"


def test_items_to_ship_need_export_review():
    result = assess(collab(exchanges=["materials"]))
    assert "ITEMS-EXPORT" in rule_ids(result) and result.level == "ELEVATED"
    assert "no_shipment_before_clearance" in {a.id for a in result.required_actions}
    data_only = assess(collab(exchanges=["data"]))
    assert data_only.level == "LOW"


def test_visitor_factors():
    base = {"kind": "visitor", "visitor": {"name": "A Visitor", "type": "person"}}
    assert assess(base).level == "LOW"
    access = assess({**base, "lab_access": True, "proprietary_work_in_lab": True})
    assert "VISITOR-ACCESS" in rule_ids(access) and access.level == "ELEVATED"
    restricted = assess({**base, "lab_access": True, "restricted_work_in_lab": True})
    assert "VISITOR-RESTRICTED-WORK" in rule_ids(restricted)
    assert "deemed_export_review" in {a.id for a in restricted.required_actions}
    in_kind = assess({**base, "joins_ongoing_research": True})
    assert "disclose_in_kind" in {a.id for a in in_kind.required_actions}
    with_hit = assess(
        {**base, "joins_ongoing_research": True}, [hit("visitor", "unverified", role="visitor")]
    )
    assert with_hit.level == "HIGH" and "VISITOR-WITH-LIST" in rule_ids(with_hit)


def test_visitor_paid_by_listed_talent_programme():
    body = {
        "kind": "visitor",
        "sponsor": "DoD",
        "visitor": {"name": "A Visitor"},
        "paid_by": [{"name": "Thousand Talents Plan", "country": "CN"}],
    }
    result = assess(body, [hit("paid_by[0]", "dod_1286_talent_program", role="payer")])
    assert result.level == "HIGH"
    assert {"TALENT-1286", "FUNDING-LISTED", "FUNDING-COUNTRY-OF-CONCERN"} <= rule_ids(result)


def test_confidentiality_and_unknown_participants():
    secret = assess(collab(confidentiality={"results_secret": True}))
    assert rule_ids(secret) == {"CONFIDENTIALITY"} and secret.level == "ELEVATED"
    unknown = assess(collab(participants_unknown=True))
    assert rule_ids(unknown) == {"PARTICIPANTS-UNKNOWN"}


def test_carve_outs_stay_low():
    result = assess(collab(activities=["publishing", "conference"]))
    assert result.level == "LOW" and rule_ids(result) == {"CARVE-OUT-OPEN"}
    assert result.required_actions == []


def test_worst_level_wins():
    result = assess(
        collab(topic="quantum", work_locations=[{"country": "IR"}]),
        [hit("parties[0]", "entity_list")],
    )
    assert result.level == "BLOCKED"
    assert {f.level for f in result.findings} >= {"BLOCKED", "HIGH", "ELEVATED"}
