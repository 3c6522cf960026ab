"""check-in medications

The medicines of each check-in in a column of their own, copied from its stored answers,
so that history for the medication checks loads without parsing every answer.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

_JSON = sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql")
_BATCH = 1000


def upgrade() -> None:
    # Nullable without a default: SQLite adds it in place (no table rebuild).
    op.add_column("checkins", sa.Column("medications", _JSON, nullable=True))
    checkins = sa.table(
        "checkins",
        sa.column("id", sa.Integer()),
        sa.column("answers", _JSON),
        sa.column("medications", _JSON),
    )
    connection = op.get_bind()
    rows = connection.execute(sa.select(checkins.c.id, checkins.c.answers)).all()
    listed = [
        {"row_id": row_id, "listed": answers["medications"]}
        for row_id, answers in rows
        if answers.get("medications") is not None
    ]
    update = (
        sa.update(checkins)
        .where(checkins.c.id == sa.bindparam("row_id"))
        .values(medications=sa.bindparam("listed"))
    )
    for start in range(0, len(listed), _BATCH):
        connection.execute(update, listed[start : start + _BATCH])


def downgrade() -> None:
    op.drop_column("checkins", "medications")
