"""The wallets table: one row per exchange wallet, with the last refresh's error if any."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import datetime
from decimal import Decimal
from typing import Any

from PySide6.QtGui import QIcon

from walletdesk.controllers.freshness import FailedRefreshes, age
from walletdesk.core.currency import AS_STORED, ShownCurrency
from walletdesk.core.models import Wallet
from walletdesk.exchanges.catalog import display_name
from walletdesk.ui.formatting import Formatter
from walletdesk.ui.models.check_status import CheckLevel
from walletdesk.ui.models.icons import status_icon
from walletdesk.ui.models.record_model import Column, RecordTableModel


@dataclass(frozen=True, slots=True)
class WalletRow:
    wallet: Wallet
    now: datetime  # when the row was last shown: ages are recomputed on a timer
    error: str | None = None  # the last refresh failed: the numbers shown are the previous ones
    stored: bool = True  # False: a key of this exchange exists, but nothing was stored yet
    shown: ShownCurrency = AS_STORED  # what the total is shown in
    value: Decimal | None = None  # the total in ``shown``, converted once; None: the USD

    @property
    def shown_total(self) -> Decimal:
        return self.wallet.total_usd_value if self.value is None else self.value


def in_currency(row: WalletRow, shown: ShownCurrency) -> WalletRow:
    value = shown.of(row.wallet.total_usd_value) if shown.rate else None
    return replace(row, shown=shown, value=value)


def _error_icon(row: WalletRow) -> QIcon | None:
    return status_icon(CheckLevel.WARNING) if row.error or not row.stored else None


def _stored(text: Callable[[WalletRow], str]) -> Callable[[WalletRow], str]:
    return lambda r: text(r) if r.stored else "—"


def _last_refresh(row: WalletRow) -> str:
    if row.error:
        shown = "showing previous balances" if row.stored else "nothing stored yet"
        return f"Failed, {shown}: {row.error}"
    return "OK" if row.stored else "Not refreshed yet: press Refresh (Ctrl+R)"


def _total_tooltip(fmt: Formatter) -> Callable[[WalletRow], str | None]:
    def tooltip(row: WalletRow) -> str | None:
        if not row.stored:
            return None
        usd = fmt.exact(row.wallet.total_usd_value)
        if row.value is None:
            return usd
        return f"{fmt.exact(row.value)} {row.shown.code}\n= {usd} USD"
    return tooltip


TOTAL_COLUMN = 1


def wallet_columns(fmt: Formatter) -> list[Column[WalletRow]]:
    return [
        Column("Exchange", lambda r: display_name(r.wallet.exchange), lambda r: r.wallet.exchange,
               icon=_error_icon),
        # Sorted by the stored USD total in every currency: one rate keeps the order.
        Column("Total USD", _stored(lambda r: fmt.money(r.shown_total, r.shown.code)),
               lambda r: r.wallet.total_usd_value, tooltip=_total_tooltip(fmt), numeric=True),
        Column("Assets", _stored(lambda r: str(r.wallet.asset_count)),
               lambda r: r.wallet.asset_count, numeric=True),
        Column("Last updated", lambda r: f"{fmt.when(r.wallet.last_updated)} "
                                         f"({age(r.wallet.last_updated, r.now)})"
               if r.stored else "Never", lambda r: r.wallet.last_updated),
        Column("Last refresh", _last_refresh, lambda r: r.error or "",
               tooltip=_last_refresh),
    ]


class WalletsModel(RecordTableModel[WalletRow]):
    def __init__(self, fmt: Formatter, parent: Any = None) -> None:
        super().__init__(wallet_columns(fmt), parent)
        self._currency = AS_STORED

    def set_currency(self, shown: ShownCurrency) -> None:
        """Totals in the display currency (converted here, once per row, not per paint)."""
        self._currency = shown
        self.rename(TOTAL_COLUMN, f"Total {shown.code}")
        self.update_rows(lambda row: in_currency(row, shown))

    def set_wallets(self, wallets: Iterable[Wallet], failures: FailedRefreshes,
                    now: datetime, keys_of: Iterable[str] = ()) -> None:
        """``keys_of``: exchanges that have a key; one without a stored wallet gets a row
        too, saying it was not refreshed yet (or why its refresh failed)."""
        stored = list(wallets)
        have = {w.exchange for w in stored}
        waiting = [Wallet(id=-1, exchange=name, total_usd_value=Decimal(0), last_updated=now,
                          asset_count=0) for name in sorted(set(keys_of) - have)]
        shown = self._currency
        self.set_rows([in_currency(WalletRow(w, now, failures.error(w.exchange)), shown)
                       for w in stored]
                      + [WalletRow(w, now, failures.error(w.exchange), stored=False)
                         for w in waiting])

    def exchange_at(self, row: int) -> str:
        return self.row_record(row).wallet.exchange


    def show_time(self, now: datetime) -> None:
        self.update_rows(lambda row: replace(row, now=now))
