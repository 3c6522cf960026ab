"""escalation and reminders

Alert escalation steps, the reminders sent to each patient, and each patient's reminder
time. Existing patients get reminders at 18:00 local time, switched on.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import rootwise.store.types

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "alert_escalations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("alert_id", sa.Integer(), nullable=False),
        sa.Column("tier", sa.Integer(), nullable=False),
        sa.Column("escalated_at", rootwise.store.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("notified", sa.Integer(), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.CheckConstraint("tier >= 1", name=op.f("ck_alert_escalations_tier_above_first")),
        sa.ForeignKeyConstraint(
            ["alert_id"], ["alerts.id"], name=op.f("fk_alert_escalations_alert_id_alerts")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_alert_escalations")),
        sa.UniqueConstraint("alert_id", "tier", name=op.f("uq_alert_escalations_alert_id_tier")),
    )
    op.create_table(
        "reminders_sent",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("patient_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("local_date", sa.Date(), nullable=False),
        sa.Column("sent_at", rootwise.store.types.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["patient_id"], ["patients.id"], name=op.f("fk_reminders_sent_patient_id_patients")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reminders_sent")),
        sa.UniqueConstraint(
            "patient_id",
            "kind",
            "local_date",
            name=op.f("uq_reminders_sent_patient_id_kind_local_date"),
        ),
    )
    # Added in place, never by rebuilding `patients` (batch mode's way on SQLite), which
    # would drop a table that check-ins and alerts refer to. Hence plain literal defaults:
    # an SQL expression as a default makes Alembic rebuild the table on SQLite.
    with op.batch_alter_table("patients", schema=None, recreate="never") as batch_op:
        batch_op.add_column(
            sa.Column("reminder_time", sa.Time(), server_default="18:00:00.000000", nullable=False)
        )
        batch_op.add_column(
            sa.Column("reminders_enabled", sa.Boolean(), server_default="1", nullable=False)
        )


def downgrade() -> None:
    # In place too (SQLite drops columns itself since 3.35).
    with op.batch_alter_table("patients", schema=None, recreate="never") as batch_op:
        batch_op.drop_column("reminders_enabled")
        batch_op.drop_column("reminder_time")

    op.drop_table("reminders_sent")
    op.drop_table("alert_escalations")
