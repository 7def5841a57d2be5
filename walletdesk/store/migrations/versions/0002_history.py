"""History: a snapshot of every successful wallet refresh (``store/history_schema.py``).

Adds two tables of its own; the spec's four tables are not touched, so upgrading a filled
database keeps every row as it was.

Revision ID: 0002_history
Revises: 0001
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002_history"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "history_snapshots",
        sa.Column("id", sa.INTEGER(), primary_key=True, autoincrement=True),
        sa.Column("user_id", sa.VARCHAR(50),
                  sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
        sa.Column("exchange", sa.VARCHAR(20), nullable=False),
        sa.Column("taken_at", sa.TIMESTAMP(), nullable=False),
        sa.Column("total_usd_value", sa.DECIMAL(18, 8), nullable=False),
    )
    op.create_index("idx_history_snapshots_user_exchange_taken", "history_snapshots",
                    ["user_id", "exchange", "taken_at"], unique=True)
    op.create_table(
        "history_balances",
        sa.Column("snapshot_id", sa.INTEGER(),
                  sa.ForeignKey("history_snapshots.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("asset", sa.VARCHAR(20), primary_key=True),
        sa.Column("total", sa.DECIMAL(18, 8), nullable=False),
        sa.Column("usd_value", sa.DECIMAL(18, 8), nullable=False),
        sqlite_with_rowid=False,
    )


def downgrade() -> None:
    op.drop_table("history_balances")
    op.drop_table("history_snapshots")
