"""Deployment settings, read from `ROOTWISE_*` environment variables."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

from rootwise.clinical.thresholds import Thresholds


class Settings(BaseSettings):
    """Everything a deployment may tune. Clinical defaults follow `shared/clinical/`."""

    model_config = SettingsConfigDict(env_prefix="ROOTWISE_", extra="forbid")

    database_url: str = "sqlite:///rootwise.sqlite3"
    # Signs log-in tokens and session cookies. Unset, a random key is made at start,
    # so tokens do not survive a restart; set it for any real deployment.
    secret_key: str | None = Field(default=None, min_length=32)
    token_hours: int = Field(default=12, ge=1, le=24 * 7)
    # Used for new clinics; each clinic keeps its own number.
    emergency_number: str = Field(default="911", min_length=1, max_length=20)
    fever_threshold_c: Decimal = Field(default=Decimal("38.3"), ge=37, le=40)
    deficit_fever_threshold_c: Decimal = Field(default=Decimal("38.0"), ge=37, le=40)
    # How long the care team has to acknowledge an alert, and to review a `soon` item.
    emergency_ack_minutes: int = Field(default=15, ge=1, le=240)
    same_day_ack_hours: int = Field(default=4, ge=1, le=24)
    soon_review_working_days: int = Field(default=3, ge=1, le=10)
    # Earlier check-ins loaded for each assessment: twice the rebound window.
    history_days: int = Field(default=56, ge=7, le=365)

    def thresholds(self) -> Thresholds:
        """The clinical thresholds in force for this deployment."""
        return Thresholds(
            fever_c=self.fever_threshold_c,
            deficit_fever_c=self.deficit_fever_threshold_c,
        )

    def acknowledge_within(self, level: str) -> timedelta:
        """The deadline for acknowledging an alert of `level` (same_day or emergency)."""
        if level == "emergency":
            return timedelta(minutes=self.emergency_ack_minutes)
        return timedelta(hours=self.same_day_ack_hours)
