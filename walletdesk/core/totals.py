"""The portfolio total, with the offline demo's sample money kept apart from real money.

The demo exchange's balances are invented: added to real balances they would make a
total that is neither, so every total a user sees (header, chart, CLI) comes from here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal

from walletdesk.core.models import Balance, Wallet
from walletdesk.core.money import ZERO
from walletdesk.core.sample import is_sample


@dataclass(frozen=True, slots=True)
class Totals:
    real: Decimal  # every real exchange's balances
    demo: Decimal  # the offline demo's sample balances
    real_rows: int  # how many balances (or wallets) each total adds up
    demo_rows: int

    @property
    def demo_only(self) -> bool:
        return self.demo_rows > 0 and self.real_rows == 0

    @property
    def shown(self) -> Decimal:
        """The total to show as *the* total: the real one, or the demo's when that is all."""
        return self.demo if self.demo_only else self.real


def split_totals(balances: Iterable[Balance]) -> Totals:
    return _split((b.exchange, b.usd_value) for b in balances)


def wallet_totals(wallets: Iterable[Wallet]) -> Totals:
    return _split((w.exchange, w.total_usd_value) for w in wallets)


def counted_in_total(exchanges: Iterable[str]) -> Callable[[str], bool]:
    """Which of these exchanges' money makes *the* total (``Totals.shown``): the real ones,
    or the demo's when it is all there is. For sums made elsewhere (the history series)."""
    demo_only = _split((name, ZERO) for name in exchanges).demo_only
    return lambda exchange: is_sample(exchange) == demo_only


def _split(values: Iterable[tuple[str, Decimal]]) -> Totals:
    real = demo = ZERO
    real_rows = demo_rows = 0
    for exchange, usd in values:
        if is_sample(exchange):
            demo += usd
            demo_rows += 1
        else:
            real += usd
            real_rows += 1
    return Totals(real, demo, real_rows, demo_rows)
