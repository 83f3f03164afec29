"""Typed settings shared by every process, read from environment variables at start-up."""

from pathlib import Path

from pydantic import AliasChoices, Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

VAR_DIR = Path("var")


class ServiceSettings(BaseSettings):
    """Base for every service's settings.

    Subclasses set ``env_prefix`` (``PARTIES_``, ``SCREENING_``...). ``DATABASE_URL`` and
    ``REDIS_URL`` are also read without a prefix so one variable can serve the whole system:
    each service prefixes its own tables, so they can share a PostgreSQL database.
    """

    model_config = SettingsConfigDict(extra="ignore", validate_default=True)

    host: str = "127.0.0.1"
    port: int = Field(default=8000, ge=1, le=65535)
    database_url: str = ""
    redis_url: str = Field(
        default="redis://127.0.0.1:6379/0",
        validation_alias=AliasChoices("redis_url", "REDIS_URL"),
    )
    cache_namespace: str = Field(
        default="rs",
        validation_alias=AliasChoices("cache_namespace", "CACHE_NAMESPACE"),
        pattern=r"^[A-Za-z0-9_.:-]{1,64}$",
    )
    log_level: str = Field(default="INFO", validation_alias=AliasChoices("log_level", "LOG_LEVEL"))

    @field_validator("log_level")
    @classmethod
    def _known_level(cls, value: str) -> str:
        upper = value.upper()
        if upper not in {"DEBUG", "INFO", "WARNING", "ERROR"}:
            raise ValueError("LOG_LEVEL must be DEBUG, INFO, WARNING or ERROR")
        return upper


def database_url_field(service: str) -> object:
    """A ``database_url`` field read from ``<SERVICE>_DATABASE_URL`` or ``DATABASE_URL``."""
    return Field(
        default=f"sqlite:///{VAR_DIR / (service + '.db')}",
        validation_alias=AliasChoices(f"{service.upper()}_DATABASE_URL", "DATABASE_URL"),
    )
