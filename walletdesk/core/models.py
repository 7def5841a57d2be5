"""Plain, immutable domain records passed between layers (never ORM objects)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from walletdesk.core.balance_table import BalanceTable


@dataclass(frozen=True, slots=True)
class User:
    id: str
    email: str
    name: str | None


@dataclass(frozen=True, slots=True)
class Credential:
    """A stored exchange key, without its secret."""

    id: str
    user_id: str
    exchange: str
    api_key: str
    label: str | None
    created_at: datetime
    updated_at: datetime


@dataclass(frozen=True, slots=True)
class AssetAmount:
    """One asset as an exchange reports it: exact, not yet valued."""

    asset: str
    free: Decimal
    locked: Decimal

    @property
    def total(self) -> Decimal:
        return self.free + self.locked


class Balance(NamedTuple):
    """One stored, valued asset balance of a wallet.

    A NamedTuple rather than a frozen dataclass: exports and tables build thousands of
    these, and a tuple is built in half the time.
    """

    exchange: str
    asset: str
    free: Decimal
    locked: Decimal
    total: Decimal
    usd_value: Decimal
    priced: bool
    wallet_updated: datetime


@dataclass(frozen=True, slots=True)
class Wallet:
    id: int
    exchange: str
    total_usd_value: Decimal
    last_updated: datetime
    asset_count: int


@dataclass(frozen=True, slots=True)
class Portfolio:
    wallets: tuple[Wallet, ...]
    balances: BalanceTable

    @property
    def total_usd_value(self) -> Decimal:
        return sum((w.total_usd_value for w in self.wallets), Decimal("0E-8"))

    @property
    def last_updated(self) -> datetime | None:
        return max((w.last_updated for w in self.wallets), default=None)


@dataclass(frozen=True, slots=True)
class ValuedBalance:
    """An asset amount with its USD value, ready to be stored in a wallet.

    ``priced`` is False when no price route exists; ``usd_value`` is then 0.
    """

    asset: str
    free: Decimal
    locked: Decimal
    usd_value: Decimal
    priced: bool

    @property
    def total(self) -> Decimal:
        return self.free + self.locked


LOCAL_USER = User(id="local", email="local@walletdesk.invalid", name="Local profile")
"""The profile WalletDesk runs as when Clerk sign-in is not configured."""
