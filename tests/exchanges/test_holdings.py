"""Holdings fold into one amount per (asset, place); zero ones vanish; what cannot be
stored is left out alone and named."""

from __future__ import annotations

from decimal import Decimal

import pytest

from walletdesk.core.models import AssetAmount, Holdings
from walletdesk.exchanges.holdings import Holding, fold


def test_places_of_one_asset_are_summed_exactly_and_zero_ones_dropped() -> None:
    folded = fold(
        [
            Holding("BTC", "spot", Decimal("0.1"), Decimal("0.2")),
            Holding("ETH", "spot", Decimal("0"), Decimal("0")),
            Holding("BTC", "staked", Decimal("0"), Decimal("0.30000001")),
        ],
        "Kraken",
    )
    assert folded == Holdings((
        AssetAmount("BTC", Decimal("0.1"), Decimal("0.2"), "spot"),
        AssetAmount("BTC", Decimal("0"), Decimal("0.30000001"), "staked"),
    ))


@pytest.mark.parametrize("symbol", ["", "A" * 21, "BTC USD", "X\x00"])
def test_a_symbol_that_cannot_be_stored_is_left_out_alone(symbol: str) -> None:
    folded = fold([Holding(symbol, "spot", Decimal(1), Decimal(0)),
                   Holding("BTC", "spot", Decimal(1), Decimal(0))], "OKX")
    assert [a.asset for a in folded] == ["BTC"]
    assert "cannot be stored" in folded.left_out[0].reason


def test_a_printable_symbol_is_kept_as_sent() -> None:
    assert [a.asset for a in fold([Holding("<script>", "spot", Decimal(1), Decimal(0))], "")] \
        == ["<script>"]


def test_an_amount_too_large_to_store_leaves_that_asset_out_alone() -> None:
    huge = Decimal("99999999999")
    folded = fold([Holding("X", "spot", huge, Decimal(0)), Holding("X", "earn", Decimal(1),
                   Decimal(0)), Holding("Y", "spot", Decimal(2), Decimal(0))], "")
    assert [a.asset for a in folded] == ["Y"]
    assert [str(lost) for lost in folded.left_out] == [
        "X: 99,999,999,999 is more than WalletDesk can store"]
