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
from collections.abc import Mapping
from decimal import ROUND_HALF_EVEN, Decimal, InvalidOperation
from typing import NamedTuple

from walletdesk.core.money import LIMIT, SCALE
from walletdesk.core.stored_wallet import StoredAmounts, ValuationRow

log = logging.getLogger(__name__)

USD_STABLECOINS = frozenset(
    {"USD", "USDT", "USDC", "FDUSD", "TUSD", "DAI", "USDP", "BUSD", "USD1", "PYUSD"}
)
ONE = Decimal(1)
_REFERENCES = frozenset({"USD", "USDT"})
_DIRECT_QUOTES = ("USD", "USDT")  # then USDC, times USDC's own price
_UNKNOWN = object()  # not looked up yet (None is a looked-up asset without a price)
_MAX_UNITS = int(LIMIT) * SCALE
_ASKED_INSIDE = frozenset({"BTC", "USDC"})  # the assets _find asks the price of


class Price(NamedTuple):  # a tuple: one per asset of a 10,000-asset account
    usd: Decimal
    route: str  # the tickers used: "ETHUSDT", "USDTTRY inverted", "ETHBTC x BTCUSDT"
    per_usd: Decimal | None = None  # an inverted pair's price: value = amount / per_usd

    def units_value(self, units: int) -> int | None:
        """The value of an amount of ``units`` 1e-8 units, rounded half to even to 8 places,
        in units; None where that is out of range. The same digits as valuing the amount
        itself (amount x usd, or amount / per_usd for an inverted pair: it divides once): a
        product or quotient is rounded to the context's significant digits, which scaling
        the amount by 1e8 does not change, and rounding to units is rounding to 8 places,
        scaled (tests/reference/valuation.py is that rule, on ``Decimal`` amounts)."""
        value = units / self.per_usd if self.per_usd is not None else self.usd * units
        try:
            usd = int(value.quantize(ONE, ROUND_HALF_EVEN))
        except InvalidOperation:  # more digits than the context holds: far out of range
            return None
        return usd if -_MAX_UNITS < usd < _MAX_UNITS else None


class PriceBook:
    """Every asset's USD price from one ticker, each found once and remembered."""

    def __init__(self, tickers: Mapping[str, Decimal]) -> None:
        # A zero or negative price is no route: such tickers are left out once, here.
        self._tickers = {symbol: price for symbol, price in tickers.items() if price > 0}
        self._known: dict[str, Price | None] = {}  # prices that hold in any lookup
        self._alone: dict[str, Price | None] = {}  # prices asked for alone (see price)
        self._finding: set[str] = set()  # the lookups under way (BTC's may ask USDC's, ...)
        self._cycles = 0  # routes found to pass through an asset being looked up

    def price(self, asset: str) -> Price | None:
        """A route that passes through the asset being looked up is no route (BTC via
        BTCUSDC x USDC, USDC via USDCBTC x BTC). What a lookup found where it met such a
        route holds only for that lookup, so it is remembered apart, for the same lookup
        alone: each asset's price is the same whichever asset is valued first."""
        known = self._known.get(asset, _UNKNOWN)
        if known is not _UNKNOWN:
            return known  # type: ignore[return-value]
        if asset in self._finding:
            self._cycles += 1
            return None
        alone = not self._finding
        if alone and asset in self._alone:
            return self._alone[asset]
        cycles = self._cycles
        self._finding.add(asset)
        try:
            found = self._find(asset)
        finally:
            self._finding.discard(asset)
        if self._cycles == cycles:
            self._known[asset] = found
        elif alone:
            self._alone[asset] = found
        return found

    def price_once(self, asset: str) -> Price | None:
        """``price(asset)`` for an asset asked for once (each of a wallet's): only BTC and
        USDC are asked for inside other lookups, so any other asset is found without the
        bookkeeping that remembering it and meeting it again in a cycle take."""
        return self.price(asset) if asset in _ASKED_INSIDE else self._find(asset)

    def _find(self, asset: str) -> Price | None:
        """The route rules in their order, as one function: most assets of a large account
        have no route, and each is asked once (a 10,000-asset refresh asks 10,000 times)."""
        if asset in _REFERENCES:
            return Price(ONE, f"{asset} = $1")
        ticker = self._tickers.get
        for quote in _DIRECT_QUOTES:
            price = ticker(asset + quote)
            if price is not None:
                return Price(price, asset + quote)
        price = ticker(asset + "USDC")
        if price is not None and asset == "USDC":  # a "USDCUSDC" pair is taken as it is
            return Price(price, "USDCUSDC")
        if price is not None:
            usdc = self.price("USDC")
            if usdc is not None:
                route = asset + "USDC" if usdc.usd == ONE else f"{asset}USDC x {usdc.route}"
                return Price(price * usdc.usd, route)
        for quote in _DIRECT_QUOTES:  # a pair quoted the other way: inverted
            price = ticker(quote + asset)
            if price is not None:
                return Price(ONE / price, f"{quote}{asset} inverted", per_usd=price)
        in_btc = ticker(asset + "BTC")
        if in_btc is not None and asset != "BTC":
            btc = self.price("BTC")
            if btc is not None:
                return Price(in_btc * btc.usd, f"{asset}BTC x {btc.route}")
        if asset in USD_STABLECOINS:
            return Price(ONE, f"{asset} at $1 (no ticker of its own)")
        return None


def value_units(
    units: Mapping[str, tuple[int, int]], prices: Mapping[str, Decimal]
) -> tuple[dict[str, StoredAmounts], set[ValuationRow]]:
    """Each asset's USD value and route, of amounts in 1e-8 units (asset -> free, locked,
    each summed within DECIMAL(18,8), as ``controllers.wallet_fold.fold`` gives them),
    straight to the store's form (``core.stored_wallet``): each asset's stored amounts, and
    the priced ones' routes. An asset whose total is zero is left out: a wallet stores no
    zero total."""
    price = PriceBook(prices).price_once  # each asset comes once
    rows: dict[str, StoredAmounts] = {}
    valuations: set[ValuationRow] = set()
    for asset, (free, locked) in units.items():
        held = free + locked
        if not held:
            continue
        found = price(asset)
        if found is None:
            rows[asset] = (free, locked, held, 0)
            continue
        usd = found.units_value(held)
        if usd is None:  # over ten billion dollars in one balance: a broken price
            log.warning("Value of %s out of range; shown as unpriced", asset)
            rows[asset] = (free, locked, held, 0)
        else:
            rows[asset] = (free, locked, held, usd)
            valuations.add((asset, found.route, True))
    return rows, valuations

