"""All SQL of the gateway."""

from collections.abc import Sequence

from sqlmodel import Session, col, select

from gateway.models import ApiKey


class KeyRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def add(self, key: ApiKey) -> ApiKey:
        self.session.add(key)
        self.session.flush()
        return key

    def by_hash(self, key_hash: str) -> ApiKey | None:
        return self.session.exec(select(ApiKey).where(ApiKey.key_hash == key_hash)).first()

    def by_id(self, key_id: int) -> ApiKey | None:
        return self.session.get(ApiKey, key_id)

    def all(self, *, include_revoked: bool = True) -> Sequence[ApiKey]:
        statement = select(ApiKey).order_by(col(ApiKey.id))
        if not include_revoked:
            statement = statement.where(col(ApiKey.revoked_at).is_(None))
        return self.session.exec(statement).all()
