"""Holdings fold into one amount per asset; zero ones vanish; odd symbols are refused."""

from __future__ import annotations

from decimal import Decimal

import pytest

from walletdesk.core.errors import ExchangeResponseError
from walletdesk.core.models import AssetAmount
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
    assert folded == [AssetAmount("BTC", Decimal("0.1"), Decimal("0.50000001"))]


@pytest.mark.parametrize("symbol", ["", "<script>", "A" * 21, "BTC USD"])
def test_an_odd_symbol_is_refused(symbol: str) -> None:
    with pytest.raises(ExchangeResponseError, match="invalid symbol"):
        fold([Holding(symbol, "spot", Decimal(1), Decimal(0))], "OKX")


def test_a_sum_too_large_to_store_is_refused() -> None:
    huge = Decimal("9999999999")
    with pytest.raises(ExchangeResponseError, match="too large"):
        fold([Holding("X", "spot", huge, Decimal(0)), Holding("X", "earn", huge, Decimal(0))], "")
