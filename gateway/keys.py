"""API keys: generation, hashing, creation, revocation and authentication.

A key is ``rsk_`` followed by 32 random bytes (URL-safe base64). Only its SHA-256 is stored,
which is enough for a key of that entropy (no salt or slow hash needed: there is nothing
to guess).
"""

import hashlib
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlmodel import Session

from common.errors import Conflict, NotFound, Unauthorized, Unprocessable
from gateway.models import ApiKey
from gateway.repository import KeyRepository
from gateway.roles import PERSON_BOUND_ROLES, Role
from gateway.schemas import KeyCreate, KeyCreated, KeyPublic, KeyStatus

KEY_PREFIX = "rsk_"
DISPLAY_CHARS = 12
SEED_ADMIN_NAME = "admin"


@dataclass(frozen=True)
class Identity:
    key_id: int
    name: str
    role: Role
    person_ref: str | None


def new_secret() -> str:
    return KEY_PREFIX + secrets.token_urlsafe(32)


def hash_key(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def now_utc() -> datetime:
    return datetime.now(UTC)


def key_status(key: ApiKey, now: datetime) -> KeyStatus:
    if key.revoked_at is not None:
        return "revoked"
    if key.expires_at is not None and key.expires_at <= now:
        return "expired"
    return "active"


def public(key: ApiKey, now: datetime | None = None) -> KeyPublic:
    assert key.id is not None
    return KeyPublic(
        id=key.id,
        name=key.name,
        role=Role(key.role),
        person_ref=key.person_ref,
        key_prefix=key.key_prefix,
        status=key_status(key, now or now_utc()),
        created_at=key.created_at,
        created_by=key.created_by,
        expires_at=key.expires_at,
        revoked_at=key.revoked_at,
        revoked_by=key.revoked_by,
    )


class KeyService:
    """Operations on keys within the caller's session; the caller commits."""

    def __init__(self, session: Session) -> None:
        self.keys = KeyRepository(session)

    def create(self, request: KeyCreate, created_by: str, secret: str | None = None) -> KeyCreated:
        bound = request.role in PERSON_BOUND_ROLES
        if bound and not request.person_ref:
            raise Unprocessable(f"A {request.role} key must be bound to a person (person_ref).")
        if not bound and request.person_ref:
            raise Unprocessable(f"A {request.role} key cannot be bound to a person.")
        now = now_utc()
        expires_at = request.expires_at
        if expires_at is not None:
            if expires_at.tzinfo is None:
                raise Unprocessable("expires_at needs a time zone (e.g. 2027-06-30T00:00:00Z).")
            if expires_at <= now:
                raise Unprocessable("expires_at is in the past.")
        secret = secret or new_secret()
        key = self.keys.add(
            ApiKey(
                name=request.name,
                role=request.role.value,
                person_ref=request.person_ref,
                key_hash=hash_key(secret),
                key_prefix=secret[:DISPLAY_CHARS],
                created_at=now,
                created_by=created_by,
                expires_at=expires_at,
            )
        )
        return KeyCreated(**public(key, now).model_dump(), key=secret)

    def seed_admin(self, secret: str) -> bool:
        """Make ``secret`` an admin key unless it already is one; True when created."""
        if self.keys.by_hash(hash_key(secret)) is not None:
            return False
        self.create(
            KeyCreate(name=SEED_ADMIN_NAME, role=Role.ADMIN), "GATEWAY_ADMIN_KEY", secret=secret
        )
        return True

    def listing(self, include_revoked: bool = True) -> list[KeyPublic]:
        now = now_utc()
        return [public(key, now) for key in self.keys.all(include_revoked=include_revoked)]

    def get(self, key_id: int) -> KeyPublic:
        return public(self._key(key_id))

    def revoke(self, key_id: int, revoked_by: str, caller_key_id: int | None = None) -> KeyPublic:
        if key_id == caller_key_id:
            raise Conflict("A key cannot revoke itself; use another admin key.")
        key = self._key(key_id)
        if key.revoked_at is None:
            key.revoked_at = now_utc()
            key.revoked_by = revoked_by
            self.keys.add(key)
        return public(key)

    def authenticate(self, secret: str) -> Identity:
        key = self.keys.by_hash(hash_key(secret))
        if key is None:
            raise Unauthorized("Unknown API key.")
        status = key_status(key, now_utc())
        if status != "active":
            raise Unauthorized(f"This API key is {status}.")
        assert key.id is not None
        return Identity(key.id, key.name, Role(key.role), key.person_ref)

    def _key(self, key_id: int) -> ApiKey:
        key = self.keys.by_id(key_id)
        if key is None:
            raise NotFound(f"No API key {key_id}.")
        return key
