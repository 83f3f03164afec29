"""Re-screening when parties publishes a new SDN version: reopened cases, alerts, webhooks."""

import hashlib
import hmac
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, ClassVar

import httpx
import pytest

from tests.screening.conftest import start_screening

SECRET = "a-real-webhook-secret-for-tests"
REVIEWER = {"X-Actor": "carol@univ.edu", "X-Actor-Role": "reviewer"}
ADDED = ("VTB Bank Public Joint Stock Company", "organization", "ofac-sdn:17013")
CHANGED = ("Jhon Eidelber Cano Correa", "person", "ofac-sdn:10000")
UNCHANGED = ("Ismael Higuera Guerrero", "person", "ofac-sdn:6863")


class Receiver(BaseHTTPRequestHandler):
    """A webhook endpoint that fails its first call, then accepts."""

    received: ClassVar[list[tuple[dict[str, str], bytes, int]]] = []
    lock = threading.Lock()

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers["Content-Length"]))
        with self.lock:
            status = 500 if not self.received else 200
            self.received.append((dict(self.headers), body, status))
        self.send_response(status)
        self.end_headers()

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def receiver():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Receiver)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/hook"
    server.shutdown()


@pytest.fixture(scope="module")
def sdn_2021(start_parties):
    return start_parties(["ofac-sdn/2021-07"])


@pytest.fixture(scope="module")
def screening(sdn_2021, postgres_url, receiver, tmp_path_factory):
    process = start_screening(
        sdn_2021.url,
        postgres_url,
        tmp_path_factory.mktemp("rescreen"),
        SCREENING_WEBHOOK_URLS=receiver,
        SCREENING_WEBHOOK_SECRET=SECRET,
        SCREENING_WEBHOOK_BACKOFF_S="0.2",
        SCREENING_RESCREEN_POLL_INTERVAL_S="1",
    )
    with httpx.Client(base_url=process.url, timeout=120) as http:
        yield http
    process.stop()


def cleared_case(http: httpx.Client, name: str, type_: str) -> Any:
    result = http.post(
        "/v1/screenings", json={"kind": "vendor", "parties": [{"name": name, "type": type_}]}
    ).json()
    for hit in result["hits"]:
        response = http.post(
            f"/v1/cases/{result['case_id']}/adjudications",
            headers=REVIEWER,
            json={
                "hit_id": hit["hit_id"],
                "verdict": "false_positive",
                "reason": "Our supplier: different party, other DOB",
            },
        )
        assert response.status_code == 201
    decision = http.post(
        f"/v1/cases/{result['case_id']}/decisions",
        headers=REVIEWER,
        json={"decision": "cleared", "reason": "false positives only"},
    )
    assert decision.status_code == 201, decision.text
    return result


def wait_for_alerts(http: httpx.Client, count: int, timeout_s: float = 180) -> Any:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        alerts = http.get("/v1/alerts").json()
        if alerts["total"] >= count:
            return alerts["items"]
        time.sleep(1)
    raise AssertionError(f"fewer than {count} alerts after {timeout_s}s")


def test_new_sdn_version_reopens_cases_with_new_or_changed_hits(screening, sdn_2021, lists_dir):
    http = screening
    added = cleared_case(http, *ADDED[:2])
    changed = cleared_case(http, *CHANGED[:2])
    unchanged = cleared_case(http, *UNCHANGED[:2])
    assert ADDED[2] not in {h["party_id"] for h in added["hits"]}
    assert CHANGED[2] in {h["party_id"] for h in changed["hits"]}
    assert UNCHANGED[2] in {h["party_id"] for h in unchanged["hits"]}
    assert http.get("/v1/alerts").json()["total"] == 0

    sdn_2024 = (lists_dir / "ofac-sdn" / "2024-05" / "sdn.csv").read_bytes()
    published = httpx.post(
        f"{sdn_2021.url}/v1/lists/ofac-sdn/versions",
        files={"files": ("sdn.csv", sdn_2024, "text/csv")},
        data={"format": "ofac-legacy-csv", "force": "true"},
        timeout=600,
    )
    assert published.status_code == 201, published.text
    label = published.json()["version"]["label"]

    alerts = wait_for_alerts(http, 2)
    by_case = {a["case_id"]: a for a in alerts}
    assert set(by_case) == {added["case_id"], changed["case_id"]}
    new_hits = by_case[added["case_id"]]["detail"]["new_or_changed_hits"]
    assert ADDED[2] in {h["party_id"] for h in new_hits}
    assert all(h["list_version"] == label for h in new_hits)
    changed_hit = next(
        h
        for h in by_case[changed["case_id"]]["detail"]["new_or_changed_hits"]
        if h["party_id"] == CHANGED[2]
    )
    old = next(h for h in changed["hits"] if h["party_id"] == CHANGED[2])
    assert changed_hit["content_hash"] != old["content_hash"]

    for case in (added, changed):
        detail = http.get(f"/v1/cases/{case['case_id']}").json()
        assert detail["status"] == "open" and detail["review_round"] == 2
        assert detail["assessments"][-1]["list_versions"]["ofac-sdn"] == label
        actions = [e["action"] for e in http.get(f"/v1/cases/{case['case_id']}/events").json()]
        assert actions[-1] == "reopened"
    calm = http.get(f"/v1/cases/{unchanged['case_id']}").json()
    assert calm["status"] == "cleared"
    assert {h["status"] for h in calm["result"]["hits"]} == {"false_positive"}
    actions = [e["action"] for e in http.get(f"/v1/cases/{unchanged['case_id']}/events").json()]
    assert actions[-1] == "rescreened"

    nothing_new = http.post("/v1/cases/rescreen").json()
    assert nothing_new["cases_rescreened"] == 0 and nothing_new["alerts"] == []
    forced = http.post("/v1/cases/rescreen", json={"lists": ["ofac-sdn"]}).json()
    assert forced["cases_rescreened"] == 3 and forced["alerts"] == []
    assert http.post("/v1/cases/rescreen", json={"lists": ["nope"]}).status_code == 422


def test_alerts_are_signed_webhooks_retried_with_backoff(screening):
    http = screening
    alerts = wait_for_alerts(http, 2)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and sum(s == 200 for _, _, s in Receiver.received) < 2:
        time.sleep(0.5)
    delivered = [(h, b) for h, b, s in Receiver.received if s == 200]
    assert len(delivered) == 2
    for headers, body in delivered:
        timestamp = headers["X-Screening-Timestamp"]
        expected = hmac.new(
            SECRET.encode(), timestamp.encode() + b"." + body, hashlib.sha256
        ).hexdigest()
        assert headers["X-Screening-Signature"] == f"sha256={expected}"
        payload = json.loads(body)
        assert payload["type"] == "screening.alert"
        assert payload["alert"]["alert_id"] in {a["alert_id"] for a in alerts}
    attempts = [d for a in http.get("/v1/alerts").json()["items"] for d in a["deliveries"]]
    assert sorted((d["attempt"], d["delivered"]) for d in attempts) == [
        (1, False),
        (1, True),
        (2, True),
    ]
    assert any(d["status_code"] == 500 for d in attempts)


def test_alerts_show_only_on_cases_the_caller_may_read(screening):
    http = screening
    alerts = wait_for_alerts(http, 2)
    auditor = {"X-Actor": "audit@univ.edu", "X-Actor-Role": "auditor"}
    assert http.get("/v1/alerts", headers=auditor).json()["total"] == len(alerts)
    requester = {"X-Actor": "grants-system", "X-Actor-Role": "requester"}
    assert http.get("/v1/alerts", headers=requester).json()["total"] == 0
    for alert in alerts:
        assert http.get(f"/v1/alerts/{alert['alert_id']}", headers=auditor).status_code == 200
        hidden = http.get(f"/v1/alerts/{alert['alert_id']}", headers=requester)
        assert hidden.status_code == 404
        assert hidden.headers["content-type"] == "application/problem+json"


def test_webhook_urls_refuse_a_missing_secret(sdn_2021, postgres_url, tmp_path):
    with pytest.raises(RuntimeError, match="SCREENING_WEBHOOK_SECRET"):
        start_screening(
            sdn_2021.url,
            postgres_url,
            tmp_path,
            SCREENING_WEBHOOK_URLS="http://127.0.0.1:9/hook",
            SCREENING_WEBHOOK_SECRET="changeme",
        )
