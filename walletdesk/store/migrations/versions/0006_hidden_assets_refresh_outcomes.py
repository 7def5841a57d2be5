"""Hidden assets and each key's last refresh outcome (``store/desk_state_schema.py``).

Two tables of their own; the spec's four are not touched and no row changes. Assets hidden
before this revision were kept in the GUI's settings: the window moves them here, for the
user it shows, at its first load after the upgrade. Keys refreshed before it have no
outcome until their next refresh (their wallets read as before).

Revision ID: 0006_hidden_assets_refresh_outcomes
Revises: 0005_balance_sources
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006_hidden_assets_refresh_outcomes"
down_revision = "0005_balance_sources"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "hidden_assets",
        sa.Column("user_id", sa.VARCHAR(50),
                  sa.ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("exchange", sa.VARCHAR(20), primary_key=True),
        sa.Column("asset", sa.VARCHAR(20), primary_key=True),
        sa.Column("hidden_at", sa.TIMESTAMP(), nullable=False),
        sqlite_with_rowid=False,
    )
    op.create_table(
        "refresh_outcomes",
        sa.Column("credential_id", sa.VARCHAR(50),
                  sa.ForeignKey("api_credentials.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("attempted_at", sa.TIMESTAMP(), nullable=False),
        sa.Column("error", sa.VARCHAR(1000), nullable=True),
    )


def downgrade() -> None:
    op.drop_table("refresh_outcomes")
    op.drop_table("hidden_assets")
