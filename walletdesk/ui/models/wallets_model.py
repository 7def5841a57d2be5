"""The wallets table: one row per exchange wallet, with the last refresh's error if any."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtGui import QIcon

from walletdesk.core.exchange_names import display_name
from walletdesk.core.models import Wallet
from walletdesk.ui.formatting import Formatter, age
from walletdesk.ui.models.check_status import CheckLevel
from walletdesk.ui.models.icons import status_icon
from walletdesk.ui.models.record_model import Column, RecordTableModel


@dataclass(frozen=True, slots=True)
class WalletRow:
    wallet: Wallet
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
                                         f"({age(r.wallet.last_updated)})",
               lambda r: r.wallet.last_updated),
        Column("Last refresh",
               lambda r: f"Failed, showing previous balances: {r.error}" if r.error else "OK",
               lambda r: r.error or "", tooltip=lambda r: r.error),
    ]


class WalletsModel(RecordTableModel[WalletRow]):
    def __init__(self, fmt: Formatter, parent: Any = None) -> None:
        super().__init__(wallet_columns(fmt), parent)
        self._errors: dict[str, str] = {}

    def set_wallets(self, wallets: tuple[Wallet, ...] | list[Wallet]) -> None:
        self.set_rows([WalletRow(w, self._errors.get(w.exchange)) for w in wallets])

    def set_errors(self, refreshed: set[str] | None, errors: dict[str, str]) -> None:
        """Record a refresh's errors per exchange; ``refreshed`` names the exchanges it
        covered (None: all), whose old errors are forgotten."""
        kept = {} if refreshed is None else {
            name: text for name, text in self._errors.items() if name not in refreshed}
        self._errors = kept | errors
        self.set_wallets([row.wallet for row in self.rows()])
