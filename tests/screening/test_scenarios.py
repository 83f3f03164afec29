"""The guidance's scenarios, through the running screening and parties services on real lists."""

import csv
import io
from typing import Any

import httpx

REVIEWER = {"X-Actor": "alice@univ.edu", "X-Actor-Role": "reviewer"}


def screen(
    client: httpx.Client, body: dict[str, Any], headers: dict[str, str] | None = None
) -> Any:
    response = client.post("/v1/screenings", json=body, headers=headers or {})
    assert response.status_code == 201, response.text
    return response.json()


def rules(result: dict[str, Any]) -> set[str]:
    return {f["rule_id"] for f in result["findings"]}


def test_harbin_dod_quantum_is_high_with_entity_list_licence_and_tcp(client):
    result = screen(
        client,
        {
            "kind": "collaboration",
            "sponsor": "DoD",
            "topic": "quantum sensing",
            "parties": [
                {
                    "role": "institution",
                    "name": "Harbin Institute of Technology",
                    "type": "organization",
                    "country": "CN",
                }
            ],
        },
    )
    assert next(iter(result)) == "level"
    assert result["level"] == "HIGH"
    entity = next(f for f in result["findings"] if f["rule_id"] == "LIST-ENTITY-MEU")
    assert entity["evidence"]["list"] in {"bis-entity-list", "us-csl"}
    assert entity["evidence"]["list_version"] == result["list_versions"][entity["evidence"]["list"]]
    assert entity["evidence"]["score"] >= 0.9
    assert {"LIST-1286-DOD-FUNDED", "TOPIC-WITH-LIST-OR-PROGRAMME"} <= rules(result)
    actions = {a["id"] for a in result["required_actions"]}
    assert {"export_licence_review", "technology_control_plan", "no_dod_funding"} <= actions
    assert result["needs_review"] and result["status"] == "open"


def test_visitor_paid_by_1286_talent_programme_is_high(client):
    result = screen(
        client,
        {
            "kind": "visitor",
            "sponsor": "DoD",
            "visitor": {"name": "Wang Jianguo Visiting", "type": "person"},
            "paid_by": [{"name": "Thousand Talents Plan", "country": "CN", "pays": ["travel"]}],
            "lab_access": True,
            "sponsored_work_in_lab": True,
            "joins_ongoing_research": True,
        },
    )
    assert result["level"] in {"HIGH", "BLOCKED"}
    talent = next(f for f in result["findings"] if f["rule_id"] == "TALENT-1286")
    assert talent["evidence"]["list"] == "dow-1286"
    assert talent["evidence"]["party_id"] == "dow-1286:thousand-talents-plan"
    assert "disclose_in_kind" in {a["id"] for a in result["required_actions"]}


def test_malign_current_talent_programme_on_federal_award_is_blocked(client):
    result = screen(
        client,
        {
            "kind": "collaboration",
            "sponsor": "NSF",
            "parties": [{"name": "Example Researcher Qx", "type": "person"}],
            "talent_programmes": [
                {
                    "name": "Thousand Talents Plan",
                    "current": True,
                    "terms": {"deceive_or_hide_from_home_institution": True},
                }
            ],
        },
    )
    assert result["level"] == "BLOCKED"
    assert {"TALENT-MALIGN-FEDERAL", "TALENT-1286"} <= rules(result)


def test_vendor_in_iran_is_blocked(client):
    result = screen(
        client,
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
    )
    assert result["level"] == "BLOCKED"
    assert "EMBARGO-PLACE" in rules(result)
    assert "no_shipment_before_clearance" in {a["id"] for a in result["required_actions"]}


def test_eth_zurich_open_climate_data_is_low(client):
    result = screen(
        client,
        {
            "kind": "collaboration",
            "sponsor": "NSF",
            "topic": "open climate data",
            "parties": [
                {
                    "role": "institution",
                    "name": "ETH Zurich",
                    "type": "organization",
                    "country": "CH",
                }
            ],
            "exchanges": ["data"],
            "activities": ["publishing", "open_exchange"],
        },
    )
    assert result["level"] == "LOW"
    assert result["hits"] == [] and not result["needs_review"]
    assert rules(result) == {"CARVE-OUT-OPEN"}


def test_false_positive_is_remembered_for_the_same_subject(client):
    body: dict[str, Any] = {
        "kind": "vendor",
        "parties": [
            {
                "role": "vendor",
                "name": "Harbin Institute of Technology",
                "type": "organization",
                "country": "CN",
                "subject_ref": "supplier-4711",
            }
        ],
    }
    first = screen(client, body)
    assert first["hits"] and first["level"] == "HIGH"
    case_id = first["case_id"]
    for hit in first["hits"]:
        response = client.post(
            f"/v1/cases/{case_id}/adjudications",
            headers=REVIEWER,
            json={
                "hit_id": hit["hit_id"],
                "verdict": "false_positive",
                "reason": "Supplier 4711 is a different company registered in Harbin",
            },
        )
        assert response.status_code == 201, response.text
    again = screen(client, body)
    assert {h["status"] for h in again["hits"]} == {"suppressed"}
    assert again["level"] == "LOW" and not again["needs_review"]
    assert all(h["adjudication"]["case_id"] == case_id for h in again["hits"])
    other_subject = screen(
        client, {**body, "parties": [{**body["parties"][0], "subject_ref": "supplier-9"}]}
    )
    assert {h["status"] for h in other_subject["hits"]} == {"unreviewed"}
    confirmed = again["hits"][0]["hit_id"]
    response = client.post(
        f"/v1/cases/{again['case_id']}/adjudications",
        headers=REVIEWER,
        json={"hit_id": confirmed, "verdict": "true_match", "reason": "Supplier merged into HIT"},
    )
    assert response.status_code == 201, response.text
    latest = screen(client, body)
    statuses = {h["hit_id"]: h["status"] for h in latest["hits"]}
    assert statuses.pop(confirmed) == "unreviewed"
    assert set(statuses.values()) == {"suppressed"}
    assert latest["level"] == "HIGH"


def test_person_organisations_seen_by_screening(client):
    orcid = "0000-0002-1825-0097"
    screen(
        client,
        {
            "kind": "collaboration",
            "parties": [
                {
                    "role": "co-investigator",
                    "name": "Josiah Carberry",
                    "type": "person",
                    "affiliation": "Brown University",
                    "person_ref": orcid,
                }
            ],
            "funding_sources": [{"name": "Example Foundation", "person_ref": orcid}],
        },
    )
    screen(
        client,
        {
            "kind": "visitor",
            "visitor": {"name": "Josiah Carberry", "person_ref": orcid},
            "employer": {"name": "Zhejiang University", "type": "organization"},
        },
    )
    answer = client.get(f"/v1/cases/people/{orcid}/organisations").json()
    assert answer["person_ref"] == orcid
    seen = {(o["name"], o["role"]) for o in answer["organisations"]}
    assert seen == {
        ("Brown University", "affiliation"),
        ("Example Foundation", "funder"),
        ("Zhejiang University", "employer"),
    }
    assert client.get("/v1/cases/people/nobody/organisations").json()["organisations"] == []


def test_case_lists_filters_and_exports(client):
    made = screen(
        client,
        {
            "kind": "vendor",
            "parties": [{"role": "vendor", "name": "Havana Lab Trading", "country": "CU"}],
        },
    )
    blocked = client.get("/v1/cases", params={"level": "BLOCKED", "kind": "vendor"}).json()
    assert made["case_id"] in {c["case_id"] for c in blocked["items"]}
    assert all(c["level"] == "BLOCKED" and c["kind"] == "vendor" for c in blocked["items"])
    page = client.get("/v1/cases", params={"limit": 1}).json()
    assert len(page["items"]) == 1 and page["total"] >= 2
    exported = client.get(f"/v1/cases/{made['case_id']}/export").json()
    assert exported["case"]["request"]["parties"][0]["name"] == "Havana Lab Trading"
    assert exported["assessments"][0]["result"]["level"] == "BLOCKED"
    assert exported["events"][0]["action"] == "screened"
    text = client.get(f"/v1/cases/{made['case_id']}/export", params={"format": "csv"}).text
    rows = list(csv.DictReader(io.StringIO(text)))
    assert {r["section"] for r in rows} == {"finding", "event"}
    assert any(r["action_or_rule"] == "EMBARGO-PLACE" for r in rows)


def test_vendor_file_is_one_case(client):
    content = "name,country,role\nPars Lab Supplies,IR,vendor\nNorthwestern University,US,vendor\n"
    response = client.post(
        "/v1/screenings/vendor-file", files={"file": ("vendors.csv", content, "text/csv")}
    )
    assert response.status_code == 201, response.text
    assert response.json()["level"] == "BLOCKED" and response.json()["kind"] == "vendor"
    bad = client.post(
        "/v1/screenings/vendor-file", files={"file": ("v.csv", "country\nIR\n", "text/csv")}
    )
    assert bad.status_code == 422 and bad.headers["content-type"] == "application/problem+json"


def test_audit_trail_records_who_and_which_versions(client):
    result = screen(
        client,
        {"kind": "vendor", "parties": [{"name": "Acme Optics GmbH"}]},
        headers={"X-Actor": "grants-system", "X-Actor-Role": "requester"},
    )
    events = client.get(f"/v1/cases/{result['case_id']}/events").json()
    assert events[0]["actor"] == "grants-system" and events[0]["actor_role"] == "requester"
    assert events[0]["list_versions"] == result["list_versions"]
    assert events[0]["rules_version"] == result["rules_version"]
    anonymous = screen(client, {"kind": "vendor", "parties": [{"name": "Acme Optics GmbH"}]})
    event = client.get(f"/v1/cases/{anonymous['case_id']}/events").json()[0]
    assert (event["actor"], event["actor_role"]) == ("system", "system")


def test_rules_table_is_served(client):
    book = client.get("/v1/screenings/rules").json()
    assert book["rules"]["version"] == "rules-2026.1"
    assert any(
        p["code"] == "SY" and p["until"] == "2025-07-01"
        for p in book["reference"]["embargoed_places"]
    )


def test_unknown_case_and_invalid_requests_are_problems(client):
    missing = client.get("/v1/cases/00000000-0000-0000-0000-000000000000")
    assert missing.status_code == 404
    assert missing.headers["content-type"] == "application/problem+json"
    invalid = client.post("/v1/screenings", json={"kind": "vendor", "parties": []})
    assert invalid.status_code == 422
    nul = client.post("/v1/screenings", json={"kind": "vendor", "parties": [{"name": "A\u0000"}]})
    assert nul.status_code == 422
