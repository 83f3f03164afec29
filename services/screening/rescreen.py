"""Re-screen open and cleared cases when the party-list service publishes new list versions.

For each case, the lists whose current label differs from the one the case was last assessed
with are searched again (one batch call for all cases, each query restricted to its case's
changed lists). Hits on those lists replace the old ones; a hit whose (party, content_hash) the
case has not seen before, and that no remembered false positive covers, reopens the case and
raises an alert.

Whether a case is up to date is read from its own assessment, never remembered by the poller:
a re-screen records a list's new version on a case only once the party-list service's search
answer reports that it serves that version. While it is still indexing a published version
(``GET /v1/lists`` already shows the label), the re-screen is deferred and the next poll retries;
a case screened in that window is recorded against the old version and is re-screened too.
"""

import asyncio
import json
import logging
from dataclasses import dataclass, replace
from functools import partial

from sqlalchemy.engine import Engine
from sqlmodel import Session
from starlette.concurrency import run_in_threadpool

from common.errors import Unprocessable
from services.screening.alerts import WebhookNotifier
from services.screening.casework import (
    Actor,
    Assessor,
    hits_from,
    load_state,
    next_event,
    review_hits,
    to_json,
    utcnow,
    write_with_retry,
)
from services.screening.facts import NameQuery
from services.screening.models import ScreeningAlert, ScreeningAssessment
from services.screening.parties_client import BatchOutcome, PartiesClient, PartiesUnavailable
from services.screening.repository import ScreeningRepository
from services.screening.schemas.cases import RescreenReport

log = logging.getLogger("screening.rescreen")
SYSTEM = Actor("rescreen", "system", "-")
EMPTY = BatchOutcome({}, {})


@dataclass(frozen=True)
class CasePlan:
    case_id: str
    changed_lists: list[str]
    queries: list[NameQuery]


@dataclass(frozen=True)
class CaseOutcome:
    reopened: bool
    alert_id: int | None


class RescreenService:
    def __init__(
        self,
        engine: Engine,
        parties: PartiesClient,
        assessor: Assessor,
        notifier: WebhookNotifier,
    ) -> None:
        self.engine = engine
        self.parties = parties
        self.assessor = assessor
        self.notifier = notifier
        self._lock = asyncio.Lock()

    async def poll_once(self) -> RescreenReport | None:
        """Re-screen when an open or cleared case was last assessed on other list versions than
        the published ones."""
        labels = await self.parties.list_labels()
        if not await run_in_threadpool(self._cases_behind, labels):
            return None
        return await self.run(labels=labels)

    async def poll_forever(self, interval_s: float) -> None:
        while True:
            try:
                await self.poll_once()
            except PartiesUnavailable as exc:
                log.warning("re-screen deferred: %s", exc.detail)
            except Exception:
                log.exception("re-screen poll failed; will retry")
            await asyncio.sleep(interval_s)

    async def run(
        self,
        *,
        forced_lists: list[str] | None = None,
        actor: Actor = SYSTEM,
        labels: dict[str, str] | None = None,
    ) -> RescreenReport:
        async with self._lock:
            labels = labels if labels is not None else await self.parties.list_labels()
            unknown = sorted(set(forced_lists or []) - labels.keys())
            if unknown:
                raise Unprocessable(f"Unknown list id(s): {', '.join(unknown)}.")
            checked, plans = await run_in_threadpool(self._plan, labels, forced_lists or [])
            searched = await self._search(plans)
            lagging = sorted(
                {lid for plan in plans for lid in plan.changed_lists}
                - {lid for lid, label in searched.list_versions.items() if labels.get(lid) == label}
            )
            if plans and lagging:
                raise PartiesUnavailable(
                    "The party-list service has published new versions of "
                    f"{', '.join(lagging)} but is still indexing them; retry shortly."
                )
            outcomes = _split(searched)
            reopened: list[str] = []
            alerts: list[int] = []
            for index, plan in enumerate(plans):
                result = await run_in_threadpool(
                    write_with_retry,
                    self.engine,
                    partial(
                        self._apply,
                        plan=plan,
                        outcome=outcomes.get(index, EMPTY),
                        labels=labels,
                        actor=actor,
                    ),
                )
                if result.reopened:
                    reopened.append(plan.case_id)
                if result.alert_id is not None:
                    alerts.append(result.alert_id)
            self.notifier.schedule(alerts)
            return RescreenReport(
                list_versions=labels,
                cases_checked=checked,
                cases_rescreened=len(plans),
                cases_reopened=reopened,
                alerts=alerts,
            )

    def _cases_behind(self, labels: dict[str, str]) -> bool:
        with Session(self.engine) as session:
            assessed = ScreeningRepository(session).active_list_versions()
        return any(_behind(json.loads(versions), labels) for versions in assessed)

    def _plan(self, labels: dict[str, str], forced: list[str]) -> tuple[int, list[CasePlan]]:
        today = utcnow().date()
        plans = []
        with Session(self.engine) as session:
            repo = ScreeningRepository(session)
            case_ids = repo.active_case_ids()
            for case_id in case_ids:
                state = load_state(repo, case_id)
                before = json.loads(state.assessment.list_versions)
                changed = sorted(set(_behind(before, labels)) | set(forced))
                if changed:
                    queries = self.assessor.facts(state.request, today).queries
                    plans.append(CasePlan(case_id, changed, queries))
        return len(case_ids), plans

    async def _search(self, plans: list[CasePlan]) -> BatchOutcome:
        queries = [
            replace(query, ref=f"{index}#{query.ref}")
            for index, plan in enumerate(plans)
            for query in plan.queries
        ]
        if not queries:
            return BatchOutcome({}, {})
        lists = {
            f"{index}#{query.ref}": plan.changed_lists
            for index, plan in enumerate(plans)
            for query in plan.queries
        }
        return await self.parties.search(queries, lists)

    def _apply(
        self,
        repo: ScreeningRepository,
        plan: CasePlan,
        outcome: BatchOutcome,
        labels: dict[str, str],
        actor: Actor,
    ) -> CaseOutcome:
        state = load_state(repo, plan.case_id, for_update=True)
        if state.event.status not in {"open", "cleared", "cleared_with_conditions"}:
            return CaseOutcome(False, None)
        changed = set(plan.changed_lists)
        fresh = hits_from(plan.queries, outcome, self.assessor.rulebook.rules.review_floor)
        hits = [h for h in state.hits if h.list not in changed] + fresh
        seen = {(h.hit_id, h.content_hash) for h in state.hits}
        fresh_ids = {h.hit_id for h in fresh}
        removed = [h.hit_id for h in state.hits if h.list in changed and h.hit_id not in fresh_ids]
        versions = json.loads(state.assessment.list_versions)
        versions.update({lid: labels[lid] for lid in changed if lid in labels})
        now = utcnow()
        reviewed = review_hits(repo, hits, plan.case_id)
        result = self.assessor.assess(state.request, reviewed, versions, now.date())
        novel = [
            h
            for h in reviewed
            if (h.hit_id, h.content_hash) not in seen and h.status == "unreviewed"
        ]
        assessment = ScreeningAssessment(
            case_id=plan.case_id,
            number=state.assessment.number + 1,
            created_at=now,
            trigger="rescreen",
            actor=actor.name,
            rules_version=result.rules_version,
            list_versions=to_json(versions),
            changed_lists=to_json(sorted(changed)),
            hits=to_json([h.model_dump() for h in hits]),
            result=result.model_dump_json(),
        )
        repo.add(assessment)
        summary = {
            "changed_lists": sorted(changed),
            "new_or_changed_hits": [
                {
                    "hit_id": h.hit_id,
                    "party_id": h.party_id,
                    "name": h.name,
                    "list": h.list,
                    "list_version": h.list_version,
                    "content_hash": h.content_hash,
                    "score": h.score,
                    "band": h.band,
                    "category": h.category,
                }
                for h in novel
            ],
            "removed_hits": removed,
        }
        reopen = bool(novel) and state.event.status != "open"
        event = next_event(
            state,
            actor,
            "reopened" if reopen else "rescreened",
            result,
            status="open" if novel else None,
            review_round=state.event.review_round + 1 if reopen else None,
            assessment=assessment,
            detail=summary,
        )
        repo.add(event)
        if not novel:
            return CaseOutcome(False, None)
        alert = ScreeningAlert(
            case_id=plan.case_id,
            created_at=now,
            kind="new_list_hits",
            assessment_number=assessment.number,
            level=result.level,
            detail=to_json(
                {**summary, "status_before": state.event.status, "list_versions": versions}
            ),
        )
        repo.add(alert)
        return CaseOutcome(reopen, alert.id)


def _behind(assessed: dict[str, str], labels: dict[str, str]) -> list[str]:
    """The lists whose published label differs from the version a case was assessed on."""
    return [lid for lid, label in labels.items() if assessed.get(lid) != label]


def _split(outcome: BatchOutcome) -> dict[int, BatchOutcome]:
    """One outcome per plan, from refs of the form ``{plan index}#{ref}``."""
    split: dict[int, BatchOutcome] = {}
    for ref, matches in outcome.matches.items():
        index, _, own_ref = ref.partition("#")
        part = split.setdefault(int(index), BatchOutcome(outcome.list_versions, {}))
        part.matches[own_ref] = matches
    return split
