"""Review workflow: adjudication, decisions, their conflicts, and the audit trail under load."""

from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import httpx

from tests.screening.conftest import start_screening

REVIEWER = {"X-Actor": "bob@univ.edu", "X-Actor-Role": "reviewer"}
LISTED = [
    "Harbin Institute of Technology",
    "Northwestern Polytechnical University",
    "National University of Defense Technology",
    "Beihang University",
    "Harbin Engineering University",
    "Nanjing University of Aeronautics and Astronautics",
]


def new_case(client: httpx.Client, names: Sequence[str] = LISTED[:1]) -> Any:
    body = {"kind": "vendor", "parties": [{"name": n, "type": "organization"} for n in names]}
    response = client.post("/v1/screenings", json=body)
    assert response.status_code == 201, response.text
    return response.json()


def adjudicate(
    client: httpx.Client,
    case_id: str,
    hit_id: str,
    verdict: str = "false_positive",
    reason: str = "Not the listed entity",
) -> httpx.Response:
    return client.post(
        f"/v1/cases/{case_id}/adjudications",
        headers=REVIEWER,
        json={"hit_id": hit_id, "verdict": verdict, "reason": reason},
    )


def decide(
    client: httpx.Client,
    case_id: str,
    decision: str,
    conditions: Sequence[str] = (),
    **extra: Any,
) -> httpx.Response:
    return client.post(
        f"/v1/cases/{case_id}/decisions",
        headers=REVIEWER,
        json={
            "decision": decision,
            "conditions": list(conditions),
            "reason": "Reviewed against the Entity List entry",
            **extra,
        },
    )


def test_clearing_needs_every_match_adjudicated_and_conditions_when_high(client):
    case = new_case(client)
    case_id = case["case_id"]
    assert decide(client, case_id, "cleared").status_code == 409  # matches unadjudicated
    for hit in case["hits"]:
        assert adjudicate(client, case_id, hit["hit_id"], "true_match").status_code == 201
    detail = client.get(f"/v1/cases/{case_id}").json()
    assert detail["level"] == "HIGH" and not detail["needs_review"]
    assert decide(client, case_id, "cleared").status_code == 409  # HIGH needs conditions
    bad = decide(client, case_id, "cleared_with_conditions")
    assert bad.status_code == 422
    made = decide(client, case_id, "cleared_with_conditions", ["TCP-2026-014 signed"])
    assert made.status_code == 201
    assert made.json()["conditions"] == ["TCP-2026-014 signed"]
    again = decide(client, case_id, "cleared_with_conditions", ["TCP-2026-014 signed"])
    assert again.status_code == 200 and again.json()["decision_id"] == made.json()["decision_id"]
    assert decide(client, case_id, "declined").status_code == 409
    detail = client.get(f"/v1/cases/{case_id}").json()
    assert detail["status"] == "cleared_with_conditions"
    assert [d["decision"] for d in detail["decisions"]] == ["cleared_with_conditions"]
    hit_id = case["hits"][0]["hit_id"]
    assert adjudicate(client, case_id, hit_id, "false_positive").status_code == 409


def test_adjudication_is_idempotent_and_conflicts_are_refused(client):
    case = new_case(client)
    hit_id = case["hits"][0]["hit_id"]
    first = adjudicate(client, case["case_id"], hit_id)
    assert first.status_code == 201
    repeat = adjudicate(client, case["case_id"], hit_id)
    assert repeat.status_code == 200
    assert repeat.json()["adjudication_id"] == first.json()["adjudication_id"]
    conflict = adjudicate(client, case["case_id"], hit_id, "true_match")
    assert conflict.status_code == 409
    assert conflict.headers["content-type"] == "application/problem+json"
    assert adjudicate(client, case["case_id"], "parties[9]|nope").status_code == 404


def test_stale_expected_version_is_refused(client):
    case = new_case(client, ["Acme Optics Trading Example"])
    assert case["hits"] == []
    stale = decide(client, case["case_id"], "cleared", expected_version=7)
    assert stale.status_code == 409
    if_match = client.post(
        f"/v1/cases/{case['case_id']}/decisions",
        headers={**REVIEWER, "If-Match": '"5"'},
        json={"decision": "cleared", "reason": "no hits at all"},
    )
    assert if_match.status_code == 409
    ok = decide(client, case["case_id"], "cleared", expected_version=case["case_version"])
    assert ok.status_code == 201


def test_concurrent_conflicting_decisions_only_one_lands(client):
    case = new_case(client)
    for hit in case["hits"]:
        assert adjudicate(client, case["case_id"], hit["hit_id"]).status_code == 201
    choices = ["declined", "cleared"] * 6
    with ThreadPoolExecutor(max_workers=12) as pool:
        responses = list(pool.map(lambda d: decide(client, case["case_id"], d), choices))
    created = [r for r in responses if r.status_code == 201]
    assert len(created) == 1
    winner = created[0].json()["decision"]
    for decision, response in zip(choices, responses, strict=True):
        assert response.status_code in {200, 201, 409}, response.text
        assert (response.status_code in {200, 201}) == (decision == winner)
    detail = client.get(f"/v1/cases/{case['case_id']}").json()
    assert len(detail["decisions"]) == 1 and detail["status"] == winner


def test_audit_trail_loses_nothing_under_concurrent_requests(client):
    case = new_case(client, LISTED)
    hits = case["hits"]
    assert len(hits) >= 6
    case_id = case["case_id"]
    with ThreadPoolExecutor(max_workers=16) as pool:
        adjudications = pool.map(lambda h: adjudicate(client, case_id, h["hit_id"]), hits)
        screenings = pool.map(lambda _: new_case(client, ["Acme Optics GmbH"]), range(10))
        statuses = [r.status_code for r in adjudications]
        made = list(screenings)
    assert statuses == [201] * len(hits)
    events = client.get(f"/v1/cases/{case_id}/events").json()
    assert [e["seq"] for e in events] == list(range(1, len(hits) + 2))
    recorded = {e["detail"]["hit_id"] for e in events if e["action"] == "adjudicated"}
    assert recorded == {h["hit_id"] for h in hits}
    assert all(e["actor"] == "bob@univ.edu" for e in events[1:])
    assert not events[-1]["needs_review"]
    listed = client.get("/v1/cases", params={"limit": 200}).json()
    assert {m["case_id"] for m in made} <= {c["case_id"] for c in listed["items"]}


def test_parties_down_is_a_clear_503_and_nothing_is_stored(closed_port_url, postgres_url, tmp_path):
    process = start_screening(closed_port_url, postgres_url, tmp_path)
    try:
        with httpx.Client(base_url=process.url, timeout=30) as http:
            before = http.get("/v1/cases").json()["total"]
            response = http.post(
                "/v1/screenings",
                json={
                    "kind": "collaboration",
                    "sponsor": "DoD",
                    "topic": "quantum sensing",
                    "parties": [{"role": "institution", "name": "Harbin Institute of Technology"}],
                },
            )
            assert response.status_code == 503
            assert response.headers["content-type"] == "application/problem+json"
            problem = response.json()
            assert problem["service"] == "parties" and "party-list service" in problem["detail"]
            assert http.get("/v1/cases").json()["total"] == before
            assert http.post("/v1/cases/rescreen").status_code == 503
            assert http.get("/readyz").json()["parties"] == "unavailable"
    finally:
        process.stop()
