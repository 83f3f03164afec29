"""The checks on certification, through real disclosure and parties processes."""

from typing import Any

import pytest

from tests.disclosure.conftest import Api, actor, appointment, support, talent_programme


@pytest.fixture(scope="module")
def api(start_disclosure, research_parties_url):
    client = Api(start_disclosure(research_parties_url).url)
    yield client
    client.close()


def certify_and_check(api: Api, orcid: str, content: dict[str, Any]) -> tuple[Any, Any]:
    person = api.person(orcid)
    draft = api.draft(person["id"], content)
    version = api.certify(draft["id"])
    checks = api.call("GET", f"/v1/disclosures/{draft['id']}/checks", 200)
    return version, checks["runs"][0]


def findings(run: Any, rule_id: str, subject_prefix: str = "") -> list[Any]:
    return [
        f
        for f in run["findings"]
        if f["rule_id"] == rule_id and f["subject"].startswith(subject_prefix)
    ]


def test_a_listed_university_and_a_table_2_programme_become_findings_with_list_versions(
    api, orcids
):
    content = {
        "appointments": [appointment("Harbin Institute of Technology", "CN")],
        "talent_programmes": [
            talent_programme("Thousand Talents Plan", "Ministry of Science and Technology", "CN")
        ],
    }
    _, run = certify_and_check(api, next(orcids), content)
    assert run["trigger"] == "certification"
    assert run["worst_level"] == "BLOCKED"
    hits = findings(run, "list_match", "appointments[0]")
    categories = {h["detail"]["category"] for h in hits}
    assert {"entity_list", "dod_1286_institution"} <= categories
    for hit in hits:
        assert hit["detail"]["list_version"] == run["list_versions"][hit["detail"]["list"]]
        assert hit["citation"]
    entity = next(h for h in hits if h["detail"]["category"] == "entity_list")
    assert entity["detail"]["license_requirement"]

    [programme] = findings(run, "malign_talent_programme")
    assert programme["level"] == "BLOCKED"
    assert programme["detail"]["prohibited_for_federal_awards"] is True
    table2 = programme["detail"]["list_match"]
    assert table2["category"] == "dod_1286_talent_program"
    assert table2["list_version"] == run["list_versions"]["dow-1286"]


def test_malign_terms_with_a_sponsor_in_a_country_of_concern_are_prohibited(api, orcids):
    programme = talent_programme(
        "Provincial Innovation Scholars",
        "Zhejiang Provincial Government",
        "CN",
        malign_terms={"transfer_research_or_ip": True, "cannot_terminate": True},
    )
    _, run = certify_and_check(api, next(orcids), {"talent_programmes": [programme]})
    [finding] = findings(run, "malign_talent_programme")
    assert finding["detail"]["malign_terms"] == ["transfer_research_or_ip", "cannot_terminate"]
    assert finding["detail"]["list_match"] is None
    assert (
        run["reference_versions"]["countries_of_concern"]
        == (finding["detail"]["countries_of_concern_version"])
    )


def test_an_unlisted_university_that_resembles_a_listed_one_is_not_a_list_match(api, orcids):
    content = {"appointments": [appointment("Northwestern University", "US")]}
    _, run = certify_and_check(api, next(orcids), content)
    assert findings(run, "list_match") == []


def test_consistency_findings_come_with_the_certification(api, orcids):
    content = {
        "support": [
            support(
                "A",
                "National Science Foundation",
                "US",
                person_months=[{"year": 2026, "months": 9}],
            ),
            support(
                "B",
                "National Institutes of Health",
                "US",
                potential_overlap=None,
                person_months=[{"year": 2026, "months": 6}],
            ),
            support(
                "Lab space",
                "Example Foundation",
                "DE",
                contribution="in_kind",
                amount=None,
                currency=None,
                end=None,
            ),
        ]
    }
    _, run = certify_and_check(api, next(orcids), content)
    rules = {f["rule_id"] for f in run["findings"]}
    assert {
        "person_months_over_12",
        "overlap_without_statement",
        "in_kind_without_description",
        "missing_end_date",
    } <= rules
    [months] = findings(run, "person_months_over_12")
    assert months["detail"]["year"] == 2026


def test_checks_are_rerun_on_a_certified_version_and_kept_as_history(api, orcids):
    orcid = next(orcids)
    version, first = certify_and_check(
        api, orcid, {"appointments": [appointment("Harbin Institute of Technology", "CN")]}
    )
    path = f"/v1/disclosures/{version['id']}/checks"
    api.call("POST", path, 403, headers=actor("auditor"))
    rerun = api.call("POST", path, 201, headers=actor("reviewer", name="rso@univ.edu"))
    assert rerun["trigger"] == "rerun"
    assert rerun["run_by"] == "rso@univ.edu"
    assert {f["subject"] for f in rerun["findings"]} == {f["subject"] for f in first["findings"]}
    runs = api.call("GET", path, 200)["runs"]
    assert [r["id"] for r in runs] == [rerun["id"], first["id"]]
    events = api.call("GET", f"/v1/disclosures/{version['id']}/events", 200)
    assert events[-1]["kind"] == "checks_run"


def test_a_draft_has_no_checks_and_cannot_be_rechecked(api, orcids):
    person = api.person(next(orcids))
    draft = api.draft(person["id"])
    assert api.call("GET", f"/v1/disclosures/{draft['id']}/checks", 200)["runs"] == []
    api.call("POST", f"/v1/disclosures/{draft['id']}/checks", 409)
