"""Versions, certification, corrections, access rules and bad input, on running processes."""

from datetime import date, timedelta

import pytest

from tests.disclosure.conftest import Api, actor, appointment, support

AUDITOR = actor("auditor", name="audit@univ.edu")
REVIEWER = actor("reviewer", name="rso@univ.edu")


@pytest.fixture(scope="module")
def api(start_disclosure, research_parties_url):
    client = Api(start_disclosure(research_parties_url).url)
    yield client
    client.close()


@pytest.fixture
def person(api, orcids):
    return api.person(next(orcids))


def test_a_person_is_registered_with_a_normalized_orcid_and_found_by_it(api, orcids):
    orcid = next(orcids)
    created = api.person(f"https://orcid.org/{orcid}", position="Professor")
    assert created["orcid"] == orcid
    assert created["certification"]["state"] == "never_certified"
    assert api.call("GET", f"/v1/people/{orcid}", 200)["id"] == created["id"]
    duplicate = api.call(
        "POST",
        "/v1/people",
        409,
        json={"name": "Twin", "orcid": orcid, "primary_organisation": "Elsewhere"},
    )
    assert orcid in duplicate["detail"]


def test_an_invalid_orcid_is_refused_and_nothing_is_stored(api):
    before = api.call("GET", "/v1/people", 200, params={"limit": 500})["items"]
    problem = api.call(
        "POST",
        "/v1/people",
        422,
        json={"name": "Bad", "orcid": "0000-0002-1825-0098", "primary_organisation": "U"},
    )
    assert "check digit" in problem["detail"]
    after = api.call("GET", "/v1/people", 200, params={"limit": 500})["items"]
    assert len(after) == len(before)


def test_a_draft_is_edited_at_its_revision_then_certified_and_frozen(api, person):
    draft = api.draft(person["id"], {"appointments": [appointment("ETH Zurich", "CH")]})
    assert (draft["number"], draft["status"], draft["revision"]) == (1, "draft", 1)
    path = f"/v1/disclosures/{draft['id']}"
    content = {**draft["content"], "support": [support("Climate", "Swiss NSF", "CH")]}
    edited = api.call("PUT", path, 200, json={"revision": 1, "content": content})
    assert edited["revision"] == 2
    assert edited["content"]["support"][0]["source"] == "Swiss NSF"
    stale = api.call("PUT", path, 409, json={"revision": 1, "content": content})
    assert stale["current_revision"] == 2

    certified = api.certify(draft["id"])
    assert certified["status"] == "certified"
    assert certified["certification"]["certified_by"] == "system"
    assert date.fromisoformat(certified["certification"]["expires_on"]) > date.today() + timedelta(
        days=360
    )
    frozen = api.call("PUT", path, 409, json={"revision": 2, "content": content})
    assert "frozen" in frozen["detail"]
    api.certify(draft["id"], expect=409)
    assert api.call("GET", path, 200) == certified
    kinds = [e["kind"] for e in api.call("GET", f"{path}/events", 200)]
    assert kinds == ["draft_created", "draft_updated", "certified"]


def test_one_draft_at_a_time_and_a_new_draft_starts_from_the_latest_certified(api, person):
    first = api.draft(person["id"], {"appointments": [appointment("ETH Zurich", "CH")]})
    problem = api.call("POST", f"/v1/people/{person['id']}/disclosures", 409, json={})
    assert problem["draft_id"] == first["id"]
    api.certify(first["id"])
    second = api.draft(person["id"])
    assert second["number"] == 2
    assert second["based_on_id"] == first["id"]
    assert second["content"] == first["content"]
    versions = api.call("GET", f"/v1/people/{person['id']}/disclosures", 200)["versions"]
    assert [(v["number"], v["status"]) for v in versions] == [(1, "certified"), (2, "draft")]


def test_a_correction_creates_a_new_version_with_its_reason(api, person):
    original = api.draft(person["id"], {"appointments": [appointment("ETH Zurich", "CH")]})
    api.certify(original["id"])
    corrected_content = {
        "appointments": [appointment("ETH Zurich", "CH"), appointment("Tsinghua University", "CN")]
    }
    correction = api.call(
        "POST",
        f"/v1/disclosures/{original['id']}/corrections",
        201,
        json={
            "what_changed": "Added the visiting appointment at Tsinghua University",
            "reason": "Omitted by mistake",
            "discovered_on": date.today().isoformat(),
            "content": corrected_content,
        },
    )
    assert (correction["number"], correction["status"]) == (2, "draft")
    assert correction["based_on_id"] == original["id"]
    assert correction["correction"]["reason"] == "Omitted by mistake"
    assert correction["correction"]["corrects_version_number"] == 1
    assert len(correction["content"]["appointments"]) == 2
    unchanged = api.call("GET", f"/v1/disclosures/{original['id']}", 200)
    assert len(unchanged["content"]["appointments"]) == 1
    certified = api.certify(correction["id"])
    assert certified["correction"]["what_changed"].startswith("Added")
    events = api.call("GET", f"/v1/disclosures/{correction['id']}/events", 200)
    assert events[0]["kind"] == "correction_created"
    assert events[0]["data"]["reason"] == "Omitted by mistake"


def test_corrections_apply_to_certified_versions_and_cannot_be_discovered_tomorrow(api, person):
    draft = api.draft(person["id"])
    body = {"what_changed": "x", "reason": "y", "discovered_on": date.today().isoformat()}
    api.call("POST", f"/v1/disclosures/{draft['id']}/corrections", 409, json=body)
    api.certify(draft["id"])
    tomorrow = {**body, "discovered_on": (date.today() + timedelta(days=1)).isoformat()}
    api.call("POST", f"/v1/disclosures/{draft['id']}/corrections", 422, json=tomorrow)
    versions = api.call("GET", f"/v1/people/{person['id']}/disclosures", 200)["versions"]
    assert len(versions) == 1


@pytest.mark.parametrize(
    ("item", "section"),
    [
        (appointment("ETH Zurich", "CH", start="2026-01-01", end="2025-01-01"), "appointments"),
        (support("P", "NSF", "US", amount="-100"), "support"),
        (support("P", "NSF", "US", currency="XYZ"), "support"),
        (support("P", "NSF", "US", person_months=[{"year": 2025, "months": -1}]), "support"),
    ],
    ids=["end-before-start", "negative-amount", "unknown-currency", "negative-person-months"],
)
def test_bad_content_is_a_422_problem_and_nothing_is_stored(api, person, item, section):
    path = f"/v1/people/{person['id']}/disclosures"
    api.call("POST", path, 422, json={"content": {section: [item]}})
    assert api.call("GET", path, 200)["versions"] == []
    draft = api.draft(person["id"])
    api.call(
        "PUT",
        f"/v1/disclosures/{draft['id']}",
        422,
        json={"revision": 1, "content": {section: [item]}},
    )
    again = api.call("GET", f"/v1/disclosures/{draft['id']}", 200)
    assert again["revision"] == 1
    assert again["content"][section] == []


def test_a_researcher_sees_only_their_own_records(api, orcids):
    alice_orcid, bob_orcid = next(orcids), next(orcids)
    alice, bob = api.person(alice_orcid), api.person(bob_orcid)
    bob_draft = api.draft(bob["id"])
    as_alice = actor("researcher", alice_orcid, "alice@univ.edu")
    assert api.call("GET", f"/v1/people/{alice['id']}", 200, headers=as_alice)["id"] == alice["id"]
    api.call("GET", f"/v1/people/{bob['id']}", 403, headers=as_alice)
    api.call("GET", f"/v1/disclosures/{bob_draft['id']}", 403, headers=as_alice)
    api.call("GET", f"/v1/disclosures/{bob_draft['id']}/events", 403, headers=as_alice)
    api.call("POST", f"/v1/people/{bob['id']}/disclosures", 403, headers=as_alice, json={})
    api.call("GET", "/v1/people", 403, headers=as_alice)
    api.call("GET", f"/v1/people/{bob['id']}", 403, headers=actor("requester"))
    as_bob_by_id = actor("researcher", bob["id"], "bob@univ.edu")
    api.call("GET", f"/v1/disclosures/{bob_draft['id']}", 200, headers=as_bob_by_id)


def test_a_delegate_prepares_but_only_the_researcher_certifies(api, orcids):
    orcid = next(orcids)
    person = api.person(orcid)
    delegate = actor("delegate", orcid, "assistant@univ.edu")
    draft = api.draft(
        person["id"], {"appointments": [appointment("ETH Zurich", "CH")]}, headers=delegate
    )
    assert draft["created_by"] == "assistant@univ.edu"
    problem = api.certify(draft["id"], expect=403, headers=delegate)
    assert "delegate" in problem["detail"]
    api.certify(draft["id"], expect=403, headers=actor("reviewer"))
    assert api.call("GET", f"/v1/disclosures/{draft['id']}", 200)["status"] == "draft"
    certified = api.certify(draft["id"], headers=actor("researcher", orcid, "ada@univ.edu"))
    assert certified["certification"]["certified_by"] == "ada@univ.edu"


def test_staff_read_everything_and_every_staff_read_is_logged(api, orcids):
    orcid = next(orcids)
    person = api.person(orcid)
    draft = api.draft(person["id"])
    own = actor("researcher", orcid)
    api.call("GET", f"/v1/disclosures/{draft['id']}", 200, headers=own)
    api.call("GET", f"/v1/disclosures/{draft['id']}", 200, headers=AUDITOR)
    api.call("GET", f"/v1/people/{person['id']}", 200, headers=REVIEWER)
    api.call(
        "PUT",
        f"/v1/disclosures/{draft['id']}",
        403,
        headers=AUDITOR,
        json={"revision": 1, "content": {}},
    )
    log = api.call("GET", f"/v1/people/{person['id']}/access-log", 200, headers=AUDITOR)
    entries = [(e["actor"], e["action"]) for e in log["items"]]
    assert entries == [("rso@univ.edu", "read_person"), ("audit@univ.edu", "read_disclosure")]
    api.call("GET", f"/v1/people/{person['id']}/access-log", 403, headers=own)


def test_the_due_report_lists_who_is_due_or_overdue(api, orcids):
    certified_person = api.person(next(orcids), name="Certified Person")
    never = api.person(next(orcids), name="Never Certified")
    draft = api.draft(certified_person["id"])
    expires = date.fromisoformat(api.certify(draft["id"])["certification"]["expires_on"])

    def states(**params: str) -> dict[str, str]:
        items = api.call("GET", "/v1/people", 200, params={"limit": 500, **params})["items"]
        return {p["id"]: p["certification"]["state"] for p in items}

    today = states()
    assert today[certified_person["id"]] == "current"
    assert today[never["id"]] == "never_certified"
    overdue_now = states(due="overdue")
    assert never["id"] in overdue_now and certified_person["id"] not in overdue_now
    soon = states(due="due", as_of=(expires - timedelta(days=10)).isoformat())
    assert soon[certified_person["id"]] == "due"
    later = states(due="overdue", as_of=expires.isoformat())
    assert later[certified_person["id"]] == "overdue"
    assert certified_person["id"] in states(due="current")
