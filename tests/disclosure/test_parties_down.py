"""Parties down: certification is refused with a 503 naming it, and nothing is stored."""

import pytest

from tests.disclosure.conftest import Api, appointment, closed_port_url


@pytest.fixture(scope="module")
def api(start_disclosure):
    client = Api(start_disclosure(closed_port_url()).url)
    yield client
    client.close()


def test_certification_is_refused_and_the_draft_is_untouched(api, orcids):
    person = api.person(next(orcids))
    draft = api.draft(person["id"], {"appointments": [appointment("ETH Zurich", "CH")]})
    problem = api.certify(draft["id"], expect=503)
    assert problem["service"] == "parties"
    assert "parties" in problem["detail"]
    after = api.call("GET", f"/v1/disclosures/{draft['id']}", 200)
    assert after == draft
    assert api.call("GET", f"/v1/disclosures/{draft['id']}/checks", 200)["runs"] == []
    kinds = [e["kind"] for e in api.call("GET", f"/v1/disclosures/{draft['id']}/events", 200)]
    assert kinds == ["draft_created"]
    again = api.call("GET", f"/v1/people/{person['id']}", 200)
    assert again["certification"]["state"] == "never_certified"


def test_a_disclosure_naming_no_organisation_needs_no_list_check(api, orcids):
    person = api.person(next(orcids))
    draft = api.draft(person["id"])
    certified = api.certify(draft["id"])
    assert certified["status"] == "certified"
    run = api.call("GET", f"/v1/disclosures/{draft['id']}/checks", 200)["runs"][0]
    assert run["list_versions"] == {}


def test_the_undisclosed_check_names_screening_when_it_is_down(api, orcids):
    person = api.person(next(orcids))
    problem = api.call("GET", f"/v1/people/{person['id']}/undisclosed", 503)
    assert problem["service"] == "screening"
