"""USD valuation of exchange balances from that exchange's own ticker.

Route per asset, first match wins: a USD stablecoin is worth 1; else ``ASSETUSD`` where the
exchange quotes USD itself (Kraken, Coinbase); else ``ASSETUSDT``; else ``ASSETUSDC``; else
``ASSETBTC`` x BTC's USD price (found the same way). A zero price is no route.
An asset without a route is unpriced (usd_value 0, priced False), never silently worth 0.
Exact ``Decimal`` throughout; each result is quantized to 8 places once, at the end.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from decimal import Decimal

from walletdesk.core.errors import WalletDeskError
from walletdesk.core.models import AssetAmount, ValuedBalance
from walletdesk.core.money import ZERO, quantize8

log = logging.getLogger(__name__)

USD_STABLECOINS = frozenset(
    {"USD", "USDT", "USDC", "FDUSD", "TUSD", "DAI", "USDP", "BUSD", "USD1", "PYUSD"}
)
ONE = Decimal(1)
_DIRECT_QUOTES = ("USD", "USDT", "USDC")  # in route order


def value_balances(
    amounts: Iterable[AssetAmount], prices: Mapping[str, Decimal]
) -> list[ValuedBalance]:
    """Each amount with its USD value, in the order given."""
    btc_usd = _direct_usd_price("BTC", prices)
    return [_value(amount, prices, btc_usd) for amount in amounts]


def _value(
    amount: AssetAmount, prices: Mapping[str, Decimal], btc_usd: Decimal | None
) -> ValuedBalance:
    price = _usd_price(amount.asset, prices, btc_usd)
    usd_value = ZERO
    if price is not None:
        try:
            usd_value = quantize8(amount.total * price)
        except WalletDeskError:
            # Over ten billion dollars in one balance is a broken price, not a fortune.
            log.warning("Value of %s out of range; shown as unpriced", amount.asset)
            price = None
    return ValuedBalance(
        asset=amount.asset,
        free=quantize8(amount.free),
        locked=quantize8(amount.locked),
        usd_value=usd_value,
        priced=price is not None,
    )


def _usd_price(
    asset: str, prices: Mapping[str, Decimal], btc_usd: Decimal | None
) -> Decimal | None:
    if asset in USD_STABLECOINS:
        return ONE
    direct = _direct_usd_price(asset, prices)
    if direct is not None:
        return direct
    in_btc = _positive(prices.get(asset + "BTC"))
    if in_btc is not None and btc_usd is not None:
        return in_btc * btc_usd
    return None


def _direct_usd_price(asset: str, prices: Mapping[str, Decimal]) -> Decimal | None:
    for quote in _DIRECT_QUOTES:
        price = _positive(prices.get(asset + quote))
        if price is not None:
            return price
    return None


def _positive(price: Decimal | None) -> Decimal | None:
    return price if price is not None and price > 0 else None
