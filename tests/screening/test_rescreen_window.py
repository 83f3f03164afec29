"""The window in which a new list version is published but not yet served: ``GET /v1/lists``
shows the new label as soon as the upload commits, while searches answer from the old index
until the party-list service has rebuilt it. A case screened in that window is assessed on the
old version and must be re-screened once the index serves the new one.

Screening reaches the real parties process through a transparent relay that only notes the
``ofac-sdn`` label of each ``GET /v1/lists`` answer it passes on, so the test knows when the
poller has seen the new label (and finished that poll) before it screens in the window.
"""

import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import httpx
import pytest

from tests.screening.conftest import start_screening

REVIEWER = {"X-Actor": "dana@univ.edu", "X-Actor-Role": "reviewer"}
VTB = {"role": "vendor", "type": "organization", "name": "VTB Bank Public Joint Stock Company"}
VTB_2024 = "ofac-sdn:17013"  # on the 2024 SDN list, not on the 2021 one


class Relay(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, upstream: str) -> None:
        super().__init__(("127.0.0.1", 0), RelayHandler)
        self.upstream = httpx.Client(base_url=upstream, timeout=120)
        self.sdn_labels: list[str] = []
        self.relayed = threading.Condition()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    def wait_for_sdn_label(self, label: str, times: int, timeout_s: float) -> None:
        with self.relayed:
            seen = self.relayed.wait_for(lambda: self.sdn_labels.count(label) >= times, timeout_s)
        assert seen, f"screening did not read {label} from /v1/lists {times} times"


class RelayHandler(BaseHTTPRequestHandler):
    server: Relay
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:
        self.relay()

    def do_POST(self) -> None:
        self.relay()

    def relay(self) -> None:
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        headers = {"Content-Type": self.headers.get("Content-Type", "application/json")}
        answer = self.server.upstream.request(
            self.command, self.path, content=body, headers=headers
        )
        if self.command == "GET" and self.path == "/v1/lists" and answer.status_code == 200:
            labels = {i["list_id"]: i["current_version"]["label"] for i in answer.json()}
            with self.server.relayed:
                self.server.sdn_labels.append(labels["ofac-sdn"])
                self.server.relayed.notify_all()
        self.send_response(answer.status_code)
        self.send_header("Content-Type", answer.headers.get("content-type", "application/json"))
        self.send_header("Content-Length", str(len(answer.content)))
        self.end_headers()
        self.wfile.write(answer.content)

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def parties(start_parties):
    return start_parties(["ofac-sdn/2021-07", "research-security-2026-07"])


@pytest.fixture(scope="module")
def relay(parties) -> Iterator[Relay]:
    server = Relay(parties.url)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.upstream.close()


@pytest.fixture(scope="module")
def screening(relay, postgres_url, tmp_path_factory) -> Iterator[httpx.Client]:
    process = start_screening(
        relay.url,
        postgres_url,
        tmp_path_factory.mktemp("rescreen-window"),
        SCREENING_RESCREEN_POLL_INTERVAL_S="0.2",
    )
    with httpx.Client(base_url=process.url, timeout=120) as http:
        yield http
    process.stop()


def index_serves(parties_url: str) -> str:
    answer = httpx.post(f"{parties_url}/v1/parties/search", json={"name": "VTB"}, timeout=60)
    label: str = answer.json()["list_versions"]["ofac-sdn"]
    return label


def wait_for_alert(http: httpx.Client, case_id: str, timeout_s: float) -> Any:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        alerts = http.get("/v1/alerts", params={"case_id": case_id}).json()["items"]
        if alerts:
            return alerts[0]
        time.sleep(0.5)
    raise AssertionError(f"no re-screening alert for case {case_id} after {timeout_s}s")


def test_a_case_screened_while_the_index_lags_is_rescreened_once_it_serves_the_version(
    screening, relay, parties, lists_dir
):
    http = screening
    assert http.get("/v1/cases").json()["total"] == 0
    assert index_serves(parties.url) == "ofac-sdn@1"
    sdn_2024 = (lists_dir / "ofac-sdn" / "2024-05" / "sdn.csv").read_bytes()
    published: list[httpx.Response] = []
    upload = threading.Thread(
        target=lambda: published.append(
            httpx.post(
                f"{parties.url}/v1/lists/ofac-sdn/versions",
                files={"files": ("sdn.csv", sdn_2024, "text/csv")},
                data={"format": "ofac-legacy-csv", "force": "true"},
                timeout=600,
            )
        )
    )
    upload.start()
    try:
        # the poller read the new label, and read it again: its poll on that label is over
        relay.wait_for_sdn_label("ofac-sdn@2", times=2, timeout_s=120)
        screened = http.post("/v1/screenings", json={"kind": "vendor", "parties": [VTB]})
        assert screened.status_code == 201, screened.text
        case = screened.json()
        assert case["list_versions"]["ofac-sdn"] == "ofac-sdn@1", "not screened in the window"
        assert VTB_2024 not in {h["party_id"] for h in case["hits"]}
        decided = http.post(
            f"/v1/cases/{case['case_id']}/decisions",
            headers=REVIEWER,
            json={"decision": "cleared", "reason": "no listed party"},
        )
        assert decided.status_code == 201, decided.text
    finally:
        upload.join()
    assert published[0].status_code == 201, published[0].text
    assert index_serves(parties.url) == "ofac-sdn@2"

    alert = wait_for_alert(http, case["case_id"], timeout_s=60)
    new_hits = alert["detail"]["new_or_changed_hits"]
    assert VTB_2024 in {h["party_id"] for h in new_hits}
    assert {h["list_version"] for h in new_hits} == {"ofac-sdn@2"}
    detail = http.get(f"/v1/cases/{case['case_id']}").json()
    assert (detail["status"], detail["review_round"]) == ("open", 2)
    assert detail["assessments"][-1]["list_versions"]["ofac-sdn"] == "ofac-sdn@2"
    events = http.get(f"/v1/cases/{case['case_id']}/events").json()
    assert [e["action"] for e in events] == ["screened", "decided", "reopened"]
