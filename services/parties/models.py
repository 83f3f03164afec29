"""Tables of the party-list service.

A list version is one ingest of one list. Party revisions are never rewritten: a party that
changes gets a new revision and the old one is closed (``ended_in``) by the version that
replaced or dropped it, so every version's content and every party's history can be read back.
"""

from datetime import datetime

from sqlmodel import Field, SQLModel


class ListVersion(SQLModel, table=True):
    __tablename__ = "parties_list_version"

    id: int | None = Field(default=None, primary_key=True)
    list_id: str = Field(index=True, max_length=80)
    number: int
    label: str = Field(unique=True, max_length=100)
    format: str = Field(max_length=40)
    source_name: str = Field(max_length=500)
    sha256: str = Field(max_length=64)
    snapshot: str | None = Field(default=None, max_length=40)
    loaded_at: datetime
    loaded_by: str = Field(max_length=200)
    record_count: int
    added: int
    changed: int
    removed: int
    forced: bool = False


class PartyRevision(SQLModel, table=True):
    __tablename__ = "parties_party_revision"

    id: int | None = Field(default=None, primary_key=True)
    party_id: str = Field(index=True, max_length=200)
    list_id: str = Field(index=True, max_length=80)
    sub_list: str = Field(max_length=80)
    party_type: str = Field(max_length=20)
    name: str
    content_hash: str = Field(max_length=64)
    data: str  # the ParsedParty as canonical JSON
    added_in: int = Field(foreign_key="parties_list_version.id", index=True)
    ended_in: int | None = Field(default=None, foreign_key="parties_list_version.id", index=True)
