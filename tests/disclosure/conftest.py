"""Fixtures for the disclosure tests: real disclosure, parties and screening processes."""

import random
import uuid
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from typing import Any

import httpx
import pytest

from tests.support.databases import fresh_postgres_database
from tests.support.processes import ServiceProcess, free_port

RESEARCH_SECURITY = "research-security-2026-07"


def make_orcid(rng: random.Random) -> str:
    """A random ORCID with a correct ISO 7064 MOD 11-2 check character."""
    digits = [rng.randrange(10) for _ in range(15)]
    total = 0
    for digit in digits:
        total = (total + digit) * 2
    check = (12 - total % 11) % 11
    text = "".join(map(str, digits)) + ("X" if check == 10 else str(check))
    return "-".join(text[i : i + 4] for i in range(0, 16, 4))


@pytest.fixture(scope="session")
def orcids() -> Iterator[str]:
    rng = random.Random(uuid.uuid4().int)
    return iter(make_orcid(rng) for _ in range(100_000))


def closed_port_url() -> str:
    """A loopback address nothing listens on: a service that is down."""
    return f"http://127.0.0.1:{free_port()}"


@pytest.fixture(scope="session")
def start_disclosure(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[Callable[..., ServiceProcess]]:
    """Start a real disclosure process on a new PostgreSQL database."""
    started: list[ServiceProcess] = []
    with ExitStack() as stack:

        def start(parties_url: str, screening_url: str | None = None) -> ServiceProcess:
            database_url = stack.enter_context(fresh_postgres_database("disclosure"))
            process = ServiceProcess(
                "services.disclosure.app:create_app",
                {
                    "DISCLOSURE_DATABASE_URL": database_url,
                    "DISCLOSURE_PARTIES_URL": parties_url,
                    "DISCLOSURE_SCREENING_URL": screening_url or closed_port_url(),
                },
                log_path=tmp_path_factory.mktemp("disclosure") / "disclosure.log",
            )
            started.append(process.start(ready_path="/readyz"))
            return process

        yield start
        for process in started:
            process.stop()


@pytest.fixture(scope="session")
def research_parties_url(start_parties: Callable[..., ServiceProcess]) -> str:
    """A parties process with the research-security lists (Entity List, 1286, 1260H...)."""
    return start_parties([RESEARCH_SECURITY]).url


@pytest.fixture(scope="session")
def screening_url(
    research_parties_url: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    """A real screening process on the research-security parties."""
    with fresh_postgres_database("screening") as database_url:
        process = ServiceProcess(
            "services.screening.app:create_app",
            {
                "SCREENING_DATABASE_URL": database_url,
                "SCREENING_PARTIES_URL": research_parties_url,
                "SCREENING_RESCREEN_POLL_INTERVAL_S": "0",
                "CACHE_NAMESPACE": f"test-{uuid.uuid4().hex[:12]}",
            },
            log_path=tmp_path_factory.mktemp("screening") / "screening.log",
        )
        process.start(ready_path="/healthz")
        yield process.url
        process.stop()


def actor(role: str, person: str | None = None, name: str = "tester") -> dict[str, str]:
    headers = {"X-Actor": name, "X-Actor-Role": role}
    if person:
        headers["X-Actor-Person"] = person
    return headers


class Api:
    """A thin client for the disclosure API that checks status codes."""

    def __init__(self, base_url: str) -> None:
        self.http = httpx.Client(base_url=base_url, timeout=120)

    def call(
        self,
        method: str,
        path: str,
        expect: int,
        headers: dict[str, str] | None = None,
        **kwargs: Any,
    ) -> Any:
        response = self.http.request(method, path, headers=headers, **kwargs)
        assert response.status_code == expect, response.text
        if response.status_code >= 400:
            assert response.headers["content-type"].startswith("application/problem+json")
        return response.json()

    def person(self, orcid: str | None, name: str = "Ada Researcher", **extra: Any) -> Any:
        body = {"name": name, "primary_organisation": "Example State University", **extra}
        if orcid:
            body["orcid"] = orcid
        return self.call("POST", "/v1/people", 201, json=body)

    def draft(self, person_id: str, content: dict[str, Any] | None = None, **kwargs: Any) -> Any:
        body = {"content": content} if content is not None else {}
        return self.call("POST", f"/v1/people/{person_id}/disclosures", 201, json=body, **kwargs)

    def certify(self, version_id: str, expect: int = 200, **kwargs: Any) -> Any:
        return self.call(
            "POST",
            f"/v1/disclosures/{version_id}/certify",
            expect,
            json={"statement": "I certify that this disclosure is current, accurate and complete."},
            **kwargs,
        )

    def close(self) -> None:
        self.http.close()


def appointment(organisation: str, country: str, **extra: Any) -> dict[str, Any]:
    return {
        "organisation": organisation,
        "country": country,
        "title": "Visiting Professor",
        "kind": "visiting",
        "paid": True,
        "start": "2025-06-01",
        "end": "2027-05-31",
        **extra,
    }


def support(title: str, source: str, country: str, **extra: Any) -> dict[str, Any]:
    return {
        "project_title": title,
        "source": source,
        "source_country": country,
        "status": "current",
        "contribution": "award",
        "amount": "120000.00",
        "currency": "USD",
        "start": "2025-01-01",
        "end": "2027-12-31",
        "potential_overlap": "None.",
        **extra,
    }


def talent_programme(name: str, sponsor: str, country: str, **extra: Any) -> dict[str, Any]:
    return {
        "name": name,
        "sponsor": sponsor,
        "sponsor_country": country,
        "start": "2025-01-01",
        "end": "2028-12-31",
        **extra,
    }
