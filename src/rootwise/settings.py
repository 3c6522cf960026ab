"""Deployment settings, read from `ROOTWISE_*` environment variables."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from pathlib import Path

from pydantic import Field, ValidationInfo, field_validator
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
    # An alert still open after its deadline goes to the clinic's tier-1 contacts; still
    # open this long after that, to tier 2. Unset: the level's acknowledge window again.
    emergency_escalation_minutes: int | None = Field(default=None, ge=1, le=240)
    same_day_escalation_hours: int | None = Field(default=None, ge=1, le=24)
    # A patient who has checked in before but not for this many whole calendar days (in
    # their own time zone) gets a worklist item, due for review this many hours later.
    missed_checkin_days: int = Field(default=3, ge=1, le=30)
    missed_checkin_review_hours: int = Field(default=24, ge=1, le=168)
    # Recovery tracking (clinical README sections 3 and 7). Licensed questionnaire text
    # (ODI, DN4-interview) is loaded from FHIR Questionnaire files named `<key>.json` in
    # this folder; without it those questionnaires are scored but not asked.
    questionnaire_text_dir: Path | None = None
    # The change in pain (0-10) that counts as clinically important: 2 points by
    # consensus; 1.6 to 3.2 are reported for leg pain after lumbar surgery.
    nrs_mcid_points: float = Field(default=2.0, ge=1.0, le=5.0)
    # The expected leg-pain band after decompression as (week, 20th, 50th, 80th
    # percentile) knots; fusion runs two weeks behind. Unset: the clinical default.
    expected_leg_pain_band: tuple[tuple[float, float, float, float], ...] | None = None
    # A clinic's own band replaces the default once this many of its patients have
    # enough check-ins for one operation group.
    cohort_min_patients: int = Field(default=200, ge=20)
    # Earlier check-ins loaded for each assessment: twice the rebound window.
    history_days: int = Field(default=56, ge=7, le=365)

    # Notifications (`rootwise.notify`). Email goes through this SMTP relay.
    smtp_host: str = Field(default="localhost", min_length=1)
    smtp_port: int = Field(default=25, ge=1, le=65535)
    smtp_sender: str = Field(default="rootwise@localhost", min_length=3, max_length=254)
    smtp_starttls: bool = False
    # Declared after smtp_starttls, which their validator reads.
    smtp_username: str | None = None
    smtp_password: str | None = None
    # Signs every webhook (X-Rootwise-Signature). Unset, webhooks are not sent at all:
    # they fail, are retried and end among the clinic's dead letters.
    webhook_secret: str | None = Field(default=None, min_length=32)
    # How long one SMTP exchange or webhook request may wait on the other side.
    notify_timeout_seconds: float = Field(default=5.0, gt=0, le=60)
    # A worker claims up to a batch of due messages at once, each for the lease; the lease
    # should outlast delivering a whole batch, or another worker may send some again.
    outbox_batch_size: int = Field(default=10, ge=1, le=500)
    outbox_lease_seconds: int = Field(default=300, ge=10, le=3600)
    # Idle workers look for due messages this often.
    outbox_poll_seconds: float = Field(default=1.0, gt=0, le=60)
    # Failed deliveries are retried after a random wait of up to base * 2**attempts,
    # capped; after the last attempt the message is dead-lettered for the clinic's admins.
    outbox_max_attempts: int = Field(default=8, ge=1, le=50)
    outbox_backoff_base_seconds: float = Field(default=30.0, gt=0, le=3600)
    outbox_backoff_cap_seconds: float = Field(default=1800.0, gt=0, le=86400)

    @field_validator("smtp_username")
    @classmethod
    def _login_only_over_tls(cls, value: str | None, info: ValidationInfo) -> str | None:
        # A password must never cross the network in clear text.
        if value is not None and not info.data.get("smtp_starttls"):
            raise ValueError("needs ROOTWISE_SMTP_STARTTLS=true, so the password is encrypted")
        return value

    @field_validator("outbox_backoff_cap_seconds")
    @classmethod
    def _cap_above_base(cls, value: float, info: ValidationInfo) -> float:
        base = info.data.get("outbox_backoff_base_seconds")
        if base is not None and value < base:
            raise ValueError("must not be below ROOTWISE_OUTBOX_BACKOFF_BASE_SECONDS")
        return value

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

    def escalate_again_after(self, level: str) -> timedelta:
        """How long an escalated alert of `level` may stay open before the next tier is told."""
        if level == "emergency" and self.emergency_escalation_minutes is not None:
            return timedelta(minutes=self.emergency_escalation_minutes)
        if level != "emergency" and self.same_day_escalation_hours is not None:
            return timedelta(hours=self.same_day_escalation_hours)
        return self.acknowledge_within(level)
