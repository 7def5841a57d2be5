"""The header's numbers and the allocation chart's slices."""

from __future__ import annotations

from decimal import Decimal

from tests.ui.samples import T0, balance, mixed_balances, portfolio_of
from walletdesk.core.balance_table import BalanceTable
from walletdesk.core.portfolio_summary import OTHER, allocation, summarise


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


def test_demo_money_is_kept_out_of_the_real_total_and_the_chart() -> None:
    balances = [balance("MEXC", "BTC", "1", usd="50"), balance("DEMO", "BTC", "1", usd="30000"),
                balance("DEMO", "DOGE", "1", usd="900")]
    summary = summarise(portfolio_of(balances))
    assert summary.total_usd == Decimal(50) and summary.totals.demo == Decimal(30900)
    assert summary.totals.demo_rows == 1  # the demo wallet
    assert [(s.label, s.usd_value) for s in summary.slices] == [("BTC", Decimal(50))]


def test_a_demo_only_portfolio_shows_the_demo_total_and_chart() -> None:
    summary = summarise(portfolio_of([balance("DEMO", "BTC", "1", usd="300")]))
    assert summary.total_usd == Decimal(300) and summary.totals.demo_only
    assert [s.label for s in summary.slices] == ["BTC"]


def test_mixed_sample_totals_add_up(  # every balance is counted once, real or demo
) -> None:
    portfolio = portfolio_of(mixed_balances())
    totals = summarise(portfolio).totals
    assert totals.real + totals.demo == sum((b.usd_value for b in mixed_balances()), Decimal(0))
    assert summarise(portfolio).last_updated == T0


def test_allocation_breaks_ties_by_name_not_by_table_order() -> None:
    # Equal values at the cut: the first by name make the chart, whatever order the table
    # holds them in, and the largest stays first.
    balances = [balance("MEXC", name, "1", usd="5") for name in ("ZEC", "YFI", "XRP", "WLD")]
    balances.append(balance("MEXC", "BTC", "1", usd="9"))
    slices = allocation(BalanceTable.of(balances), top=3)
    assert [s.label for s in slices] == ["BTC", "WLD", "XRP", OTHER]
    assert slices[-1].usd_value == Decimal(10)
