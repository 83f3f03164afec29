"""End to end through the gateway, the whole system as real processes: keys, screening,
adjudication and decision, disclosure and certification, a new list version that raises a
re-screening alert, the audit trail, and refusals."""

import time
from contextlib import ExitStack

import pytest

from tests.e2e.system import ORCID, System, start_system

PROBLEM = "application/problem+json"
STATEMENT = "I certify that this disclosure is current, accurate and complete."


@pytest.fixture(scope="module")
def system(start_parties, redis_url, tmp_path_factory):
    parties = start_parties(["ofac-sdn/2021-07", "research-security-2026-07"])
    with ExitStack() as stack:
        yield start_system(stack, tmp_path_factory.mktemp("e2e"), parties, redis_url)


@pytest.fixture(scope="module")
def keys(system: System) -> dict[str, str]:
    return system.issue_keys()


@pytest.fixture(scope="module")
def as_role(system, keys):
    clients = {role: system.client(key) for role, key in keys.items()}
    yield clients
    for client in clients.values():
        client.close()


def test_the_merged_openapi_describes_every_service(system):
    with system.client(system.admin_key) as client:
        deadline = time.monotonic() + 30
        while True:
            paths = client.get("/openapi.json").json()["paths"]
            if {"/v1/screenings", "/v1/people"} <= set(paths) or time.monotonic() > deadline:
                break
            time.sleep(0.5)
    for path in (
        "/v1/parties/search",
        "/v1/lists",
        "/v1/screenings",
        "/v1/cases/{case_id}",
        "/v1/alerts",
        "/v1/people",
        "/v1/disclosures/{version_id}/certify",
        "/v1/keys",
    ):
        assert path in paths, path
    assert "/healthz" in paths and "/metrics" not in paths
    assert paths["/v1/disclosures/{version_id}/certify"]["post"]["x-roles"] == ["researcher"]


def test_a_collaboration_is_screened_adjudicated_decided_and_audited(as_role):
    requester, reviewer, auditor = as_role["requester"], as_role["reviewer"], as_role["auditor"]
    screened = requester.post(
        "/v1/screenings",
        json={
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
    assert screened.status_code == 201, screened.text
    case = screened.json()
    assert case["level"] in ("HIGH", "BLOCKED") and case["hits"]
    case_id = case["case_id"]

    refused = requester.post(
        f"/v1/cases/{case_id}/decisions", json={"decision": "cleared", "reason": "looks fine to me"}
    )
    assert refused.status_code == 403
    assert refused.headers["content-type"] == PROBLEM

    for hit in case["hits"]:
        adjudicated = reviewer.post(
            f"/v1/cases/{case_id}/adjudications",
            json={
                "hit_id": hit["hit_id"],
                "verdict": "true_match",
                "reason": "Same institution, same city; Entity List entry",
            },
        )
        assert adjudicated.status_code == 201, adjudicated.text
        assert adjudicated.json()["actor"] == "officer@univ.edu"
    decided = reviewer.post(
        f"/v1/cases/{case_id}/decisions",
        json={
            "decision": "cleared_with_conditions",
            "conditions": ["Technology Control Plan"],
            "reason": "Fundamental research only; TCP in place; no EAR items shared",
        },
    )
    assert decided.status_code == 201, decided.text
    assert decided.json()["actor_role"] == "reviewer"

    assert requester.get(f"/v1/cases/{case_id}/events").status_code == 403
    trail = auditor.get(f"/v1/cases/{case_id}/events")
    assert trail.status_code == 200, trail.text
    actors = {(event["actor"], event["actor_role"]) for event in trail.json()}
    assert ("grants-system", "requester") in actors
    assert ("officer@univ.edu", "reviewer") in actors
    assert all(event["request_id"] not in ("", "-") for event in trail.json())
    assert auditor.post(f"/v1/cases/{case_id}/decisions", json={}).status_code == 403


def test_a_delegate_prepares_a_disclosure_and_only_the_researcher_certifies(as_role):
    reviewer, delegate, researcher = as_role["reviewer"], as_role["delegate"], as_role["researcher"]
    person = reviewer.post(
        "/v1/people",
        json={
            "name": "Ada Researcher",
            "orcid": ORCID,
            "primary_organisation": "Example State University",
        },
    )
    assert person.status_code == 201, person.text
    draft = delegate.post(
        f"/v1/people/{ORCID}/disclosures",
        json={
            "content": {
                "appointments": [
                    {
                        "organisation": "ETH Zurich",
                        "country": "CH",
                        "title": "Visiting Professor",
                        "kind": "visiting",
                        "paid": True,
                        "start": "2025-06-01",
                        "end": "2027-05-31",
                    }
                ]
            }
        },
    )
    assert draft.status_code == 201, draft.text
    version_id = draft.json()["id"]
    assert draft.json()["created_by"] == "assistant@univ.edu"

    by_delegate = delegate.post(
        f"/v1/disclosures/{version_id}/certify", json={"statement": STATEMENT}
    )
    assert by_delegate.status_code == 403
    certified = researcher.post(
        f"/v1/disclosures/{version_id}/certify", json={"statement": STATEMENT}
    )
    assert certified.status_code == 200, certified.text
    assert certified.json()["certification"]["certified_by"] == "ada@univ.edu"

    assert as_role["requester"].get(f"/v1/disclosures/{version_id}").status_code == 403
    history = as_role["auditor"].get(f"/v1/disclosures/{version_id}/events")
    assert history.status_code == 200, history.text
    assert as_role["auditor"].get(f"/v1/people/{ORCID}/access-log").status_code == 200


def test_a_new_list_version_raises_a_rescreening_alert(as_role, lists_dir):
    reviewer, admin, auditor = as_role["reviewer"], as_role["admin"], as_role["auditor"]
    screened = as_role["procurement"].post(
        "/v1/screenings",
        json={
            "kind": "vendor",
            "parties": [
                {
                    "role": "vendor",
                    "type": "organization",
                    "name": "VTB Bank Public Joint Stock Company",
                }
            ],
        },
    )
    assert screened.status_code == 201, screened.text
    case_id = screened.json()["case_id"]
    for hit in screened.json()["hits"]:
        reviewer.post(
            f"/v1/cases/{case_id}/adjudications",
            json={
                "hit_id": hit["hit_id"],
                "verdict": "false_positive",
                "reason": "A different bank; checked the registration number",
            },
        )
    decided = reviewer.post(
        f"/v1/cases/{case_id}/decisions", json={"decision": "cleared", "reason": "no listed party"}
    )
    assert decided.status_code == 201, decided.text

    sdn_2024 = (lists_dir / "ofac-sdn" / "2024-05" / "sdn.csv").read_bytes()
    assert len(sdn_2024) > 1024 * 1024
    published = admin.post(
        "/v1/lists/ofac-sdn/versions",
        files={"files": ("sdn.csv", sdn_2024, "text/csv")},
        data={"format": "ofac-legacy-csv", "force": "true"},
    )
    assert published.status_code == 201, published.text
    assert published.json()["version"]["loaded_by"] == "admin"

    deadline = time.monotonic() + 240
    alerts: list[dict[str, str]] = []
    while time.monotonic() < deadline:
        alerts = [a for a in reviewer.get("/v1/alerts").json()["items"] if a["case_id"] == case_id]
        if alerts:
            break
        time.sleep(1)
    assert alerts, "no re-screening alert for the VTB case"
    assert as_role["requester"].get("/v1/alerts").status_code == 403
    events = auditor.get(f"/v1/cases/{case_id}/events").json()
    assert events[-1]["action"] == "reopened"


def test_a_revoked_key_is_refused(system, as_role, keys):
    requester = as_role["requester"]
    assert requester.get("/v1/lists").status_code == 200
    listed = as_role["admin"].get("/v1/keys").json()
    key_id = next(k["id"] for k in listed if k["name"] == "grants-system")
    assert as_role["admin"].delete(f"/v1/keys/{key_id}").status_code == 200
    refused = requester.get("/v1/lists")
    assert refused.status_code == 401
    assert refused.headers["content-type"] == PROBLEM
