"""Who reads which cases and who reviews: requesters and procurement see only their own cases
(anyone else's is "not found"), reviewers, auditors and admins see all; only reviewers (and admin
or internal calls) adjudicate, decide or re-screen. Checked on the service itself, as a defence
behind the gateway's route table."""

import uuid
from typing import Any

import httpx
import pytest

PROBLEM = "application/problem+json"
VENDOR = {
    "kind": "vendor",
    "parties": [{"name": "Harbin Institute of Technology", "type": "organization"}],
}


def as_actor(role: str, name: str | None = None) -> dict[str, str]:
    return {"X-Actor": name or f"{role}-{uuid.uuid4().hex[:8]}", "X-Actor-Role": role}


def screen(client: httpx.Client, headers: dict[str, str], body: dict[str, Any]) -> Any:
    response = client.post("/v1/screenings", json=body, headers=headers)
    assert response.status_code == 201, response.text
    return response.json()


def case_reads(case_id: str) -> list[tuple[str, dict[str, str]]]:
    return [
        (f"/v1/cases/{case_id}", {}),
        (f"/v1/cases/{case_id}/events", {}),
        (f"/v1/cases/{case_id}/export", {"format": "json"}),
        (f"/v1/cases/{case_id}/export", {"format": "csv"}),
    ]


@pytest.fixture(scope="module")
def owners(client: httpx.Client) -> dict[str, Any]:
    """Two requesters and a procurement system, each with cases of its own."""
    grants, other, procurement = (
        as_actor("requester"),
        as_actor("requester"),
        as_actor("procurement"),
    )
    return {
        "grants": grants,
        "other": other,
        "procurement": procurement,
        "grants_cases": [screen(client, grants, VENDOR)["case_id"] for _ in range(2)],
        "other_case": screen(client, other, VENDOR)["case_id"],
        "procurement_case": screen(client, procurement, VENDOR)["case_id"],
    }


def test_a_requester_reads_its_own_case_and_no_one_elses(client, owners):
    grants, other = owners["grants"], owners["other"]
    own, foreign = owners["grants_cases"][0], owners["other_case"]
    for path, params in case_reads(own):
        assert client.get(path, params=params, headers=grants).status_code == 200, path
    missing = client.get("/v1/cases/00000000-0000-0000-0000-000000000000", headers=grants).json()
    for path, params in case_reads(foreign):
        refused = client.get(path, params=params, headers=grants)
        assert refused.status_code == 404, path
        assert refused.headers["content-type"] == PROBLEM
        assert refused.json()["title"] == missing["title"]
        assert refused.json()["detail"] == missing["detail"].replace(
            "00000000-0000-0000-0000-000000000000", foreign
        )
    assert client.get(f"/v1/cases/{foreign}", headers=other).status_code == 200
    procurement_case = owners["procurement_case"]
    assert client.get(f"/v1/cases/{procurement_case}", headers=grants).status_code == 404
    assert client.get(f"/v1/cases/{own}", headers=owners["procurement"]).status_code == 404


def test_requesters_and_procurement_list_only_their_own_cases(client, owners):
    listed = client.get("/v1/cases", params={"limit": 200}, headers=owners["grants"]).json()
    assert listed["total"] == 2
    assert {c["case_id"] for c in listed["items"]} == set(owners["grants_cases"])
    assert {c["created_by"] for c in listed["items"]} == {owners["grants"]["X-Actor"]}
    mine = client.get("/v1/cases", headers=owners["procurement"]).json()
    assert [c["case_id"] for c in mine["items"]] == [owners["procurement_case"]]
    nobody = client.get("/v1/cases", headers=as_actor("requester")).json()
    assert nobody == {"items": [], "total": 0, "limit": 50, "offset": 0}


@pytest.mark.parametrize("role", ["reviewer", "auditor", "admin", "system"])
def test_oversight_roles_read_every_case(client, owners, role):
    every = [*owners["grants_cases"], owners["other_case"], owners["procurement_case"]]
    headers = as_actor(role)
    for case_id in every:
        for path, params in case_reads(case_id):
            assert client.get(path, params=params, headers=headers).status_code == 200, path
    listed = client.get("/v1/cases", params={"limit": 200}, headers=headers).json()
    assert set(every) <= {c["case_id"] for c in listed["items"]}


def test_a_person_s_organisations_come_only_from_readable_cases(client):
    orcid = f"0000-0001-{uuid.uuid4().int % 10_000:04d}-0001"
    grants = as_actor("requester")
    screen(
        client,
        grants,
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
        },
    )
    path = f"/v1/cases/people/{orcid}/organisations"
    expected = [("Brown University", "affiliation")]
    for headers in (grants, as_actor("auditor")):
        seen = client.get(path, headers=headers).json()["organisations"]
        assert [(o["name"], o["role"]) for o in seen] == expected
    assert client.get(path, headers=as_actor("requester")).json()["organisations"] == []


@pytest.mark.parametrize("role", ["requester", "procurement", "auditor", "researcher"])
def test_only_reviewers_adjudicate_decide_or_rescreen(client, owners, role):
    case_id = owners["grants_cases"][1]
    case = client.get(f"/v1/cases/{case_id}").json()
    hit_id = case["result"]["hits"][0]["hit_id"]
    headers = as_actor(role, owners["grants"]["X-Actor"])
    attempts = [
        (
            f"/v1/cases/{case_id}/adjudications",
            {"hit_id": hit_id, "verdict": "false_positive", "reason": "Not the same party"},
        ),
        (f"/v1/cases/{case_id}/decisions", {"decision": "declined", "reason": "Too risky here"}),
        ("/v1/cases/00000000-0000-0000-0000-000000000000/decisions", {}),
        ("/v1/cases/rescreen", {"lists": ["bis-entity-list"]}),
    ]
    for path, body in attempts:
        refused = client.post(path, json=body, headers=headers)
        assert refused.status_code == 403, (path, refused.text)
        assert refused.headers["content-type"] == PROBLEM
        assert role in refused.json()["detail"]
    after = client.get(f"/v1/cases/{case_id}").json()
    assert (after["version"], after["adjudications"], after["decisions"]) == (
        case["version"],
        [],
        [],
    )


def test_admin_and_internal_calls_may_review(client, owners):
    case_id = owners["other_case"]
    hit_id = client.get(f"/v1/cases/{case_id}").json()["result"]["hits"][0]["hit_id"]
    adjudicated = client.post(
        f"/v1/cases/{case_id}/adjudications",
        json={"hit_id": hit_id, "verdict": "true_match", "reason": "Entity List entry, same city"},
        headers=as_actor("admin"),
    )
    assert adjudicated.status_code == 201, adjudicated.text
    assert adjudicated.json()["actor_role"] == "admin"
    decided = client.post(
        f"/v1/cases/{case_id}/decisions", json={"decision": "declined", "reason": "Entity List"}
    )
    assert decided.status_code == 201, decided.text
    assert decided.json()["actor_role"] == "system"
