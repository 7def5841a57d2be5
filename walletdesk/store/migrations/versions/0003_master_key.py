"""The ``master_key`` table: key-check value and the password-protected master key.

Revision ID: 0003_master_key
Revises: 0002_history
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003_master_key"
down_revision = "0002_history"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "master_key",
        sa.Column("id", sa.INTEGER(), primary_key=True, autoincrement=False),
        sa.Column("key_check", sa.BLOB(), nullable=False),
        sa.Column("kept_in", sa.VARCHAR(20), nullable=False),
        sa.Column("keychain_entry", sa.VARCHAR(100), nullable=True),
        sa.Column("kdf", sa.VARCHAR(20), nullable=True),
        sa.Column("kdf_params", sa.VARCHAR(200), nullable=True),
        sa.Column("kdf_salt", sa.BLOB(), nullable=True),
        sa.Column("wrapped_key", sa.BLOB(), nullable=True),
        sa.Column("updated_at", sa.TIMESTAMP(), nullable=False),
        sa.CheckConstraint("id = 1", name="ck_master_key_single_row"),
    )


def downgrade() -> None:
    op.drop_table("master_key")
