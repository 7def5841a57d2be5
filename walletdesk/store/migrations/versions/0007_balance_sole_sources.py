"""A wallet whose every balance is wholly one key's, in one place, marked instead of its
parts copied (``sources_schema.py``: ``balance_sole_sources``).

A table of its own; the spec's four are not touched and no row changes. Wallets stored
before this revision keep their ``balance_sources`` rows, which read as before, until their
next refresh marks them. The downgrade writes each marked wallet's parts back as rows, so
the revision before reads every part it had.

Revision ID: 0007_balance_sole_sources
Revises: 0006_hidden_assets_refresh_outcomes
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007_balance_sole_sources"
down_revision = "0006_hidden_assets_refresh_outcomes"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "balance_sole_sources",
        sa.Column("wallet_id", sa.INTEGER(),
                  sa.ForeignKey("wallets.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("credential_id", sa.VARCHAR(50),
                  sa.ForeignKey("api_credentials.id", ondelete="CASCADE"), nullable=False),
        sa.Column("place", sa.VARCHAR(20), nullable=False),
    )


def downgrade() -> None:
    op.execute(
        "INSERT INTO balance_sources (wallet_id, asset, credential_id, place, free, locked) "
        "SELECT b.wallet_id, b.asset, s.credential_id, s.place, b.free, b.locked "
        "FROM balance_sole_sources s JOIN balances b ON b.wallet_id = s.wallet_id"
    )
    op.drop_table("balance_sole_sources")
