"""The whole system as real processes: parties, screening, disclosure and the gateway, each on
its own PostgreSQL database, wired as in production."""

import secrets
import uuid
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path

import httpx

from tests.support.databases import fresh_postgres_database
from tests.support.processes import ServiceProcess

ORCID = "0000-0002-1825-0097"


@dataclass
class System:
    parties: ServiceProcess
    screening: ServiceProcess
    disclosure: ServiceProcess
    gateway: ServiceProcess
    admin_key: str

    def client(self, key: str) -> httpx.Client:
        return httpx.Client(base_url=self.gateway.url, headers={"X-API-Key": key}, timeout=600)

    def issue_keys(self) -> dict[str, str]:
        """One key per role (researcher and delegate bound to ORCID), by role."""
        bodies = {
            "requester": {"name": "grants-system"},
            "procurement": {"name": "procurement-portal"},
            "reviewer": {"name": "officer@univ.edu"},
            "auditor": {"name": "audit@univ.edu"},
            "researcher": {"name": "ada@univ.edu", "person_ref": ORCID},
            "delegate": {"name": "assistant@univ.edu", "person_ref": ORCID},
        }
        keys = {"admin": self.admin_key}
        with self.client(self.admin_key) as admin:
            for role, body in bodies.items():
                response = admin.post("/v1/keys", json={**body, "role": role})
                assert response.status_code == 201, response.text
                keys[role] = response.json()["key"]
        return keys


def start_system(
    stack: ExitStack, log_dir: Path, parties: ServiceProcess, redis_url: str, **gateway_env: str
) -> System:
    def database(label: str) -> str:
        return stack.enter_context(fresh_postgres_database(label))

    def started(factory: str, env: dict[str, str], name: str) -> ServiceProcess:
        process = ServiceProcess(factory, env, log_path=log_dir / f"{name}.log")
        stack.callback(process.stop)
        return process.start(ready_path="/healthz", timeout_s=120)

    namespace = f"test-{uuid.uuid4().hex[:12]}"
    shared = {"REDIS_URL": redis_url, "CACHE_NAMESPACE": namespace}
    screening = started(
        "services.screening.app:create_app",
        {
            **shared,
            "SCREENING_DATABASE_URL": database("screening"),
            "SCREENING_PARTIES_URL": parties.url,
            "SCREENING_RESCREEN_POLL_INTERVAL_S": "1",
        },
        "screening",
    )
    disclosure = started(
        "services.disclosure.app:create_app",
        {
            **shared,
            "DISCLOSURE_DATABASE_URL": database("disclosure"),
            "DISCLOSURE_PARTIES_URL": parties.url,
            "DISCLOSURE_SCREENING_URL": screening.url,
        },
        "disclosure",
    )
    admin_key = "rsk_" + secrets.token_urlsafe(32)
    gateway = started(
        "gateway.app:create_app",
        {
            **shared,
            "GATEWAY_DATABASE_URL": database("gateway"),
            "GATEWAY_ADMIN_KEY": admin_key,
            "GATEWAY_PARTIES_URL": parties.url,
            "GATEWAY_SCREENING_URL": screening.url,
            "GATEWAY_DISCLOSURE_URL": disclosure.url,
            "GATEWAY_RATE_LIMIT_PER_S": "500",
            "GATEWAY_RATE_LIMIT_BURST": "500",
            "GATEWAY_OPENAPI_RETRY_S": "0.5",
            **gateway_env,
        },
        "gateway",
    )
    return System(parties, screening, disclosure, gateway, admin_key)
