"""History through real refreshes: one point per refresh, failures add no value of their own."""

from __future__ import annotations

import sqlite3
from decimal import Decimal

from tests.controllers.desk import Desk
from tests.controllers.test_portfolio_refresh import add_binance, add_mexc
from tests.exchange_server import Fault


def test_three_refreshes_at_changing_prices_give_three_portfolio_and_asset_points(
        desk: Desk) -> None:
    add_mexc(desk, {"BTC": "0.5", "USDT": "10"})
    add_binance(desk, {"BTC": "0.25"})
    for price in ("60000", "61000.5", "59999.9"):
        desk.mexc.set_prices({"BTCUSDT": price})
        desk.binance.set_prices({"BTCUSDT": price})
        assert all(o.ok for o in desk.portfolio.refresh())
    points = desk.history.portfolio_points()
    assert [p.total_usd_value for p in points] == [
        Decimal("45010.00000000"), Decimal("45760.37500000"), Decimal("45009.92500000")]
    assert [p.at for p in points] == sorted(p.at for p in points)
    btc = desk.history.asset_points("btc")
    assert [(p.asset, p.total, p.usd_value) for p in btc] == [
        ("BTC", Decimal("0.75"), Decimal("45000")),
        ("BTC", Decimal("0.75"), Decimal("45750.375")),
        ("BTC", Decimal("0.75"), Decimal("44999.925")),
    ]
    assert [p.at for p in btc] == [p.at for p in points]
    assert points[-1].total_usd_value == desk.portfolio.portfolio().total_usd_value


def test_a_failed_refresh_adds_no_point_of_its_own(desk: Desk) -> None:
    add_mexc(desk, {"BTC": "1"})
    desk.mexc.set_prices({"BTCUSDT": "100"})
    desk.portfolio.refresh()
    before = desk.history.portfolio_points()
    desk.mexc.set_prices({"BTCUSDT": "200"})
    desk.mexc.inject(Fault.SERVER_ERROR, times=None, status=503)
    [outcome] = desk.portfolio.refresh()
    assert not outcome.ok
    assert desk.history.portfolio_points() == before


def test_when_one_exchange_fails_its_last_known_value_stands(desk: Desk) -> None:
    add_mexc(desk, {"BTC": "1"})
    add_binance(desk, {"BTC": "2"})
    desk.mexc.set_prices({"BTCUSDT": "100"})
    desk.binance.set_prices({"BTCUSDT": "100"})
    desk.portfolio.refresh()
    desk.mexc.set_prices({"BTCUSDT": "150"})
    desk.binance.set_prices({"BTCUSDT": "150"})
    desk.mexc.inject(Fault.INVALID_KEY, times=None)
    desk.portfolio.refresh()
    assert [p.total_usd_value for p in desk.history.portfolio_points()] == [
        Decimal("300"), Decimal("400")]  # MEXC's 100 stands beside Binance's new 300
    assert [p.total_usd_value for p in desk.history.portfolio_points("mexc")] == [Decimal(100)]


def test_a_removed_key_leaves_its_history_until_the_user_deletes_it(desk: Desk) -> None:
    mexc_id = add_mexc(desk, {"BTC": "1"})
    add_binance(desk, {"ETH": "1"})
    desk.portfolio.refresh()
    desk.credentials.remove(mexc_id)
    points = desk.history.portfolio_points()
    assert [p.total_usd_value for p in points] == [
        Decimal("68000.5"), Decimal("3000")]  # the MEXC wallet left the portfolio
    assert desk.history.exchanges() == ["BINANCE", "MEXC"]
    assert [p.total_usd_value for p in desk.history.portfolio_points("MEXC")] == [
        Decimal("65000.5"), Decimal("0")]
    assert desk.history.delete("mexc") == 2
    assert desk.history.exchanges() == ["BINANCE"]
    assert [p.total_usd_value for p in desk.history.portfolio_points()] == [Decimal("3000")]


def test_the_snapshot_is_written_in_the_wallet_s_transaction(desk: Desk) -> None:
    add_mexc(desk, {"BTC": "1"})
    desk.portfolio.refresh()
    with sqlite3.connect(desk.database.path) as raw:
        raw.execute("DROP TABLE history_balances")  # the snapshot's write must fail
    desk.mexc.set_prices({"BTCUSDT": "1"})
    [outcome] = desk.portfolio.refresh()
    assert not outcome.ok
    [balance] = desk.portfolio.balances()
    assert balance.usd_value == Decimal("65000.5")  # the wallet write was rolled back too
