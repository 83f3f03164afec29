"""Reading lists, versions, diffs and party histories; ingesting uploaded files."""

import json
from collections.abc import Mapping
from datetime import UTC, datetime

from sqlmodel import Session

from common.errors import NotFound, Unprocessable
from services.parties.adapters.base import AdapterError
from services.parties.adapters.discover import FORMATS
from services.parties.catalog import category_for, list_info
from services.parties.ingest import IngestResult, files_sha256, publish
from services.parties.models import ListVersion, PartyRevision
from services.parties.repository import PartiesRepository
from services.parties.schemas import (
    DiffItem,
    DiffResponse,
    Freshness,
    ListSummary,
    PartyDetail,
    PartyRevisionOut,
    VersionSummary,
)


def version_summary(version: ListVersion) -> VersionSummary:
    return VersionSummary.model_validate(version, from_attributes=True)


def _as_utc(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


class ListsService:
    def __init__(self, session: Session, stale_after_days: int) -> None:
        self.repo = PartiesRepository(session)
        self.session = session
        self.stale_after_days = stale_after_days

    def summaries(self) -> list[ListSummary]:
        by_list: dict[str, list[ListVersion]] = {}
        for version in self.repo.versions():
            by_list.setdefault(version.list_id, []).append(version)
        return [self._summary(list_id, versions) for list_id, versions in by_list.items()]

    def summary(self, list_id: str) -> ListSummary:
        versions = list(self.repo.versions(list_id))
        if not versions:
            raise NotFound(f"No list {list_id!r} has been loaded.")
        return self._summary(list_id, versions)

    def _summary(self, list_id: str, versions: list[ListVersion]) -> ListSummary:
        info = list_info(list_id)
        current = versions[-1]
        age = (datetime.now(UTC) - _as_utc(current.loaded_at)).total_seconds() / 86400
        return ListSummary(
            list_id=list_id,
            name=info.name,
            authority=info.authority,
            official_url=info.official_url,
            update_cadence=info.update_cadence,
            current_version=version_summary(current),
            versions=[version_summary(v) for v in versions],
            freshness=Freshness(
                age_days=round(age, 2),
                stale=age > self.stale_after_days,
                stale_after_days=self.stale_after_days,
            ),
        )

    def diff(self, list_id: str, number: int) -> DiffResponse:
        version = self.repo.version(list_id, number)
        if version is None or version.id is None:
            raise NotFound(f"List {list_id!r} has no version {number}.")
        previous = self.repo.version(list_id, number - 1) if number > 1 else None
        new = {r.party_id: r for r in self.repo.revisions_added_in(version.id)}
        ended = {r.party_id: r for r in self.repo.revisions_ended_in(version.id)}

        def item(revision: PartyRevision) -> DiffItem:
            return DiffItem(
                party_id=revision.party_id, name=revision.name, content_hash=revision.content_hash
            )

        added = [item(r) for pid, r in sorted(new.items()) if pid not in ended]
        changed = [item(r) for pid, r in sorted(new.items()) if pid in ended]
        removed = [item(r) for pid, r in sorted(ended.items()) if pid not in new]
        return DiffResponse(
            list_id=list_id,
            version=version.label,
            previous_version=previous.label if previous else None,
            counts={
                "added": len(added),
                "changed": len(changed),
                "removed": len(removed),
                "records": version.record_count,
            },
            added=added,
            changed=changed,
            removed=removed,
        )

    def party(self, pid: str) -> PartyDetail:
        history = self.repo.party_history(pid)
        if not history:
            raise NotFound(f"No party {pid!r} on any list version.")
        versions = self.repo.versions_by_id(
            [r.added_in for r in history] + [r.ended_in for r in history if r.ended_in]
        )
        latest = history[-1]
        return PartyDetail(
            party_id=pid,
            list=latest.list_id,
            list_name=list_info(latest.list_id).name,
            category=category_for(latest.list_id, latest.sub_list),
            current=latest.ended_in is None,
            data=json.loads(latest.data),
            history=[
                PartyRevisionOut(
                    list_version=versions[r.added_in].label,
                    until_version=versions[r.ended_in].label if r.ended_in else None,
                    content_hash=r.content_hash,
                    data=json.loads(r.data),
                )
                for r in history
            ],
        )

    def ingest(
        self,
        list_id: str,
        format: str,
        files: Mapping[str, bytes],
        *,
        loaded_by: str,
        max_drop_share: float,
        force: bool,
    ) -> IngestResult:
        parser = FORMATS.get(format)
        if parser is None:
            raise Unprocessable(f"Unknown format {format!r}. Known: {', '.join(sorted(FORMATS))}.")
        if not files:
            raise Unprocessable("No file was uploaded.")
        try:
            parsed = parser(files, list_id)
        except AdapterError as exc:
            raise Unprocessable(
                f"The file was rejected and nothing was stored: {exc}",
                file=exc.source,
                location=exc.location,
                problem=exc.problem,
            ) from exc
        return publish(
            self.session,
            parsed,
            format=format,
            sha256=files_sha256(files),
            loaded_by=loaded_by,
            max_drop_share=max_drop_share,
            force=force,
        )
