"""USD valuation: stablecoins at 1, then USDT, USDC and BTC routes; unpriced is never silent.

Each amount is valued as a refresh values it (``tests/refresh_values.py``): rounded to 8
places as it enters the fold, its value rounded to 8 places once."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

import pytest

from tests.refresh_values import Valued, refreshed
from walletdesk.core.models import AssetAmount
from walletdesk.pricing import USD_STABLECOINS


def amount(asset: str, free: str, locked: str = "0") -> AssetAmount:
    return AssetAmount(asset=asset, free=Decimal(free), locked=Decimal(locked))


def values(amounts: Iterable[AssetAmount], prices: dict[str, Decimal]) -> list[Valued]:
    return list(refreshed(amounts, prices).values())


def usd(asset: str, prices: dict[str, str], free: str = "2") -> tuple[Decimal, bool]:
    (valued,) = values([amount(asset, free)], {k: Decimal(v) for k, v in prices.items()})
    return valued.usd_value, valued.priced


@pytest.mark.parametrize("coin", sorted(USD_STABLECOINS - {"USD", "USDT"}))
def test_stablecoins_take_their_own_ticker(coin: str) -> None:
    assert usd(coin, {f"{coin}USDT": "0.97"}) == (Decimal("1.94000000"), True)


@pytest.mark.parametrize("coin", sorted(USD_STABLECOINS))
def test_stablecoins_without_a_ticker_fall_back_to_one_dollar(coin: str) -> None:
    assert usd(coin, {"BTCUSDT": "65000"}) == (Decimal("2.00000000"), True)


def test_usdt_is_the_reference_whatever_other_tickers_say() -> None:
    assert usd("USDT", {"USDTUSD": "0.98", "USDTUSDC": "1.01"}) == (Decimal("2.00000000"), True)


def test_a_usd_pair_comes_before_usdt() -> None:
    assert usd("BTC", {"BTCUSD": "64000", "BTCUSDT": "65000"}) == (Decimal("128000.00000000"),
                                                                  True)


def test_fiat_quoted_the_other_way_is_inverted_and_rounded_once() -> None:
    # 1000 / 38.1 = 26.246719160104986...: one rounding, of the value itself.
    (valued,) = values([amount("TRY", "1000")], {"USDTTRY": Decimal("38.1")})
    assert (valued.usd_value, valued.priced, valued.route) == (
        Decimal("26.24671916"), True, "USDTTRY inverted")


def test_each_value_keeps_its_route() -> None:
    prices = {k: Decimal(v) for k, v in
              {"ETHBTC": "0.05", "BTCUSDT": "60000", "ARBUSDC": "0.8", "USDCUSDT": "0.99"}.items()}
    routes = [v.route for v in values(
        [amount("ETH", "1"), amount("ARB", "10"), amount("VEN", "1")], prices)]
    assert routes == ["ETHBTC x BTCUSDT", "ARBUSDC x USDCUSDT", ""]


def test_a_priced_dust_amount_worth_nothing_is_still_priced() -> None:
    assert usd("SHIB", {"SHIBUSDT": "0.00001"}, free="0.00000001") == (Decimal("0E-8"), True)


def test_usdt_pair_comes_first() -> None:
    assert usd(
        "ETH", {"ETHUSDT": "3000", "ETHUSDC": "3100", "ETHBTC": "0.05", "BTCUSDT": "70000"}
    ) == (Decimal("6000.00000000"), True)


def test_usdc_pair_is_used_when_there_is_no_usdt_pair() -> None:
    assert usd("ARB", {"ARBUSDC": "0.8125"}) == (Decimal("1.62500000"), True)


def test_btc_pair_is_valued_through_btcusdt() -> None:
    assert usd("RVN", {"RVNBTC": "0.00000031", "BTCUSDT": "64250.10"}, free="15000") == (
        Decimal("298.76296500"),
        True,
    )


def test_btc_pair_without_a_btc_price_is_unpriced() -> None:
    assert usd("RVN", {"RVNBTC": "0.00000031"}) == (Decimal("0E-8"), False)


def test_zero_price_is_no_route() -> None:
    assert usd("OLD", {"OLDUSDT": "0", "OLDUSDC": "1.5"}) == (Decimal("3.00000000"), True)


def test_asset_without_any_route_is_unpriced_with_zero_value() -> None:
    assert usd("VEN", {"BTCUSDT": "65000"}) == (Decimal("0E-8"), False)


def test_value_counts_locked_amounts_and_rounds_once_at_the_end() -> None:
    # 1 + 3 units x 0.6 = 2.4 -> 2 units (once); valuing free alone gives 1, and rounding
    # each part's value 1 + 2 = 3.
    (valued,) = values([amount("X", "0.00000001", "0.00000003")],
                               {"XUSDT": Decimal("0.6")})
    assert valued.usd_value == Decimal("0.00000002")


def test_the_value_is_of_the_amounts_as_stored() -> None:
    # Each amount is rounded to 8 places first: 0.33333333 + 0.33333333 = 0.66666666 x 3
    (valued,) = values([amount("X", "0.333333333", "0.333333333")], {"XUSDT": Decimal("3")})
    assert (valued.free, valued.locked) == (Decimal("0.33333333"), Decimal("0.33333333"))
    assert valued.usd_value == Decimal("1.99999998")


def test_rounding_is_half_even() -> None:
    assert usd("X", {"XUSDT": "0.000000005"}, free="1")[0] == Decimal("0E-8")
    assert usd("X", {"XUSDT": "0.000000015"}, free="1")[0] == Decimal("2E-8")


def test_values_are_rounded_to_eight_places() -> None:
    (valued,) = values([amount("BTC", "0.1")], {"BTCUSDT": Decimal("65000.123456789")})
    assert valued.usd_value == Decimal("6500.01234568")


def test_value_too_large_to_store_is_shown_as_unpriced() -> None:
    assert usd("SCAM", {"SCAMUSDT": "99999999999999"}, free="1000") == (Decimal("0E-8"), False)


def test_ten_thousand_assets_are_valued_along_each_route() -> None:
    """(How fast: tests/benchmarks/bench_large_tables.py values an account of 10,000.)"""
    amounts = [amount(f"A{n}", "1.5") for n in range(10_000)]
    prices = {f"A{n}USDT": Decimal("2") for n in range(0, 10_000, 3)}
    prices |= {f"A{n}BTC": Decimal("0.0001") for n in range(1, 10_000, 3)}
    prices["BTCUSDT"] = Decimal("65000")
    valued = values(amounts, prices)
    assert sum(v.priced for v in valued) == 6667
    assert valued[1].usd_value == Decimal("9.75000000")


def test_an_exchange_that_quotes_usd_is_valued_by_its_usd_pair_first() -> None:
    amounts = [
        AssetAmount("BTC", Decimal("2"), Decimal("0")),
        AssetAmount("EUR", Decimal("10"), Decimal("0")),
    ]
    prices = {"BTCUSD": Decimal("65000"), "BTCUSDT": Decimal("65100"), "EURUSD": Decimal("1.08")}
    btc, eur = values(amounts, prices)
    assert btc.usd_value == Decimal("130000.00000000")
    assert (eur.usd_value, eur.priced) == (Decimal("10.80000000"), True)


def test_a_route_through_itself_is_no_route_whichever_asset_is_valued_first() -> None:
    """BTC via BTCUSDC x USDC, and USDC via USDCBTC x BTC: each is looked up inside the other
    (this recursed without end). Only routes that do not pass through the asset count: USDC's
    BTC route needs USDC's own price, so USDC falls back to $1, and BTC is BTCUSDC x $1."""
    prices = {"BTCUSDC": Decimal("60000"), "USDCBTC": Decimal("0.00002")}
    btc = amount("BTC", "1")
    usdc = amount("USDC", "10")
    first = refreshed([btc, usdc], prices)
    second = refreshed([usdc, btc], prices)
    assert first == second
    assert (first["BTC"].usd_value, first["BTC"].route) == (Decimal("60000.00000000"),
                                                            "BTCUSDC")
    assert (first["USDC"].usd_value, first["USDC"].route) == (
        Decimal("10.00000000"), "USDC at $1 (no ticker of its own)")
