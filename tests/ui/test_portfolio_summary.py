"""The header's numbers and the allocation chart's slices."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from tests.ui.samples import T0, balance, mixed_balances, portfolio_of
from walletdesk.core.balance_table import BalanceTable
from walletdesk.ui.portfolio_summary import OTHER, allocation, summarise


def test_allocation_sums_each_asset_across_exchanges_then_groups_the_rest() -> None:
    balances = [balance("MEXC", "BTC", "1", usd="50"), balance("BINANCE", "BTC", "1", usd="30"),
                balance("MEXC", "ETH", "1", usd="10")] + [
                balance("MEXC", f"X{i}", "1", usd="1") for i in range(10)]
    slices = allocation(BalanceTable.of(balances), top=3)
    assert [s.label for s in slices] == ["BTC", "ETH", "X0", OTHER]
    assert slices[0].usd_value == Decimal(80)
    assert slices[-1].usd_value == Decimal(9)
    assert sum(s.share for s in slices) == Decimal(1)


def test_allocation_is_empty_without_valued_balances() -> None:
    assert allocation(BalanceTable.of([balance("MEXC", "VEN", "1", priced=False)])) == ()


def test_summary_marks_stale_data_and_demo_wallets() -> None:
    portfolio = portfolio_of(mixed_balances())
    fresh = summarise(portfolio, now=T0 + timedelta(minutes=5))
    assert not fresh.stale
    assert fresh.has_demo
    assert summarise(portfolio, now=T0 + timedelta(hours=2)).stale
    assert fresh.total_usd == sum((b.usd_value for b in mixed_balances()), Decimal(0))
