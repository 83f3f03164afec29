"""The search API of a real parties process with every real list loaded."""

import csv
import io

import httpx
import pytest

PROBLEM = "application/problem+json"


@pytest.fixture(scope="module")
def client(parties_url: str):
    with httpx.Client(base_url=parties_url, timeout=120) as http:
        yield http


def search(client: httpx.Client, **body):
    response = client.post("/v1/parties/search", json=body)
    assert response.status_code == 200, response.text
    return response.json()


def best_match(result: dict, list_id: str | None = None) -> dict | None:
    matches = [m for m in result["matches"] if m["is_match"] and list_id in (None, m["list"])]
    return matches[0] if matches else None


def test_harbin_institute_of_technology_is_on_the_entity_list_with_its_licence_terms(client):
    result = search(
        client, name="Harbin Institute of Technology", type="organization", country="CN"
    )
    hit = best_match(result, "bis-entity-list")
    assert hit is not None, result["matches"]
    assert hit["category"] == "entity_list"
    assert "harbin institute of technology" in hit["name"].lower()
    assert hit["license_requirement"]
    assert hit["list_version"] == result["list_versions"]["bis-entity-list"]
    assert hit["explanation"]


def test_the_acronym_nudt_finds_the_national_university_of_defense_technology(client):
    hit = best_match(search(client, name="NUDT"))
    assert hit is not None
    assert "national university of defense technology" in hit["name"].lower()


@pytest.mark.parametrize(
    "name",
    ["Northwestern University", "Sichuan Normal University", "Tianjin University of Technology"],
)
def test_unlisted_universities_that_resemble_listed_ones_are_not_matches(client, name):
    result = search(client, name=name, type="organization")
    assert best_match(result) is None, [(m["name"], m["score"]) for m in result["matches"]]


def test_list_filter_and_normalized_query_are_reported(client):
    result = search(client, name="  HARBIN   Institute of Technology!! ", lists=["dow-1286"])
    assert result["query"]["normalized"] == "harbin institute of technology"
    assert {m["list"] for m in result["matches"]} <= {"dow-1286"}


def test_batch_answers_every_query_in_order(client):
    names = ["Harbin Institute of Technology", "Northwestern University", "NUDT", "ETH Zurich"]
    body = {"queries": [{"ref": f"r{i}", "name": n} for i, n in enumerate(names)]}
    response = client.post("/v1/parties/search/batch", json=body)
    assert response.status_code == 200, response.text
    results = response.json()["results"]
    assert [r["ref"] for r in results] == ["r0", "r1", "r2", "r3"]
    assert any(m["is_match"] for m in results[0]["matches"])
    assert not any(m["is_match"] for m in results[1]["matches"])
    again = client.post("/v1/parties/search/batch", json=body).json()
    assert again["results"] == results


def test_csv_upload_answers_json_or_csv(client):
    upload = "ref,name,country\nv1,Harbin Institute of Technology,CN\nv2,Acme Lab Supplies,US\n"
    files = {"file": ("vendors.csv", upload.encode(), "text/csv")}
    as_json = client.post("/v1/parties/search/csv", files=files)
    assert as_json.status_code == 200, as_json.text
    assert [r["ref"] for r in as_json.json()["results"]] == ["v1", "v2"]
    as_csv = client.post("/v1/parties/search/csv", files=files, headers={"Accept": "text/csv"})
    rows = list(csv.DictReader(io.StringIO(as_csv.text)))
    assert any(r["ref"] == "v1" and r["band"] == "match" for r in rows)
    assert [r["band"] for r in rows if r["ref"] == "v2"] == ["no_match"]


@pytest.mark.parametrize(
    ("body", "fragment"),
    [
        ({"name": ""}, "name"),
        ({"name": "  ?!  "}, "no letters or digits"),
        ({"name": "x", "threshold": 1.5}, "threshold"),
        ({"name": "x", "lists": ["no-such-list"]}, "Unknown list"),
        ({"name": "x", "date_of_birth": "07/10/1952"}, "YYYY"),
        ({"name": "x", "surprise": 1}, "surprise"),
    ],
)
def test_bad_queries_get_a_problem_document(client, body, fragment):
    response = client.post("/v1/parties/search", json=body)
    assert response.status_code == 422
    assert response.headers["content-type"].startswith(PROBLEM)
    problem = response.json()
    assert problem["status"] == 422
    assert fragment in problem["detail"]


def test_more_than_ten_thousand_queries_are_refused(client):
    body = {"queries": [{"ref": str(i), "name": "ACME"} for i in range(10_001)]}
    response = client.post("/v1/parties/search/batch", json=body)
    assert response.status_code == 422
    assert response.headers["content-type"].startswith(PROBLEM)


def test_a_bad_csv_names_the_line(client):
    upload = "ref,name,type\nv1,Acme,organization\nv2,Other,spaceship\n"
    response = client.post("/v1/parties/search/csv", files={"file": ("v.csv", upload.encode())})
    assert response.status_code == 422
    assert "Line 3" in response.json()["detail"]


def test_party_detail_has_every_field_and_history(client):
    hit = best_match(search(client, name="Harbin Institute of Technology"), "bis-entity-list")
    assert hit is not None
    detail = client.get(f"/v1/parties/{hit['party_id']}").json()
    assert detail["current"] is True
    assert detail["data"]["name"] == hit["name"]
    assert detail["history"][0]["list_version"] == hit["list_version"]
    assert client.get("/v1/parties/bis-entity-list:no-such-entry").status_code == 404


def test_lists_report_versions_counts_and_freshness(client):
    lists = {item["list_id"]: item for item in client.get("/v1/lists").json()}
    assert {"us-csl", "ofac-sdn", "un", "uk-ofsi", "bis-dpl", "bis-entity-list", "dow-1286"} <= set(
        lists
    )
    sdn = lists["ofac-sdn"]
    assert [v["label"] for v in sdn["versions"]] == ["ofac-sdn@1", "ofac-sdn@2"]
    assert sdn["current_version"]["record_count"] == 14_965
    assert sdn["freshness"]["stale"] is False
    assert lists["un"]["current_version"]["record_count"] == 1_003


def test_readiness_reports_database_lists_and_cache(client):
    report = client.get("/readyz").json()
    assert report["ready"] is True
    assert report["database"] == "ok"
    assert report["cache"]["status"] == "ok"
    # current versions: CSL 14,159 + SDN 2024 14,965 + UN 1,003 + OFSI 4,686 + DPL 2026 564
    # + the other twelve research-security lists 5,365
    assert report["lists"]["parties"] == 40_742
