"""Settings of the screening service, from SCREENING_* environment variables."""

from typing import Annotated

from pydantic import Field, SecretStr, field_validator, model_validator
from pydantic_settings import NoDecode, SettingsConfigDict

from common.settings import ServiceSettings, database_url_field

PLACEHOLDER_SECRETS = {"", "changeme", "change-me", "changethis", "secret", "default"}


class ScreeningSettings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="SCREENING_", extra="ignore")

    port: int = Field(default=8002, ge=1, le=65535)
    database_url: str = database_url_field("screening")  # type: ignore[assignment]
    parties_url: str = Field(default="http://127.0.0.1:8001", pattern=r"^https?://")
    parties_timeout_s: float = Field(default=30.0, gt=0, le=600)
    webhook_urls: Annotated[list[str], NoDecode] = Field(
        default_factory=list, description="Comma-separated URLs that receive signed alerts"
    )
    webhook_secret: SecretStr | None = Field(
        default=None, description="HMAC-SHA256 key for webhook signatures (min. 16 characters)"
    )
    webhook_max_attempts: int = Field(default=5, ge=1, le=20)
    webhook_backoff_s: float = Field(default=1.0, ge=0.0, le=300)
    webhook_timeout_s: float = Field(default=5.0, gt=0, le=60)
    rescreen_poll_interval_s: float = Field(
        default=60.0, ge=0, description="How often to poll the party lists; 0 disables polling"
    )

    @field_validator("webhook_urls", mode="before")
    @classmethod
    def _split_urls(cls, value: object) -> object:
        if isinstance(value, str):
            return [part.strip() for part in value.split(",") if part.strip()]
        return value

    @field_validator("webhook_urls")
    @classmethod
    def _http_urls(cls, urls: list[str]) -> list[str]:
        for url in urls:
            if not url.startswith(("http://", "https://")):
                raise ValueError(f"webhook URL {url!r} must be http(s)")
        return urls

    @model_validator(mode="after")
    def _real_secret_for_webhooks(self) -> "ScreeningSettings":
        if not self.webhook_urls:
            return self
        secret = self.webhook_secret.get_secret_value() if self.webhook_secret else ""
        if secret.lower() in PLACEHOLDER_SECRETS or len(secret) < 16:
            raise ValueError(
                "SCREENING_WEBHOOK_SECRET must be set to a real secret (16+ characters) "
                "when SCREENING_WEBHOOK_URLS is set"
            )
        return self
