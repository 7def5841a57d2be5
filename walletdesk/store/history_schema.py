"""The history tables: one snapshot per successful wallet refresh, kept beside the spec's four.

``history_snapshots``: one row per wallet refresh (user, exchange, time, the wallet's total);
``history_balances``: that refresh's assets (total amount and USD value). Rows are keyed by
user and exchange name, not by ``wallets.id``: removing a key deletes its wallet, and its
history must stay until the user deletes it (``store.history.HistoryRepository``).

``history_balances`` is ``WITHOUT ROWID`` with the primary key (snapshot_id, asset): a
refresh appends its rows at the end of the tree (a 10,000-asset snapshot touches a few
hundred pages), and one asset's series is a primary-key lookup per snapshot.
Added by migration ``0002_history``.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import INTEGER, VARCHAR, ForeignKey, Index
from sqlalchemy.orm import Mapped, mapped_column

from walletdesk.store.schema import Base
from walletdesk.store.types import Amount, UtcDateTime


class HistorySnapshotRow(Base):
    __tablename__ = "history_snapshots"
    __table_args__ = (
        Index("idx_history_snapshots_user_exchange_taken", "user_id", "exchange", "taken_at",
              unique=True),
    )

    id: Mapped[int] = mapped_column(INTEGER, primary_key=True, autoincrement=True)
    user_id: Mapped[str] = mapped_column(
        VARCHAR(50), ForeignKey("users.id", ondelete="CASCADE"), nullable=False
    )
    exchange: Mapped[str] = mapped_column(VARCHAR(20), nullable=False)
    taken_at: Mapped[datetime] = mapped_column(UtcDateTime, nullable=False)
    total_usd_value: Mapped[Decimal] = mapped_column(Amount, nullable=False)


class HistoryBalanceRow(Base):
    __tablename__ = "history_balances"
    __table_args__ = ({"sqlite_with_rowid": False},)

    snapshot_id: Mapped[int] = mapped_column(
        INTEGER, ForeignKey("history_snapshots.id", ondelete="CASCADE"), primary_key=True
    )
    asset: Mapped[str] = mapped_column(VARCHAR(20), primary_key=True)
    total: Mapped[Decimal] = mapped_column(Amount, nullable=False)
    usd_value: Mapped[Decimal] = mapped_column(Amount, nullable=False)
