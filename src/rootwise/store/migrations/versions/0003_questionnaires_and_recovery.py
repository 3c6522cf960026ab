"""questionnaires and recovery

Answered questionnaires (FHIR QuestionnaireResponses with their scores), each clinic's
own expected leg-pain band once it has enough patients, and each patient's latest
recovery trend.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

import rootwise.store.types

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

_JSON = sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql")


def upgrade() -> None:
    op.create_table(
        "expected_bands",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("clinic_id", sa.Integer(), nullable=False),
        sa.Column("procedure_group", sa.String(length=20), nullable=False),
        sa.Column("computed_at", rootwise.store.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("patients", sa.Integer(), nullable=False),
        sa.Column("points", _JSON, nullable=False),
        sa.Column("basis", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["clinic_id"], ["clinics.id"], name=op.f("fk_expected_bands_clinic_id_clinics")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_expected_bands")),
        sa.UniqueConstraint(
            "clinic_id",
            "procedure_group",
            name=op.f("uq_expected_bands_clinic_id_procedure_group"),
        ),
    )
    op.create_table(
        "questionnaire_responses",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("patient_id", sa.Integer(), nullable=False),
        sa.Column("questionnaire", sa.String(length=30), nullable=False),
        sa.Column("instrument", sa.String(length=20), nullable=False),
        sa.Column("timepoint", sa.String(length=20), nullable=False),
        sa.Column("authored_at", rootwise.store.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("recorded_by_id", sa.Integer(), nullable=False),
        sa.Column("resource", _JSON, nullable=False),
        sa.Column("score", sa.Double(), nullable=True),
        sa.Column("band", sa.String(length=30), nullable=True),
        sa.Column("complete", sa.Boolean(), nullable=False),
        sa.CheckConstraint(
            "timepoint IN ('baseline', '2_weeks', '6_weeks', '3_months', '6_months', '12_months')",
            name=op.f("ck_questionnaire_responses_timepoint_allowed"),
        ),
        sa.ForeignKeyConstraint(
            ["patient_id"],
            ["patients.id"],
            name=op.f("fk_questionnaire_responses_patient_id_patients"),
        ),
        sa.ForeignKeyConstraint(
            ["recorded_by_id"],
            ["users.id"],
            name=op.f("fk_questionnaire_responses_recorded_by_id_users"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_questionnaire_responses")),
        sa.UniqueConstraint(
            "patient_id",
            "questionnaire",
            "timepoint",
            name=op.f("uq_questionnaire_responses_patient_id_questionnaire_timepoint"),
        ),
    )
    op.create_index(
        op.f("ix_questionnaire_responses_patient_id"),
        "questionnaire_responses",
        ["patient_id"],
        unique=False,
    )
    # Nullable columns without defaults: SQLite adds them in place (no table rebuild).
    op.add_column("patients", sa.Column("recovery_trend", sa.String(length=20), nullable=True))
    op.add_column("patients", sa.Column("recovery_reason", sa.Text(), nullable=True))
    op.add_column(
        "patients",
        sa.Column(
            "recovery_reviewed_at", rootwise.store.types.UTCDateTime(timezone=True), nullable=True
        ),
    )


def downgrade() -> None:
    op.drop_column("patients", "recovery_reviewed_at")
    op.drop_column("patients", "recovery_reason")
    op.drop_column("patients", "recovery_trend")
    op.drop_index(
        op.f("ix_questionnaire_responses_patient_id"), table_name="questionnaire_responses"
    )
    op.drop_table("questionnaire_responses")
    op.drop_table("expected_bands")
