"""Settings of the party-list service, from PARTIES_* environment variables."""

import os
from pathlib import Path
from typing import Annotated

from pydantic import AliasChoices, Field, field_validator
from pydantic_settings import NoDecode, SettingsConfigDict

from common.settings import ServiceSettings, database_url_field

DEFAULT_LISTS_DIR = Path("../shared/data/lists")


class PartiesSettings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="PARTIES_", extra="ignore")

    port: int = Field(default=8001, ge=1, le=65535)
    database_url: str = database_url_field("parties")  # type: ignore[assignment]
    lists_dir: Path | None = Field(
        default=DEFAULT_LISTS_DIR,
        validation_alias=AliasChoices("PARTIES_LISTS_DIR", "LISTS_DIR"),
        description="Where the list files are; loaded on first start when the database is empty.",
    )
    sources: Annotated[list[str], NoDecode] = Field(
        default_factory=list,
        description="Load only these sources on first start: paths relative to lists_dir "
        "(e.g. 'ofac-sdn/2021-07'). Empty: every source found.",
    )
    load_on_start: bool = True
    max_drop_share: float = Field(default=0.10, ge=0.0, le=1.0)
    max_upload_bytes: int = Field(default=100 * 1024 * 1024, ge=1024)
    stale_after_days: int = Field(default=45, ge=1)
    cache_ttl_s: int = Field(default=24 * 3600, ge=1)
    match_workers: int = Field(
        default_factory=lambda: len(os.sched_getaffinity(0)),
        ge=0,
        le=64,
        description="Worker processes for batch searches (forked once the index is built); "
        "0 matches batches in the service process. Default: one per available core.",
    )

    @field_validator("sources", mode="before")
    @classmethod
    def _split_sources(cls, value: object) -> object:
        if isinstance(value, str):
            return [part.strip().strip("/") for part in value.split(",") if part.strip()]
        return value
