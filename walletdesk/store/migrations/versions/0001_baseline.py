"""Baseline: the four tables of shared/spec/data-model.md.

Written out explicitly (not ``metadata.create_all``) so that it stays what it was when
later revisions change the ORM. Amounts are ``DECIMAL(18, 8)`` columns holding integer
1e-8 units; timestamps are ``TIMESTAMP`` text in UTC.

Revision ID: 0001
Revises:
Create Date: 2025-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def _timestamps() -> list[sa.Column[object]]:
    return [
        sa.Column("created_at", sa.TIMESTAMP(), nullable=False),
        sa.Column("updated_at", sa.TIMESTAMP(), nullable=False),
    ]


def _amount(name: str) -> sa.Column[object]:
    return sa.Column(name, sa.DECIMAL(18, 8), nullable=False)


def _user_fk() -> sa.Column[object]:
    return sa.Column("user_id", sa.VARCHAR(50),
                     sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False)


def upgrade() -> None:
    op.create_table(
        "users",
        sa.Column("id", sa.VARCHAR(50), primary_key=True),
        sa.Column("email", sa.VARCHAR(100), nullable=False),
        sa.Column("name", sa.VARCHAR(100), nullable=True),
        *_timestamps(),
    )
    op.create_index("idx_user_email", "users", ["email"], unique=True)

    op.create_table(
        "api_credentials",
        sa.Column("id", sa.VARCHAR(50), primary_key=True),
        _user_fk(),
        sa.Column("exchange", sa.VARCHAR(20), nullable=False),
        sa.Column("api_key", sa.VARCHAR(100), nullable=False),
        sa.Column("api_secret", sa.BLOB(), nullable=False),
        sa.Column("label", sa.VARCHAR(50), nullable=True),
        *_timestamps(),
    )
    op.create_index("idx_api_credentials_user_id", "api_credentials", ["user_id"])
    op.create_index("idx_api_credentials_exchange", "api_credentials", ["exchange"])
    op.create_index("idx_api_credentials_user_exchange_label", "api_credentials",
                    ["user_id", "exchange", "label"], unique=True)

    op.create_table(
        "wallets",
        sa.Column("id", sa.INTEGER(), primary_key=True, autoincrement=True),
        _user_fk(),
        sa.Column("exchange", sa.VARCHAR(20), nullable=False),
        sa.Column("last_updated", sa.TIMESTAMP(), nullable=False),
        _amount("total_usd_value"),
        *_timestamps(),
        sqlite_autoincrement=True,
    )
    op.create_index("idx_wallet_user_id", "wallets", ["user_id"])
    op.create_index("idx_wallet_user_exchange", "wallets", ["user_id", "exchange"], unique=True)

    op.create_table(
        "balances",
        sa.Column("id", sa.INTEGER(), primary_key=True, autoincrement=True),
        sa.Column("wallet_id", sa.INTEGER(),
                  sa.ForeignKey("wallets.id", ondelete="CASCADE"), nullable=False),
        sa.Column("asset", sa.VARCHAR(20), nullable=False),
        *(_amount(name) for name in ("free", "locked", "total", "usd_value")),
        *_timestamps(),
        sqlite_autoincrement=True,
    )
    op.create_index("idx_balance_wallet_id", "balances", ["wallet_id"])
    op.create_index("idx_balance_asset", "balances", ["asset"])
    op.create_index("idx_balance_wallet_asset", "balances", ["wallet_id", "asset"], unique=True)


def downgrade() -> None:
    for table in ("balances", "wallets", "api_credentials", "users"):
        op.drop_table(table)
