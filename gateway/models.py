"""Tables of the gateway: API keys, stored only as hashes."""

from datetime import datetime

from sqlmodel import Field, SQLModel


class ApiKey(SQLModel, table=True):
    """One API key. The secret itself is never stored: only its SHA-256 and a display prefix."""

    __tablename__ = "gateway_api_key"

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(index=True, max_length=200)
    role: str = Field(max_length=20)
    person_ref: str | None = Field(default=None, max_length=200)
    key_hash: str = Field(unique=True, max_length=64)
    key_prefix: str = Field(max_length=16)
    created_at: datetime
    created_by: str = Field(max_length=200)
    expires_at: datetime | None = None
    revoked_at: datetime | None = None
    revoked_by: str | None = Field(default=None, max_length=200)
