"""Request and response bodies of the gateway's own endpoints (API keys)."""

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, Field, field_validator

from gateway.roles import Role

KeyName = Field(
    min_length=1,
    max_length=200,
    pattern=r"^[A-Za-z0-9@._+:/-]+$",
    description="Who uses the key (a system or a person); recorded as the actor in audit trails.",
    examples=["grants-system", "alice@univ.edu"],
)
PersonRef = Field(
    default=None,
    min_length=1,
    max_length=200,
    pattern=r"^[A-Za-z0-9._:-]+$",
    description="Required for researcher and delegate keys: the ORCID or the disclosure "
    "service's person id whose records the key may see. Not allowed for other roles.",
    examples=["0000-0002-1825-0097"],
)


KeyStatus = Literal["active", "revoked", "expired"]
# Actor names the services give their own internal work: a key must not take one of them.
RESERVED_NAMES = frozenset({"system", "gateway", "bootstrap", "rescreen", "anonymous"})


class KeyCreate(BaseModel):
    name: str = KeyName
    role: Role
    person_ref: str | None = PersonRef
    expires_at: datetime | None = Field(
        default=None,
        description="When the key stops working (ISO 8601 with a time zone); none: never.",
        examples=["2027-06-30T00:00:00Z"],
    )

    @field_validator("name")
    @classmethod
    def _not_reserved(cls, value: str) -> str:
        if value.lower() in RESERVED_NAMES:
            raise ValueError(f"{value!r} is reserved for the services' own work")
        return value


class KeyPublic(BaseModel):
    id: int
    name: str
    role: Role
    person_ref: str | None
    key_prefix: str = Field(description="The first characters of the key, to recognise it")
    status: KeyStatus
    created_at: datetime
    created_by: str
    expires_at: datetime | None
    revoked_at: datetime | None
    revoked_by: str | None


class KeyCreated(KeyPublic):
    key: str = Field(
        description="The secret key. Shown once, now: only its SHA-256 hash is stored.",
    )
