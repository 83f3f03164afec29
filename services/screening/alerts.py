"""Alerts as the API shows them, and their signed webhook delivery with retries.

Each POST carries ``X-Screening-Timestamp`` (Unix seconds) and ``X-Screening-Signature:
sha256=<hex>``, the HMAC-SHA256 of ``"{timestamp}." + body`` under the shared secret; a receiver
recomputes it and rejects old timestamps. Every attempt is recorded.
"""

import asyncio
import hashlib
import hmac
import json
import logging
import time
from collections.abc import Sequence

import httpx
from sqlalchemy.engine import Engine
from sqlmodel import Session
from starlette.concurrency import run_in_threadpool

from services.screening.casework import utcnow
from services.screening.models import ScreeningAlert, ScreeningWebhookDelivery
from services.screening.repository import ScreeningRepository
from services.screening.schemas.cases import AlertOut, DeliveryOut

log = logging.getLogger("screening.webhooks")
SIGNATURE_HEADER = "X-Screening-Signature"
TIMESTAMP_HEADER = "X-Screening-Timestamp"


def alert_out(alert: ScreeningAlert, deliveries: Sequence[ScreeningWebhookDelivery]) -> AlertOut:
    assert alert.id is not None
    return AlertOut(
        alert_id=alert.id,
        case_id=alert.case_id,
        created_at=alert.created_at,
        kind=alert.kind,
        level=alert.level,
        assessment_number=alert.assessment_number,
        detail=json.loads(alert.detail),
        deliveries=[
            DeliveryOut(
                url=d.url,
                attempt=d.attempt,
                at=d.at,
                status_code=d.status_code,
                error=d.error,
                delivered=d.delivered,
            )
            for d in deliveries
            if d.alert_id == alert.id
        ],
    )


def sign(secret: bytes, timestamp: str, body: bytes) -> str:
    digest = hmac.new(secret, timestamp.encode() + b"." + body, hashlib.sha256).hexdigest()
    return f"sha256={digest}"


class WebhookNotifier:
    def __init__(
        self,
        engine: Engine,
        urls: list[str],
        secret: str | None,
        *,
        max_attempts: int,
        backoff_s: float,
        timeout_s: float,
    ) -> None:
        self.engine = engine
        self.urls = urls
        self.secret = (secret or "").encode()
        self.max_attempts = max_attempts
        self.backoff_s = backoff_s
        self._client = httpx.AsyncClient(timeout=timeout_s)
        self._tasks: set[asyncio.Task[None]] = set()

    def schedule(self, alert_ids: Sequence[int]) -> None:
        if not self.urls:
            return
        for alert_id in alert_ids:
            task = asyncio.create_task(self._deliver(alert_id))
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)

    async def close(self) -> None:
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        await self._client.aclose()

    def _payload(self, alert_id: int) -> bytes:
        with Session(self.engine) as session:
            repo = ScreeningRepository(session)
            alert = repo.alert(alert_id)
            assert alert is not None
            view = alert_out(alert, []).model_dump(mode="json", exclude={"deliveries"})
            body = {"type": "screening.alert", "alert": view}
        return json.dumps(body, sort_keys=True, separators=(",", ":")).encode()

    def _record(self, delivery: ScreeningWebhookDelivery) -> None:
        with Session(self.engine) as session:
            ScreeningRepository(session).add(delivery)
            session.commit()

    async def _deliver(self, alert_id: int) -> None:
        body = await run_in_threadpool(self._payload, alert_id)
        await asyncio.gather(*(self._deliver_to(url, alert_id, body) for url in self.urls))

    async def _deliver_to(self, url: str, alert_id: int, body: bytes) -> None:
        for attempt in range(1, self.max_attempts + 1):
            timestamp = str(int(time.time()))
            headers = {
                "Content-Type": "application/json",
                TIMESTAMP_HEADER: timestamp,
                SIGNATURE_HEADER: sign(self.secret, timestamp, body),
                "X-Screening-Alert-Id": str(alert_id),
            }
            status: int | None = None
            error: str | None = None
            try:
                response = await self._client.post(url, content=body, headers=headers)
                status = response.status_code
            except httpx.HTTPError as exc:
                error = f"{type(exc).__name__}: {exc}"[:500]
            delivered = status is not None and 200 <= status < 300
            await run_in_threadpool(
                self._record,
                ScreeningWebhookDelivery(
                    alert_id=alert_id,
                    url=url,
                    attempt=attempt,
                    at=utcnow(),
                    status_code=status,
                    error=error,
                    delivered=delivered,
                ),
            )
            if delivered:
                return
            if attempt < self.max_attempts:
                await asyncio.sleep(self.backoff_s * 2 ** (attempt - 1))
        log.warning(
            "webhook not delivered",
            extra={"fields": {"alert_id": alert_id, "url": url, "attempts": self.max_attempts}},
        )
