"""Where each stored amount sits, and how it was valued: two tables beside the spec's four.

``balance_sources``: one row per (wallet, asset, key, place) with that part's free and
locked amounts; a wallet's parts of an asset add up exactly to its ``balances`` row
(``controllers/wallet_fold.py``), so removing one of two keys subtracts exactly its parts.
``balance_valuations``: per (wallet, asset), the price route used ("ETHBTC x BTCUSDT") and
whether a price was found at all (a priced dust amount may be worth $0.00000000).
Both cascade with their wallet (and the sources with their key). Added by migration
``0005_balance_sources``.

``balance_sole_sources``: a wallet whose every row is wholly one key's, in one place (a key's
spot account, the usual), is marked here instead: its parts are its ``balances`` rows
beside that key and place, so they are not kept twice and a refresh that changes every
amount of 10,000 assets rewrites one copy of them, not two. Such a wallet has no
``balance_sources`` rows; any other wallet has no mark. It cascades with its wallet and its
key. Added by migration ``0007_balance_sole_sources``.
"""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import BOOLEAN, INTEGER, VARCHAR, ForeignKey
from sqlalchemy.orm import Mapped, mapped_column

from walletdesk.store.schema import Base
from walletdesk.store.types import Amount

ROUTE_MAX = 60


class BalanceSourceRow(Base):
    __tablename__ = "balance_sources"
    __table_args__ = ({"sqlite_with_rowid": False},)

    wallet_id: Mapped[int] = mapped_column(
        INTEGER, ForeignKey("wallets.id", ondelete="CASCADE"), primary_key=True
    )
    asset: Mapped[str] = mapped_column(VARCHAR(20), primary_key=True)
    credential_id: Mapped[str] = mapped_column(
        VARCHAR(50), ForeignKey("api_credentials.id", ondelete="CASCADE"), primary_key=True
    )
    place: Mapped[str] = mapped_column(VARCHAR(20), primary_key=True)
    free: Mapped[Decimal] = mapped_column(Amount, nullable=False)
    locked: Mapped[Decimal] = mapped_column(Amount, nullable=False)


class BalanceValuationRow(Base):
    __tablename__ = "balance_valuations"
    __table_args__ = ({"sqlite_with_rowid": False},)

    wallet_id: Mapped[int] = mapped_column(
        INTEGER, ForeignKey("wallets.id", ondelete="CASCADE"), primary_key=True
    )
    asset: Mapped[str] = mapped_column(VARCHAR(20), primary_key=True)
    route: Mapped[str] = mapped_column(VARCHAR(ROUTE_MAX), nullable=False)
    priced: Mapped[bool] = mapped_column(BOOLEAN, nullable=False)


class BalanceSoleSourceRow(Base):
    __tablename__ = "balance_sole_sources"

    wallet_id: Mapped[int] = mapped_column(
        INTEGER, ForeignKey("wallets.id", ondelete="CASCADE"), primary_key=True
    )
    credential_id: Mapped[str] = mapped_column(
        VARCHAR(50), ForeignKey("api_credentials.id", ondelete="CASCADE"), nullable=False
    )
    place: Mapped[str] = mapped_column(VARCHAR(20), nullable=False)
