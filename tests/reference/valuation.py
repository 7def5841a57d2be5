"""The reference valuation: ``pricing``'s route rules applied to ``Decimal`` amounts.

The refresh values integer units (``pricing.value_units``); this is the rule it stands for,
written the slow, plain way: each amount is rounded to 8 places, valued exactly from its
sum before rounding (an inverted pair divides once), and the value rounded to 8 places once
at the end. A value past DECIMAL(18,8) is a broken price: the asset is shown unpriced.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import NamedTuple

from walletdesk.core.errors import WalletDeskError
from walletdesk.core.models import AssetAmount
from walletdesk.core.money import ZERO, quantize8
from walletdesk.pricing import Price, PriceBook


class ValuedBalance(NamedTuple):
    """An asset amount with its USD value, by the reference rules (and as tests give a
    wallet's content: ``tests/store/builders.py``).

    ``priced`` is False when no price route exists; ``usd_value`` is then 0. ``route`` names
    the tickers the price came from ("ETHBTC x BTCUSDT"; "" when unpriced).
    """

    asset: str
    free: Decimal
    locked: Decimal
    usd_value: Decimal
    priced: bool
    route: str = ""


def value_balances(
    amounts: Iterable[AssetAmount], prices: Mapping[str, Decimal]
) -> list[ValuedBalance]:
    """Each amount with its USD value and route, in the order given."""
    price = PriceBook(prices).price
    return [_value(asset, quantize8(free), quantize8(locked), free + locked, price(asset))
            for asset, free, locked, _ in amounts]


def _value(asset: str, free: Decimal, locked: Decimal, held: Decimal,
           price: Price | None) -> ValuedBalance:
    """``held``: the amount as given, valued before it is rounded (rounded once, at the end)."""
    if price is not None:
        exact = held / price.per_usd if price.per_usd is not None else held * price.usd
        try:
            usd_value = quantize8(exact)
        except WalletDeskError:  # over ten billion dollars in one balance: a broken price
            pass
        else:
            return ValuedBalance(asset, free, locked, usd_value, True, price.route)
    return ValuedBalance(asset, free, locked, ZERO, False, "")
