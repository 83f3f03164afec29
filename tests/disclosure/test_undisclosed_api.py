"""Undisclosed: what a real screening process saw for a person, missing from their latest
certified disclosure."""

from datetime import date

import httpx
import pytest

from tests.disclosure.conftest import Api, actor, appointment, support


@pytest.fixture(scope="module")
def api(start_disclosure, research_parties_url, screening_url):
    client = Api(start_disclosure(research_parties_url, screening_url).url)
    yield client
    client.close()


def screen_collaboration(screening_url: str, orcid: str) -> None:
    body = {
        "kind": "collaboration",
        "sponsor": "NSF",
        "topic": "materials science",
        "parties": [
            {
                "role": "co-investigator",
                "name": "Ada Researcher",
                "type": "person",
                "affiliation": "Zhejiang University",
                "person_ref": orcid,
            }
        ],
        "funding_sources": [
            {"name": "TSINGHUA UNIVERSITY", "country": "CN", "person_ref": orcid},
        ],
    }
    response = httpx.post(f"{screening_url}/v1/screenings", json=body, timeout=120)
    assert response.status_code == 201, response.text


def test_an_affiliation_screening_found_but_the_disclosure_lacks_is_undisclosed(
    api, screening_url, orcids
):
    orcid = next(orcids)
    person = api.person(orcid)
    draft = api.draft(person["id"], {"support": [support("Alloys", "Tsinghua University", "CN")]})
    api.certify(draft["id"])
    screen_collaboration(screening_url, orcid)

    report = api.call("GET", f"/v1/people/{person['id']}/undisclosed", 200)
    assert report["person_ref"] == orcid
    assert report["compared_version_id"] == draft["id"]
    assert report["screened_organisations"] == 2
    assert [(o["name"], o["role"]) for o in report["undisclosed"]] == [
        ("Zhejiang University", "affiliation")
    ]
    assert report["undisclosed"][0]["case_id"]


def test_disclosing_it_in_a_correction_clears_it_once_certified(api, screening_url, orcids):
    orcid = next(orcids)
    person = api.person(orcid)
    original = api.draft(
        person["id"], {"support": [support("Alloys", "Tsinghua University", "CN")]}
    )
    api.certify(original["id"])
    screen_collaboration(screening_url, orcid)
    content = {**original["content"], "appointments": [appointment("Zhejiang University", "CN")]}
    correction = api.call(
        "POST",
        f"/v1/disclosures/{original['id']}/corrections",
        201,
        json={
            "what_changed": "Added Zhejiang University",
            "reason": "Found by screening",
            "discovered_on": date.today().isoformat(),
            "content": content,
        },
    )
    still = api.call("GET", f"/v1/people/{orcid}/undisclosed", 200)
    assert [o["name"] for o in still["undisclosed"]] == ["Zhejiang University"]
    api.certify(correction["id"])
    cleared = api.call("GET", f"/v1/people/{orcid}/undisclosed", 200)
    assert cleared["compared_version_number"] == 2
    assert cleared["undisclosed"] == []


def test_a_researcher_sees_their_own_undisclosed_report_only(api, orcids):
    mine, theirs = next(orcids), next(orcids)
    api.person(mine)
    other = api.person(theirs)
    api.call("GET", f"/v1/people/{other['id']}/undisclosed", 403, headers=actor("researcher", mine))
    report = api.call(
        "GET", f"/v1/people/{mine}/undisclosed", 200, headers=actor("researcher", mine)
    )
    assert report["compared_version_id"] is None
    assert report["undisclosed"] == []
