"""What the user decided about their assets and what their last refresh said: two tables
beside the spec's four, added by migration ``0006_hidden_assets_refresh_outcomes``.

``hidden_assets``: the (exchange, asset) pairs a user hid one by one (spam airdrops); the
GUI's Balances and the CLI's ``balances`` and ``export`` leave them out unless asked. Kept
per user (cascades with the ``users`` row), so one person's choice never hides another's.
``refresh_outcomes``: per key, when its last refresh ran and, when it failed, the error the
user was shown (None: it worked). A wallet whose key failed keeps its previous balances,
so this is what tells, after a restart too, that those numbers are old and why. Cascades
with the key. Cancelled refreshes are not recorded (the previous outcome still holds).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import VARCHAR, ForeignKey
from sqlalchemy.orm import Mapped, mapped_column

from walletdesk.store.schema import Base
from walletdesk.store.types import UtcDateTime

ERROR_MAX = 1000  # characters of the error kept (messages are a sentence or two)


class HiddenAssetRow(Base):
    __tablename__ = "hidden_assets"
    __table_args__ = ({"sqlite_with_rowid": False},)

    user_id: Mapped[str] = mapped_column(
        VARCHAR(50), ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    exchange: Mapped[str] = mapped_column(VARCHAR(20), primary_key=True)
    asset: Mapped[str] = mapped_column(VARCHAR(20), primary_key=True)
    hidden_at: Mapped[datetime] = mapped_column(UtcDateTime, nullable=False)


class RefreshOutcomeRow(Base):
    __tablename__ = "refresh_outcomes"

    credential_id: Mapped[str] = mapped_column(
        VARCHAR(50), ForeignKey("api_credentials.id", ondelete="CASCADE"), primary_key=True
    )
    attempted_at: Mapped[datetime] = mapped_column(UtcDateTime, nullable=False)
    error: Mapped[str | None] = mapped_column(VARCHAR(ERROR_MAX), nullable=True)
