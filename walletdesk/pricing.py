"""USD valuation of exchange balances from that exchange's own ticker.

Route per asset, first match wins (``../shared/docs/exchanges.md``, "Valuing in USD"):

1. USD itself and USDT (the reference) are worth 1;
2. the asset's USD pair (``ASSETUSD``, where the exchange quotes USD), then ``ASSETUSDT``,
   then ``ASSETUSDC`` (times USDC's own price);
3. a pair quoted the other way, inverted: ``USDTTRY`` 38.1 gives TRY = 1 / 38.1;
4. via BTC: ``ASSETBTC`` x BTC's own USD price;
5. a USD stablecoin without a ticker of its own: 1, as a fallback only (``TUSDUSDT`` 0.9
   means 0.9).

A zero or negative price is no route. An asset without a route is unpriced (usd_value 0,
priced False), never silently worth 0; each valued balance keeps its route. Exact
``Decimal`` throughout (an inverted price to 28 significant digits); each value is rounded
to 8 places once, at the end.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import NamedTuple

from walletdesk.core.errors import WalletDeskError
from walletdesk.core.models import AssetAmount, ValuedBalance
from walletdesk.core.money import ZERO, quantize8

log = logging.getLogger(__name__)

USD_STABLECOINS = frozenset(
    {"USD", "USDT", "USDC", "FDUSD", "TUSD", "DAI", "USDP", "BUSD", "USD1", "PYUSD"}
)
ONE = Decimal(1)
_REFERENCES = frozenset({"USD", "USDT"})
_QUOTES = ("USD", "USDT", "USDC")
_UNKNOWN = object()  # not looked up yet (None is a looked-up asset without a price)


class Price(NamedTuple):  # a tuple: one per asset of a 10,000-asset account
    usd: Decimal
    route: str  # the tickers used: "ETHUSDT", "USDTTRY inverted", "ETHBTC x BTCUSDT"
    per_usd: Decimal | None = None  # an inverted pair's price: value = amount / per_usd

    def value_of(self, amount: Decimal) -> Decimal:
        """Exact where it can be; an inverted pair divides once (not 1 / p, then times)."""
        return amount / self.per_usd if self.per_usd is not None else amount * self.usd


class PriceBook:
    """Every asset's USD price from one ticker, each found once and remembered."""

    def __init__(self, tickers: Mapping[str, Decimal]) -> None:
        # A zero or negative price is no route: such tickers are left out once, here.
        self._tickers = {symbol: price for symbol, price in tickers.items() if price > 0}
        self._known: dict[str, Price | None] = {}

    def price(self, asset: str) -> Price | None:
        known = self._known.get(asset, _UNKNOWN)
        if known is _UNKNOWN:
            known = self._known[asset] = self._find(asset)
        return known  # type: ignore[return-value]

    def _find(self, asset: str) -> Price | None:
        if asset in _REFERENCES:
            return Price(ONE, f"{asset} = $1")
        direct = self._quoted(asset)
        if direct is not None:
            return direct
        inverted = self._inverted(asset)
        if inverted is not None:
            return inverted
        in_btc = self._tickers.get(asset + "BTC")
        btc = self.price("BTC") if asset != "BTC" else None
        if in_btc is not None and btc is not None:
            return Price(in_btc * btc.usd, f"{asset}BTC x {btc.route}")
        if asset in USD_STABLECOINS:
            return Price(ONE, f"{asset} at $1 (no ticker of its own)")
        return None

    def _quoted(self, asset: str) -> Price | None:
        tickers = self._tickers
        for quote in _QUOTES:
            price = tickers.get(asset + quote)
            if price is None:
                continue
            if quote == "USDC" and asset != "USDC":
                usdc = self.price("USDC")
                if usdc is None:
                    continue
                route = asset + quote if usdc.usd == ONE else f"{asset}{quote} x {usdc.route}"
                return Price(price * usdc.usd, route)
            return Price(price, asset + quote)
        return None

    def _inverted(self, asset: str) -> Price | None:
        for quote in ("USD", "USDT"):
            price = self._tickers.get(quote + asset)
            if price is not None:
                return Price(ONE / price, f"{quote}{asset} inverted", per_usd=price)
        return None


def value_balances(
    amounts: Iterable[AssetAmount], prices: Mapping[str, Decimal], *, folded: bool = False
) -> list[ValuedBalance]:
    """Each amount with its USD value and route, in the order given.

    ``folded``: the amounts are as ``controllers.wallet_fold.fold`` gives them (8 places,
    within DECIMAL(18,8)), so they are kept as they are instead of being rounded again."""
    book = PriceBook(prices)
    price = book.price
    if folded:
        return [_value(asset, free, locked, free + locked, price(asset))
                for asset, free, locked, _ in amounts]
    return [_value(asset, quantize8(free), quantize8(locked), free + locked, price(asset))
            for asset, free, locked, _ in amounts]


def _value(asset: str, free: Decimal, locked: Decimal, held: Decimal,
           price: Price | None) -> ValuedBalance:
    """``held``: the amount as given, valued before it is rounded (rounded once, at the end)."""
    if price is not None:
        try:
            usd_value = quantize8(price.value_of(held))
        except WalletDeskError:
            # Over ten billion dollars in one balance is a broken price, not a fortune.
            log.warning("Value of %s out of range; shown as unpriced", asset)
        else:
            return ValuedBalance(asset, free, locked, usd_value, True, price.route)
    return ValuedBalance(asset, free, locked, ZERO, False, "")
