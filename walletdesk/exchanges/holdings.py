"""Where each amount of an account sits, and the one row per asset the wallet stores.

An exchange account has several wallets (Kraken's staked balances, OKX's trading and
funding accounts, KuCoin's main, trade and trade_hf accounts). Adapters read every one into
``Holding`` records, each with its place; ``fold`` sums them into one amount per asset, so
nothing is counted twice and nothing is left out.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from walletdesk.core.models import AssetAmount
from walletdesk.exchanges.responses import check_fits, fail, is_asset_symbol

SPOT = "spot"
FUNDING = "funding"
TRADING = "trading"
EARN = "earn"
STAKED = "staked"
MARGIN = "margin"


@dataclass(frozen=True)
class Holding:
    asset: str
    place: str
    free: Decimal
    locked: Decimal

    @property
    def is_zero(self) -> bool:
        return self.free == 0 and self.locked == 0


def fold(holdings: Iterable[Holding], exchange: str) -> list[AssetAmount]:
    """One amount per asset, in the order assets first appear; zero holdings are dropped."""
    sums: dict[str, tuple[Decimal, Decimal]] = {}
    for holding in holdings:
        if not is_asset_symbol(holding.asset):
            fail(exchange, f"an asset has an invalid symbol ({holding.asset[:24]!r})")
        if holding.is_zero:
            continue
        free, locked = sums.get(holding.asset, (Decimal(0), Decimal(0)))
        sums[holding.asset] = (free + holding.free, locked + holding.locked)
    amounts = []
    for asset, (free, locked) in sums.items():
        check_fits(free + locked, exchange, f"{asset} total")
        amounts.append(AssetAmount(asset=asset, free=free, locked=locked))
    return amounts
