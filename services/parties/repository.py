"""All SQL of the party-list service."""

from collections.abc import Iterable, Sequence

from sqlalchemy import func, insert, update
from sqlmodel import Session, col, select

from services.parties.models import ListVersion, PartyRevision


class PartiesRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def latest_version(self, list_id: str) -> ListVersion | None:
        statement = (
            select(ListVersion)
            .where(ListVersion.list_id == list_id)
            .order_by(col(ListVersion.number).desc())
            .limit(1)
        )
        return self.session.exec(statement).first()

    def version(self, list_id: str, number: int) -> ListVersion | None:
        statement = select(ListVersion).where(
            ListVersion.list_id == list_id, ListVersion.number == number
        )
        return self.session.exec(statement).first()

    def versions(self, list_id: str | None = None) -> Sequence[ListVersion]:
        statement = select(ListVersion).order_by(col(ListVersion.list_id), col(ListVersion.number))
        if list_id is not None:
            statement = statement.where(ListVersion.list_id == list_id)
        return self.session.exec(statement).all()

    def versions_by_id(self, ids: Iterable[int]) -> dict[int, ListVersion]:
        wanted = set(ids)
        if not wanted:
            return {}
        statement = select(ListVersion).where(col(ListVersion.id).in_(wanted))
        return {v.id: v for v in self.session.exec(statement).all() if v.id is not None}

    def has_any_version(self) -> bool:
        return self.session.exec(select(func.count()).select_from(ListVersion)).one() > 0

    def current_hashes(self, list_id: str) -> dict[str, tuple[int, str]]:
        """party_id → (revision id, content hash) of the list's current revisions."""
        statement = select(
            PartyRevision.party_id, PartyRevision.id, PartyRevision.content_hash
        ).where(PartyRevision.list_id == list_id, col(PartyRevision.ended_in).is_(None))
        rows = self.session.exec(statement).all()
        return {pid: (rid, digest) for pid, rid, digest in rows if rid is not None}

    def add_version(self, version: ListVersion) -> ListVersion:
        self.session.add(version)
        self.session.flush()
        return version

    def close_revisions(self, revision_ids: Sequence[int], version_id: int) -> None:
        for start in range(0, len(revision_ids), 5000):
            chunk = revision_ids[start : start + 5000]
            self.session.execute(
                update(PartyRevision)
                .where(col(PartyRevision.id).in_(chunk))
                .values(ended_in=version_id)
            )

    def insert_revisions(self, rows: Sequence[dict[str, object]]) -> None:
        for start in range(0, len(rows), 5000):
            self.session.execute(insert(PartyRevision), list(rows[start : start + 5000]))

    def current_revisions(self) -> Sequence[PartyRevision]:
        """In party id order, so that every replica builds the same index (ties between
        equally good candidates are broken by their place in it)."""
        statement = (
            select(PartyRevision)
            .where(col(PartyRevision.ended_in).is_(None))
            .order_by(col(PartyRevision.party_id))
        )
        return self.session.exec(statement).all()

    def party_history(self, pid: str) -> Sequence[PartyRevision]:
        statement = (
            select(PartyRevision)
            .where(PartyRevision.party_id == pid)
            .order_by(col(PartyRevision.added_in))
        )
        return self.session.exec(statement).all()

    def revisions_added_in(self, version_id: int) -> Sequence[PartyRevision]:
        return self.session.exec(
            select(PartyRevision).where(PartyRevision.added_in == version_id)
        ).all()

    def revisions_ended_in(self, version_id: int) -> Sequence[PartyRevision]:
        return self.session.exec(
            select(PartyRevision).where(PartyRevision.ended_in == version_id)
        ).all()
