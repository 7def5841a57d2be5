"""User identities: which issuer's subject owns which ``users`` row
(``store/identity_schema.py``).

Adds one table; the spec's four are not touched and no row changes, so every existing user
keeps their keys, wallets and history. Existing ``users`` rows (named by a bare ``sub``
before this revision) get their identity row at their owner's next sign-in
(``store.users.UserRepository.sign_in``).

Revision ID: 0004_user_identities
Revises: 0003_master_key
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004_user_identities"
down_revision = "0003_master_key"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "user_identities",
        sa.Column("issuer", sa.VARCHAR(255), primary_key=True),
        sa.Column("subject", sa.VARCHAR(255), primary_key=True),
        sa.Column("user_id", sa.VARCHAR(50),
                  sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
        sa.Column("created_at", sa.TIMESTAMP(), nullable=False),
    )
    op.create_index("idx_user_identities_user_id", "user_identities", ["user_id"], unique=True)


def downgrade() -> None:
    op.drop_table("user_identities")
