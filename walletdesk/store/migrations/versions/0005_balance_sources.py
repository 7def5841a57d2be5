"""Where each amount sits (per key and place) and how it was valued (``sources_schema.py``).

Two tables of their own; the spec's four are not touched. Wallets stored before this
revision have no rows here until their next refresh: their balances read as before.

Revision ID: 0005_balance_sources
Revises: 0004_user_identities
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005_balance_sources"
down_revision = "0004_user_identities"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "balance_sources",
        sa.Column("wallet_id", sa.INTEGER(),
                  sa.ForeignKey("wallets.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("asset", sa.VARCHAR(20), primary_key=True),
        sa.Column("credential_id", sa.VARCHAR(50),
                  sa.ForeignKey("api_credentials.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("place", sa.VARCHAR(20), primary_key=True),
        sa.Column("free", sa.DECIMAL(18, 8), nullable=False),
        sa.Column("locked", sa.DECIMAL(18, 8), nullable=False),
        sqlite_with_rowid=False,
    )
    op.create_table(
        "balance_valuations",
        sa.Column("wallet_id", sa.INTEGER(),
                  sa.ForeignKey("wallets.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("asset", sa.VARCHAR(20), primary_key=True),
        sa.Column("route", sa.VARCHAR(60), nullable=False),
        sa.Column("priced", sa.BOOLEAN(), nullable=False),
        sqlite_with_rowid=False,
    )


def downgrade() -> None:
    op.drop_table("balance_valuations")
    op.drop_table("balance_sources")
