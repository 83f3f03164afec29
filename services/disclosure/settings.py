"""Settings of the disclosure service, from DISCLOSURE_* environment variables."""

from pydantic import Field
from pydantic_settings import SettingsConfigDict

from common.settings import ServiceSettings, database_url_field


class DisclosureSettings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="DISCLOSURE_", extra="ignore")

    port: int = Field(default=8003, ge=1, le=65535)
    database_url: str = database_url_field("disclosure")  # type: ignore[assignment]
    parties_url: str = Field(default="http://127.0.0.1:8001", pattern=r"^https?://\S+$")
    screening_url: str = Field(default="http://127.0.0.1:8002", pattern=r"^https?://\S+$")
    parties_timeout_s: float = Field(default=30.0, gt=0, le=600)
    screening_timeout_s: float = Field(default=10.0, gt=0, le=600)
    connect_timeout_s: float = Field(default=2.0, gt=0, le=60)
    certification_valid_months: int = Field(default=12, ge=1, le=60)
    due_within_days: int = Field(
        default=30, ge=0, le=366, description="How early a certification counts as due"
    )
