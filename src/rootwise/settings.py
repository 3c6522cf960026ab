"""Deployment settings, read from `ROOTWISE_*` environment variables."""

from __future__ import annotations

from decimal import Decimal

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

from rootwise.clinical.thresholds import Thresholds


class Settings(BaseSettings):
    """Everything a deployment may tune. Clinical defaults follow `shared/clinical/`."""

    model_config = SettingsConfigDict(env_prefix="ROOTWISE_", extra="forbid")

    emergency_number: str = Field(default="911", min_length=1, max_length=20)
    fever_threshold_c: Decimal = Field(default=Decimal("38.3"), ge=37, le=40)
    deficit_fever_threshold_c: Decimal = Field(default=Decimal("38.0"), ge=37, le=40)

    def thresholds(self) -> Thresholds:
        """The clinical thresholds in force for this deployment."""
        return Thresholds(
            fever_c=self.fever_threshold_c,
            deficit_fever_c=self.deficit_fever_threshold_c,
        )
