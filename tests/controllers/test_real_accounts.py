"""Issue 12's cases through the real controllers, SQLite file and stand-in exchanges."""

from __future__ import annotations

from decimal import Decimal

from tests.controllers.desk import Desk
from tests.controllers.test_portfolio_refresh import add_mexc
from walletdesk.core.models import Balance


def by_asset(desk: Desk) -> dict[str, Balance]:
    return {b.asset: b for b in desk.portfolio.balances()}


def test_the_pepe_row_is_left_out_and_named_while_btc_on_the_same_key_is_refreshed(
    desk: Desk,
) -> None:
    add_mexc(desk, {"BTC": "0.5", "PEPE": "12345678901"})
    (outcome,) = desk.portfolio.refresh()
    assert outcome.ok and outcome.asset_count == 1
    assert outcome.notice == ("PEPE: 12,345,678,901 is more than WalletDesk can store; "
                              "the rest of MEXC was refreshed.")
    assert list(by_asset(desk)) == ["BTC"]


def test_a_sum_over_keys_past_decimal_18_8_leaves_out_that_asset_only(desk: Desk) -> None:
    add_mexc(desk, {"BTC": "1", "PEPE": "6000000000"}, label="a")
    add_mexc(desk, {"ETH": "2", "PEPE": "6000000000"}, label="b")
    outcomes = desk.portfolio.refresh()
    assert all(o.ok for o in outcomes)
    assert all("PEPE: 12,000,000,000 is more than" in (o.notice or "") for o in outcomes)
    assert sorted(by_asset(desk)) == ["BTC", "ETH"]


def test_a_sum_over_keys_of_exactly_ten_billion_is_left_out_and_one_unit_less_is_kept(
    desk: Desk,
) -> None:
    add_mexc(desk, {"PEPE": "5000000000", "DOGE": "4999999999.99999999"}, label="a")
    add_mexc(desk, {"PEPE": "5000000000", "DOGE": "5000000000"}, label="b")
    outcomes = desk.portfolio.refresh()
    assert all("PEPE: 10,000,000,000 is more than" in (o.notice or "") for o in outcomes)
    assert all("DOGE" not in (o.notice or "") for o in outcomes)
    assert {a: b.total for a, b in by_asset(desk).items()} == {
        "DOGE": Decimal("9999999999.99999999")}


def test_free_and_locked_that_fit_apart_but_not_together_leave_that_asset_out(
    desk: Desk,
) -> None:
    add_mexc(desk, {"BTC": "1", "PEPE": ("6000000000", "0")}, label="a")
    add_mexc(desk, {"PEPE": ("0", "5000000000")}, label="b")
    outcomes = desk.portfolio.refresh()
    assert all(o.ok for o in outcomes)
    assert all("PEPE: 11,000,000,000 is more than" in (o.notice or "") for o in outcomes)
    assert sorted(by_asset(desk)) == ["BTC"]


def test_sources_add_up_exactly_to_each_row(desk: Desk) -> None:
    first = add_mexc(desk, {"BTC": ("0.1", "0.200000005"), "ETH": "1"}, label="a")
    second = add_mexc(desk, {"BTC": ("0.3", "0.000000005")}, label="b")
    desk.portfolio.refresh()
    btc = by_asset(desk)["BTC"]
    parts = {s.credential_id: (s.place, s.free, s.locked) for s in btc.sources}
    assert parts == {first: ("spot", Decimal("0.1"), Decimal("0.2")),
                     second: ("spot", Decimal("0.3"), Decimal("0E-8"))}  # rounded once, to even
    assert sum(s.free for s in btc.sources) == btc.free
    assert sum(s.locked for s in btc.sources) == btc.locked == Decimal("0.2")
    assert btc.route == "BTCUSDT"


def test_free_and_locked_each_add_up_over_keys(desk: Desk) -> None:
    add_mexc(desk, {"BTC": ("0.1", "0.2")}, label="a")
    add_mexc(desk, {"BTC": ("0.3", "0.4")}, label="b")
    desk.portfolio.refresh()
    btc = by_asset(desk)["BTC"]
    assert (btc.free, btc.locked, btc.total) == (Decimal("0.4"), Decimal("0.6"), Decimal("1"))


def test_removing_one_of_two_keys_keeps_the_other_keys_balances(desk: Desk) -> None:
    first = add_mexc(desk, {"BTC": "1", "ETH": "2"}, label="a")
    add_mexc(desk, {"BTC": "0.25", "SOL": "4"}, label="b")
    desk.portfolio.refresh()
    before = by_asset(desk)
    desk.credentials.remove(first)
    after = by_asset(desk)
    assert sorted(after) == ["BTC", "SOL"]
    assert (after["BTC"].free, after["BTC"].total) == (Decimal("0.25"), Decimal("0.25"))
    assert after["SOL"] == before["SOL"]
    assert after["BTC"].usd_value == Decimal("16250.12500000")  # 0.25 x 65000.5
    (wallet,) = desk.portfolio.wallets()
    assert wallet.total_usd_value == after["BTC"].usd_value + after["SOL"].usd_value
    assert [s.credential_id for s in after["BTC"].sources] != [first]


def test_a_wallet_held_by_one_of_two_keys_loses_nothing_with_the_other(desk: Desk) -> None:
    """Every row wholly one key's spot part (the wallet is marked so, its parts not copied):
    the key that holds nothing goes without touching a row."""
    holder = add_mexc(desk, {"BTC": ("1", "0.5"), "ETH": "2"}, label="a")
    empty = add_mexc(desk, {}, label="b")
    desk.portfolio.refresh()
    before = by_asset(desk)
    assert {a: [(s.credential_id, s.place, s.free, s.locked) for s in b.sources]
            for a, b in before.items()} == {
        "BTC": [(holder, "spot", Decimal("1"), Decimal("0.5"))],
        "ETH": [(holder, "spot", Decimal("2"), Decimal("0"))]}
    desk.credentials.remove(empty)
    assert by_asset(desk) == before


def test_removing_the_key_that_holds_all_of_a_wallet_leaves_the_other_key_an_empty_one(
        desk: Desk) -> None:
    holder = add_mexc(desk, {"BTC": "1", "ETH": "2"}, label="a")
    add_mexc(desk, {}, label="b")
    desk.portfolio.refresh()
    desk.credentials.remove(holder)
    assert by_asset(desk) == {}
    (wallet,) = desk.portfolio.wallets()
    assert (wallet.asset_count, wallet.total_usd_value) == (0, Decimal("0"))


def test_removing_the_only_key_removes_the_wallet(desk: Desk) -> None:
    only = add_mexc(desk, {"BTC": "1"})
    desk.portfolio.refresh()
    desk.credentials.remove(only)
    assert desk.portfolio.wallets() == []


def test_try_is_priced_through_usdttry_inverted(desk: Desk) -> None:
    add_mexc(desk, {"TRY": "1000"})
    desk.mexc.set_prices({"USDTTRY": "38.1"})
    desk.portfolio.refresh()
    lira = by_asset(desk)["TRY"]
    assert (lira.usd_value, lira.priced, lira.route) == (
        Decimal("26.24671916"), True, "USDTTRY inverted")


def test_a_priced_dust_amount_worth_nothing_stays_priced(desk: Desk) -> None:
    add_mexc(desk, {"SHIB": "0.00000001", "VEN": "5"})
    desk.mexc.set_prices({"SHIBUSDT": "0.00001"})
    desk.portfolio.refresh()
    rows = by_asset(desk)
    assert (rows["SHIB"].usd_value, rows["SHIB"].priced) == (Decimal("0E-8"), True)
    assert (rows["VEN"].priced, rows["VEN"].route) == (False, "")
