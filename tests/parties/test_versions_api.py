"""List versions over HTTP: publishing, the diff, the shrink guard, broken files, history."""

import csv
import io
from pathlib import Path

import httpx
import pytest

from tests.support.contract import assert_contract_holds, run_schemathesis


def sdn_ids(path: Path) -> set[str]:
    text = path.read_bytes().rstrip(b"\x1a").decode("latin-1")
    return {row[0].strip() for row in csv.reader(io.StringIO(text)) if row and row[0].strip()}


@pytest.fixture(scope="module")
def sdn_service(start_parties):
    return start_parties(["ofac-sdn/2021-07"])


@pytest.fixture(scope="module")
def client(sdn_service):
    with httpx.Client(base_url=sdn_service.url, timeout=300) as http:
        yield http


def upload(client, list_id, path: Path, fmt="ofac-legacy-csv", force=False, content=None):
    files = [("files", (path.name, content if content is not None else path.read_bytes()))]
    data = {"format": fmt, "force": "true" if force else "false"}
    return client.post(f"/v1/lists/{list_id}/versions", files=files, data=data)


def sdn_versions(client):
    return [v["label"] for v in client.get("/v1/lists/ofac-sdn").json()["versions"]]


def test_first_start_loaded_only_the_selected_source(client):
    lists = client.get("/v1/lists").json()
    assert [item["list_id"] for item in lists] == ["ofac-sdn"]
    assert lists[0]["current_version"]["record_count"] == 8_976


def test_a_broken_file_is_rejected_whole_and_names_the_line(client, lists_dir):
    good = (lists_dir / "ofac-sdn/2024-05/sdn.csv").read_bytes()
    lines = good.splitlines(keepends=True)
    broken = b"".join(lines[:50]) + b'99999,"UNTERMINATED QUOTE,-0- ,\n' + b"".join(lines[50:100])
    response = upload(client, "ofac-sdn", Path("sdn.csv"), content=broken)
    assert response.status_code == 422, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    assert "nothing was stored" in response.json()["detail"]
    assert sdn_versions(client) == ["ofac-sdn@1"]


def test_unknown_format_is_refused(client, lists_dir):
    response = upload(client, "ofac-sdn", lists_dir / "ofac-sdn/2024-05/sdn.csv", fmt="pdf")
    assert response.status_code == 422
    assert "Unknown format" in response.json()["detail"]


def test_a_version_that_loses_most_of_its_records_is_refused_unless_forced(client, lists_dir):
    lines = (lists_dir / "ofac-sdn/2021-07/sdn.csv").read_bytes().splitlines(keepends=True)
    shrunk = b"".join(lines[:1000])
    refused = upload(client, "ofac-sdn", Path("sdn.csv"), content=shrunk)
    assert refused.status_code == 409, refused.text
    assert refused.json()["new_count"] == 1000
    assert sdn_versions(client) == ["ofac-sdn@1"]


def test_the_2024_list_publishes_a_version_with_a_correct_diff(client, lists_dir):
    old_ids = sdn_ids(lists_dir / "ofac-sdn/2021-07/sdn.csv")
    new_path = lists_dir / "ofac-sdn/2024-05/sdn.csv"
    new_ids = sdn_ids(new_path)

    response = upload(client, "ofac-sdn", new_path)
    assert response.status_code == 201, response.text
    version = response.json()["version"]
    assert version["label"] == "ofac-sdn@2"
    assert version["record_count"] == len(new_ids) == 14_965

    diff = client.get("/v1/lists/ofac-sdn/versions/2/diff").json()
    assert diff["previous_version"] == "ofac-sdn@1"
    added = {item["party_id"].split(":", 1)[1] for item in diff["added"]}
    removed = {item["party_id"].split(":", 1)[1] for item in diff["removed"]}
    changed = {item["party_id"].split(":", 1)[1] for item in diff["changed"]}
    assert added == new_ids - old_ids
    assert removed == old_ids - new_ids
    assert changed <= old_ids & new_ids
    assert changed, "the 2024 file has no alt.csv, so entries with aliases changed"
    assert diff["counts"] == {
        "added": len(added),
        "changed": len(changed),
        "removed": len(removed),
        "records": 14_965,
    }

    again = upload(client, "ofac-sdn", new_path)
    assert again.status_code == 200
    assert again.json()["unchanged"] is True
    assert sdn_versions(client) == ["ofac-sdn@1", "ofac-sdn@2"]


def test_a_changed_party_keeps_its_id_and_shows_its_history(client):
    diff = client.get("/v1/lists/ofac-sdn/versions/2/diff").json()
    changed = diff["changed"][0]
    detail = client.get(f"/v1/parties/{changed['party_id']}").json()
    assert [h["list_version"] for h in detail["history"]] == ["ofac-sdn@1", "ofac-sdn@2"]
    assert detail["history"][0]["until_version"] == "ofac-sdn@2"
    assert detail["history"][1]["content_hash"] == changed["content_hash"]


def test_searches_use_the_new_version_after_publishing(client):
    result = client.post("/v1/parties/search", json={"name": "BANCO NACIONAL DE CUBA"}).json()
    assert result["list_versions"] == {"ofac-sdn": "ofac-sdn@2"}
    assert result["matches"][0]["list_version"] == "ofac-sdn@2"


def test_redis_down_still_answers_and_readiness_says_degraded(start_parties):
    service = start_parties(["research-security-2026-07"], REDIS_URL="redis://127.0.0.1:1/0")
    with httpx.Client(base_url=service.url, timeout=60) as http:
        result = http.post("/v1/parties/search", json={"name": "Harbin Institute of Technology"})
        assert result.status_code == 200
        assert result.json()["cache"] == "unavailable"
        assert any(m["is_match"] for m in result.json()["matches"])
        report = http.get("/readyz")
        assert report.status_code == 200
        assert report.json()["cache"]["status"] == "degraded"
    service.stop()


def test_the_openapi_contract_holds_with_no_server_errors(start_parties):
    service = start_parties(["research-security-2026-07"])
    assert_contract_holds(run_schemathesis(service.url, max_examples=30))
    service.stop()
