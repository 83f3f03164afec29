"""Settings of the gateway, from GATEWAY_* environment variables."""

from pydantic import AliasChoices, Field, SecretStr, field_validator
from pydantic_settings import SettingsConfigDict

from common.settings import ServiceSettings, database_url_field

MIB = 1024 * 1024


class GatewaySettings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="GATEWAY_", extra="ignore")

    port: int = Field(default=8000, ge=1, le=65535)
    database_url: str = database_url_field("gateway")  # type: ignore[assignment]
    admin_key: SecretStr | None = Field(
        default=None,
        description="Seeds the first admin key (name 'admin') at start-up; at least 32 chars.",
    )

    parties_url: str = Field(
        default="http://127.0.0.1:8001",
        validation_alias=AliasChoices("GATEWAY_PARTIES_URL", "PARTIES_URL"),
    )
    screening_url: str = Field(
        default="http://127.0.0.1:8002",
        validation_alias=AliasChoices("GATEWAY_SCREENING_URL", "SCREENING_URL"),
    )
    disclosure_url: str = Field(
        default="http://127.0.0.1:8003",
        validation_alias=AliasChoices("GATEWAY_DISCLOSURE_URL", "DISCLOSURE_URL"),
    )

    upstream_timeout_s: float = Field(default=30.0, gt=0, le=600)
    upload_timeout_s: float = Field(
        default=300.0, gt=0, le=3600, description="For uploads, batches and list ingests"
    )
    connect_timeout_s: float = Field(default=2.0, gt=0, le=60)
    idempotent_retries: int = Field(default=2, ge=0, le=5)

    max_body_bytes: int = Field(default=1 * MIB, ge=1024)
    max_upload_bytes: int = Field(default=50 * MIB, ge=1024)

    rate_limit_per_s: float = Field(default=20.0, gt=0, description="Sustained requests/s per key")
    rate_limit_burst: int = Field(default=40, ge=1, description="Requests a key may burst")
    redis_retry_after_s: float = Field(default=5.0, gt=0)

    openapi_refresh_s: float = Field(default=60.0, gt=0)
    openapi_retry_s: float = Field(default=5.0, gt=0)

    @field_validator("admin_key")
    @classmethod
    def _strong_admin_key(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None and len(value.get_secret_value()) < 32:
            raise ValueError("GATEWAY_ADMIN_KEY must be at least 32 characters")
        return value

    @field_validator("parties_url", "screening_url", "disclosure_url")
    @classmethod
    def _no_trailing_slash(cls, value: str) -> str:
        if not value.startswith(("http://", "https://")):
            raise ValueError("service URLs must start with http:// or https://")
        return value.rstrip("/")

    def service_urls(self) -> dict[str, str]:
        return {
            "parties": self.parties_url,
            "screening": self.screening_url,
            "disclosure": self.disclosure_url,
        }
