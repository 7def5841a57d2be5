"""The wallets table: one row per exchange wallet, with the last refresh's error if any."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from PySide6.QtGui import QIcon

from walletdesk.core.models import Wallet
from walletdesk.exchanges.catalog import display_name
from walletdesk.ui.formatting import Formatter
from walletdesk.ui.freshness import FailedRefreshes, age
from walletdesk.ui.models.check_status import CheckLevel
from walletdesk.ui.models.icons import status_icon
from walletdesk.ui.models.record_model import Column, RecordTableModel


@dataclass(frozen=True, slots=True)
class WalletRow:
    wallet: Wallet
    now: datetime  # when the row was last shown: ages are recomputed on a timer
    error: str | None = None  # the last refresh failed: the numbers shown are the previous ones


def _error_icon(row: WalletRow) -> QIcon | None:
    return status_icon(CheckLevel.WARNING) if row.error else None


def wallet_columns(fmt: Formatter) -> list[Column[WalletRow]]:
    return [
        Column("Exchange", lambda r: display_name(r.wallet.exchange), lambda r: r.wallet.exchange,
               icon=_error_icon),
        Column("Total USD", lambda r: fmt.usd(r.wallet.total_usd_value),
               lambda r: r.wallet.total_usd_value,
               tooltip=lambda r: fmt.exact(r.wallet.total_usd_value), numeric=True),
        Column("Assets", lambda r: str(r.wallet.asset_count), lambda r: r.wallet.asset_count,
               numeric=True),
        Column("Last updated", lambda r: f"{fmt.when(r.wallet.last_updated)} "
                                         f"({age(r.wallet.last_updated, r.now)})",
               lambda r: r.wallet.last_updated),
        Column("Last refresh",
               lambda r: f"Failed, showing previous balances: {r.error}" if r.error else "OK",
               lambda r: r.error or "", tooltip=lambda r: r.error),
    ]


class WalletsModel(RecordTableModel[WalletRow]):
    def __init__(self, fmt: Formatter, parent: Any = None) -> None:
        super().__init__(wallet_columns(fmt), parent)

    def set_wallets(self, wallets: Iterable[Wallet], failures: FailedRefreshes,
                    now: datetime) -> None:
        self.set_rows([WalletRow(w, now, failures.error(w.exchange)) for w in wallets])


    def show_time(self, now: datetime) -> None:
        self.update_rows(lambda row: replace(row, now=now))
