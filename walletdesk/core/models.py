"""Plain, immutable domain records passed between layers (never ORM objects)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import TYPE_CHECKING, NamedTuple, overload

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


class AssetAmount(NamedTuple):
    """One asset in one place of an account, as the exchange reports it: exact, not valued.

    ``place`` says where it sits (``spot``, ``funding``, ``earn``, ``futures``, ...). The
    one rule for folding places into a row: ``free`` is what can be traded right now;
    ``locked`` is everything else the account holds (in orders, frozen, earning, staked,
    held as futures equity).

    A NamedTuple, as ``Balance`` is: a refresh of a 10,000-asset account builds one per
    asset, and a tuple is built in a fraction of a frozen dataclass's time.
    """

    asset: str
    free: Decimal
    locked: Decimal
    place: str = "spot"

    @property
    def total(self) -> Decimal:
        return self.free + self.locked


@dataclass(frozen=True, slots=True)
class LeftOut:
    """One balance entry that cannot be stored, left out so the rest of the account is."""

    name: str  # the asset as the exchange sent it, made safe to show
    reason: str  # "12,345,678,901 is more than WalletDesk can store"

    def __str__(self) -> str:
        return f"{self.name}: {self.reason}"


@dataclass(frozen=True, slots=True)
class Holdings(Sequence[AssetAmount]):
    """What one key holds across its account's wallets, plus the entries left out."""

    amounts: tuple[AssetAmount, ...]
    left_out: tuple[LeftOut, ...] = ()

    def __len__(self) -> int:
        return len(self.amounts)

    @overload
    def __getitem__(self, index: int) -> AssetAmount: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[AssetAmount]: ...

    def __getitem__(self, index: int | slice) -> AssetAmount | Sequence[AssetAmount]:
        return self.amounts[index]


class BalanceSource(NamedTuple):
    """One key's part of one asset in one place: the rows of ``balance_sources``."""

    credential_id: str
    asset: str
    place: str
    free: Decimal
    locked: Decimal


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
    route: str = ""  # the tickers the price came from ("ETHBTC x BTCUSDT")
    sources: tuple[BalanceSource, ...] = ()  # each key's part per place; they add up to it


@dataclass(frozen=True, slots=True)
class Wallet:
    id: int
    exchange: str
    total_usd_value: Decimal
    last_updated: datetime
    asset_count: int


@dataclass(frozen=True, slots=True)
class KeyRefresh:
    """The last refresh of one key: when, and the error the user was shown (None: it
    worked). Stored, so a failed wallet is still marked old after a restart."""

    credential_id: str
    exchange: str
    at: datetime
    error: str | None


def failed_exchanges(refreshes: Iterable[KeyRefresh]) -> dict[str, str]:
    """Exchanges whose last refresh failed (their balances are the previous ones), with what
    their keys said, each message once."""
    said: dict[str, dict[str, None]] = {}
    for refresh in refreshes:
        if refresh.error is not None:
            said.setdefault(refresh.exchange, {})[refresh.error] = None
    return {exchange: " ".join(messages) for exchange, messages in said.items()}


@dataclass(frozen=True, slots=True)
class Portfolio:
    wallets: tuple[Wallet, ...]
    balances: BalanceTable  # every stored row, hidden assets too (views leave those out)
    hidden: frozenset[tuple[str, str]] = frozenset()  # (exchange, asset) the user hid
    refreshes: tuple[KeyRefresh, ...] = ()  # each key's last refresh, where it has one

    def failures(self) -> dict[str, str]:
        return failed_exchanges(self.refreshes)

    @property
    def total_usd_value(self) -> Decimal:
        return sum((w.total_usd_value for w in self.wallets), Decimal("0E-8"))

    @property
    def last_updated(self) -> datetime | None:
        return max((w.last_updated for w in self.wallets), default=None)


LOCAL_USER = User(id="local", email="local@walletdesk.invalid", name="Local profile")
"""The profile WalletDesk runs as when Clerk sign-in is not configured."""
