"""The refresh's fast path (fold and value in integer units, ``Fold.stored``) against the slow
rules it stands for: each part rounded to 8 places and summed as ``Decimal``s, an asset left
out when a sum does not fit DECIMAL(18,8), valued and put in the store's form by the
reference rules (``tests/reference``). Both must give the very same rows, routes and parts."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.reference.stored_form import stored_wallet
from tests.reference.valuation import value_balances
from walletdesk.controllers.wallet_fold import fold
from walletdesk.core.errors import AmountOutOfRangeError
from walletdesk.core.models import AssetAmount, BalanceSource, Holdings, LeftOut
from walletdesk.core.money import fits, quantize8
from walletdesk.core.stored_wallet import StoredWallet
from walletdesk.exchanges.holdings import too_large_reason

ASSETS = ("BTC", "ETH", "TRY", "USDT", "USDC", "TUSD", "DUST", "X")
QUOTES = ("USD", "USDT", "USDC", "BTC")

# Up to 10 places (so rounding happens), up to the largest amount a part may have: three
# keys of such parts add up past DECIMAL(18,8).
amounts = st.one_of(
    st.decimals(min_value=0, max_value=Decimal("9999999999.99999999"), places=10),
    st.decimals(min_value=0, max_value=1, places=10),
    st.just(Decimal("0.000000004")),  # rounds to zero
    st.just(Decimal(0)),
    # Adapters derive some parts (Kraken's balance - locked, Bybit's total - free): an odd
    # answer can make one negative, and parts can then add up to zero.
    st.sampled_from([Decimal("-1"), Decimal("-0.5"), Decimal("1"), Decimal("0.5")]),
)
entries = st.lists(st.tuples(st.sampled_from(ASSETS), st.sampled_from(("spot", "earn", "funding")),
                             amounts, amounts), max_size=8)
holdings = st.dictionaries(st.sampled_from(("k1", "k2", "k3")), entries, min_size=1, max_size=3)
prices = st.one_of(
    st.decimals(min_value=0, max_value=10**6, places=6),
    st.decimals(min_value=Decimal("1E-12"), max_value=Decimal("0.001"), places=14),
    st.sampled_from([Decimal("38.1"), Decimal("3"), Decimal("7"), Decimal(10) ** 9]),
)
tickers = st.dictionaries(
    st.one_of(st.tuples(st.sampled_from(ASSETS), st.sampled_from(QUOTES)).map("".join),
              st.tuples(st.sampled_from(("USD", "USDT")), st.sampled_from(ASSETS)).map("".join)),
    prices, max_size=12)


def slow_rules(held: Mapping[str, Holdings], ticker: Mapping[str, Decimal]) -> tuple[
        StoredWallet, dict[str, tuple[LeftOut, ...]]]:
    parts: dict[tuple[str, str, str], tuple[Decimal, Decimal]] = {}
    for credential_id, holding in held.items():
        for asset, free, locked, place in holding.amounts:
            known = parts.get((credential_id, asset, place), (Decimal(0), Decimal(0)))
            parts[(credential_id, asset, place)] = (known[0] + quantize8(free),
                                                   known[1] + quantize8(locked))
    totals: dict[str, tuple[Decimal, Decimal]] = {}
    for (_, asset, _), (free, locked) in parts.items():
        known = totals.get(asset, (Decimal(0), Decimal(0)))
        totals[asset] = (known[0] + free, known[1] + locked)
    too_large = {asset: next(a for a in (free, locked, free + locked) if not fits(a))
                 for asset, (free, locked) in totals.items()
                 if not (fits(free) and fits(locked) and fits(free + locked))}
    left_out = {cid: list(h.left_out) for cid, h in held.items()}
    for credential_id, asset in dict.fromkeys((c, a) for c, a, _ in parts if a in too_large):
        left_out[credential_id].append(LeftOut(asset, too_large_reason(too_large[asset])))
    valued = value_balances([AssetAmount(asset, free, locked, "all")
                             for asset, (free, locked) in totals.items()
                             if asset not in too_large], ticker)
    sources = [BalanceSource(cid, asset, place, free, locked)
               for (cid, asset, place), (free, locked) in parts.items()
               if (free or locked) and asset not in too_large]
    return stored_wallet(valued, sources), {c: tuple(lost) for c, lost in left_out.items()}


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(holdings, tickers)
def test_folding_and_valuing_in_units_is_the_decimal_rules_exactly(
        given_holdings: dict[str, list[tuple[str, str, Decimal, Decimal]]],
        ticker: dict[str, Decimal]) -> None:
    held = {cid: Holdings(tuple(AssetAmount(asset, free, locked, place)
                                for asset, place, free, locked in entries),
                          (LeftOut("ODD", "named by the adapter"),))
            for cid, entries in given_holdings.items()}
    try:
        expected, expected_left_out = slow_rules(held, ticker)
    except AmountOutOfRangeError as slow_error:  # one key's place listed twice adds up past it
        with pytest.raises(AmountOutOfRangeError) as fast_error:
            fold(held).stored(ticker)
        assert fast_error.value.value == slow_error.value
        return
    folded = fold(held)
    stored = folded.stored(ticker)
    assert stored.rows == expected.rows
    assert stored.valuations == expected.valuations
    assert stored.parts == expected.parts
    assert folded.left_out == expected_left_out


def test_an_inverted_pair_and_a_half_unit_round_as_the_decimal_rule_does() -> None:
    """Examples the random ones may miss: a quotient to 28 digits, a value exactly half a unit
    (rounded to even), and a value past DECIMAL(18,8) (unpriced, as value_balances has it)."""
    held = {"k1": Holdings((AssetAmount("TRY", Decimal("1000"), Decimal(0)),
                            AssetAmount("DUST", Decimal("0.00000001"), Decimal(0)),
                            AssetAmount("X", Decimal("0.00000003"), Decimal(0)),
                            AssetAmount("ETH", Decimal("9999999999"), Decimal(0))))}
    ticker = {"USDTTRY": Decimal("38.1"), "DUSTUSDT": Decimal("0.5"), "XUSDT": Decimal("0.5"),
              "ETHUSDT": Decimal("3000")}
    stored = fold(held).stored(ticker)
    assert stored == slow_rules(held, ticker)[0]
    assert {a: usd for a, (_, _, _, usd) in stored.rows.items()} == {
        "TRY": 2624671916, "DUST": 0, "X": 2, "ETH": 0}
    assert stored.valuations == {("TRY", "USDTTRY inverted", True), ("DUST", "DUSTUSDT", True),
                                 ("X", "XUSDT", True)}  # ETH's value is out of range


def test_btc_and_usdc_through_each_other_are_valued_as_value_balances_values_them() -> None:
    """BTC via BTCUSDC x USDC, USDC via USDCBTC x BTC, BTC also via USDTBTC inverted: USDC's
    price inside BTC's lookup (no route through BTC: $1) is not USDC's price alone (via BTC
    inverted), so the fast path must look BTC up as PriceBook.price does."""
    held = {"k1": Holdings((AssetAmount("BTC", Decimal(1), Decimal(0)),
                            AssetAmount("USDC", Decimal(10), Decimal(0))))}
    ticker = {"BTCUSDC": Decimal(60000), "USDCBTC": Decimal("0.00002"),
              "USDTBTC": Decimal("0.00001")}
    stored = fold(held).stored(ticker)
    assert stored == slow_rules(held, ticker)[0]
    assert ("BTC", "BTCUSDC", True) in stored.valuations


def test_a_place_listed_twice_that_adds_up_to_nothing_keeps_no_part() -> None:
    """A part summed to zero from a place listed twice (+1 and -1: derived amounts of an odd
    answer) is no part, while the asset's row, held elsewhere, stays."""
    held = {"k1": Holdings((AssetAmount("BTC", Decimal(1), Decimal(0), "spot"),
                            AssetAmount("BTC", Decimal(-1), Decimal(0), "spot"),
                            AssetAmount("BTC", Decimal(1), Decimal(0), "earn")))}
    stored = fold(held).stored({})
    assert stored == slow_rules(held, {})[0]
    assert stored.parts == {("BTC", "k1", "earn", 100000000, 0)}


def test_a_place_listed_twice_past_decimal_18_8_is_refused_as_one_amount_is() -> None:
    """Its sum does not fit while the asset's total does (a negative part elsewhere): the
    Decimal rules refuse that part's amount, so the fast path does too."""
    held = {"k1": Holdings((AssetAmount("BTC", Decimal("9999999999.5"), Decimal(0), "spot"),
                            AssetAmount("BTC", Decimal("0.5"), Decimal(0), "spot"),
                            AssetAmount("BTC", Decimal(-1), Decimal(0), "earn")))}
    with pytest.raises(AmountOutOfRangeError):
        slow_rules(held, {})
    with pytest.raises(AmountOutOfRangeError):
        fold(held).stored({})


def test_an_asset_whose_total_is_zero_gets_no_row() -> None:
    """Nothing, dust that rounds to nothing, and parts that add up to nothing: only ETH is
    stored (a wallet never stores a zero total)."""
    held = {"k1": Holdings((AssetAmount("BTC", Decimal(0), Decimal(0)),
                            AssetAmount("DUST", Decimal("0.000000004"), Decimal(0)),
                            AssetAmount("ETH", Decimal(0), Decimal(1)),
                            AssetAmount("NEG", Decimal(-1), Decimal(1))))}
    stored = fold(held).stored({})
    assert stored.rows == {"ETH": (0, 100000000, 100000000, 0)}
    assert stored.parts == {("ETH", "k1", "spot", 0, 100000000)}


def test_an_asset_held_by_two_keys_and_in_two_places_is_added_up() -> None:
    held = {"k1": Holdings((AssetAmount("BTC", Decimal(1), Decimal("0.1"), "spot"),
                            AssetAmount("BTC", Decimal(0), Decimal("0.2"), "earn"))),
            "k2": Holdings((AssetAmount("BTC", Decimal(2), Decimal(0), "spot"),))}
    stored = fold(held).stored({"BTCUSDT": Decimal(10)})
    assert stored.rows == {"BTC": (300000000, 30000000, 330000000, 3300000000)}
    assert stored.parts == {("BTC", "k1", "spot", 100000000, 10000000),
                            ("BTC", "k1", "earn", 0, 20000000),
                            ("BTC", "k2", "spot", 200000000, 0)}


@pytest.mark.parametrize(("free", "locked"), [
    ("9999999999.99999999", "1"),
    ("9999999999.5", "0.5"),  # exactly 10 digits: the first that does not fit
    ("-9999999999.5", "-0.5"),  # below zero too (derived amounts of an odd answer)
])
def test_an_asset_whose_total_does_not_fit_is_left_out_and_named(free: str,
                                                                  locked: str) -> None:
    """Free and locked each fit, their sum does not: that asset alone is left out (and named
    for the key), the rest is stored."""
    held = {"k1": Holdings((AssetAmount("BTC", Decimal(free), Decimal(locked)),
                            AssetAmount("ETH", Decimal(1), Decimal(0))))}
    folded = fold(held)
    assert set(folded.stored({}).rows) == {"ETH"}
    assert folded.left_out == {"k1": (LeftOut("BTC", too_large_reason(
        quantize8(Decimal(free)) + quantize8(Decimal(locked)))),)}


def test_amounts_that_cannot_be_stored_are_refused_as_the_first_one_in_their_order() -> None:
    """Each key's amounts are converted a column at once; where some do not convert (an
    adapter's derived amount past DECIMAL(18,8), say), the one refused is the first, as the
    Decimal rules, converting free then locked of each entry in turn, refuse it."""
    held = {"k1": Holdings((AssetAmount("BTC", Decimal(1), Decimal(0)),
                            AssetAmount("ETH", Decimal(2), Decimal("2E+10")),
                            AssetAmount("XRP", Decimal("3E+10"), Decimal(0))))}
    with pytest.raises(AmountOutOfRangeError) as slow_error:
        slow_rules(held, {})
    with pytest.raises(AmountOutOfRangeError) as fast_error:
        fold(held)
    assert fast_error.value.value == slow_error.value.value == Decimal("2E+10")


def test_two_keys_holding_other_assets_in_one_place_keep_each_key_s_parts() -> None:
    """One part per asset, all in spot, but of two keys: not one key's one place."""
    held = {"k1": Holdings((AssetAmount("BTC", Decimal(1), Decimal(0)),)),
            "k2": Holdings((AssetAmount("ETH", Decimal(2), Decimal(0)),))}
    stored = fold(held).stored({})
    assert stored == slow_rules(held, {})[0]
    assert stored.parts == {("BTC", "k1", "spot", 100000000, 0),
                            ("ETH", "k2", "spot", 200000000, 0)}
