"""The wallets table: one row per exchange wallet, with the last refresh's error if any."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import datetime
from decimal import Decimal
from typing import Any

from PySide6.QtGui import QIcon

from walletdesk.controllers.freshness import FailedRefreshes, age
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


def _error_icon(row: WalletRow) -> QIcon | None:
    return status_icon(CheckLevel.WARNING) if row.error or not row.stored else None


def _stored(text: Callable[[WalletRow], str]) -> Callable[[WalletRow], str]:
    return lambda r: text(r) if r.stored else "—"


def _last_refresh(row: WalletRow) -> str:
    if row.error:
        shown = "showing previous balances" if row.stored else "nothing stored yet"
        return f"Failed, {shown}: {row.error}"
    return "OK" if row.stored else "Not refreshed yet: press Refresh (Ctrl+R)"


def wallet_columns(fmt: Formatter) -> list[Column[WalletRow]]:
    return [
        Column("Exchange", lambda r: display_name(r.wallet.exchange), lambda r: r.wallet.exchange,
               icon=_error_icon),
        Column("Total USD", _stored(lambda r: fmt.usd(r.wallet.total_usd_value)),
               lambda r: r.wallet.total_usd_value,
               tooltip=lambda r: fmt.exact(r.wallet.total_usd_value) if r.stored else None,
               numeric=True),
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

    def set_wallets(self, wallets: Iterable[Wallet], failures: FailedRefreshes,
                    now: datetime, keys_of: Iterable[str] = ()) -> None:
        """``keys_of``: exchanges that have a key; one without a stored wallet gets a row
        too, saying it was not refreshed yet (or why its refresh failed)."""
        stored = list(wallets)
        have = {w.exchange for w in stored}
        waiting = [Wallet(id=-1, exchange=name, total_usd_value=Decimal(0), last_updated=now,
                          asset_count=0) for name in sorted(set(keys_of) - have)]
        self.set_rows([WalletRow(w, now, failures.error(w.exchange)) for w in stored]
                      + [WalletRow(w, now, failures.error(w.exchange), stored=False)
                         for w in waiting])

    def exchange_at(self, row: int) -> str:
        return self.row_record(row).wallet.exchange


    def show_time(self, now: datetime) -> None:
        self.update_rows(lambda row: replace(row, now=now))
