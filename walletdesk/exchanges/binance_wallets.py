"""Binance's wallets beyond spot, as its docs describe them, folded by the one rule of
``core.models.AssetAmount`` (free = tradable now; locked = everything else held).

- Funding (``POST /sapi/v1/asset/get-funding-asset``): free is ``free``; locked is
  ``locked + freeze + withdrawing`` (as ccxt reads it).
- Simple Earn flexible (``.../flexible/position``, rows with ``totalAmount``) and locked
  (``.../locked/position``, rows with ``amount``), both paged by ``current``/``size``: all
  of it is earning, so locked.
- Spot lists each flexible position again as ``LD<asset>`` (LDBTC, LDUSDT). Such a spot
  entry is dropped when a flexible position of ``<asset>`` was read, so nothing is counted
  twice; a real asset that starts with LD (LDO, Lido) has no such position and stays.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal

from walletdesk.core.models import AssetAmount
from walletdesk.exchanges.holdings import EARN, FUNDING, Holding, as_holdings
from walletdesk.exchanges.responses import amount, fail, mapping

FUNDING_PATH = "/sapi/v1/asset/get-funding-asset"
FLEXIBLE_PATH = "/sapi/v1/simple-earn/flexible/position"
LOCKED_PATH = "/sapi/v1/simple-earn/locked/position"
EARN_AMOUNT_FIELD = {FLEXIBLE_PATH: "totalAmount", LOCKED_PATH: "amount"}
PAGE_SIZE = 100  # the documented maximum
MAX_PAGES = 100  # 10,000 positions: past that, an exchange that pages for ever
LD_PREFIX = "LD"


def funding_holdings(payload: object, exchange: str) -> list[Holding]:
    if not isinstance(payload, list):
        fail(exchange, "the funding wallet is not a list")
    holdings = []
    for index, entry in enumerate(payload):
        row = mapping(entry, exchange, f"funding balance {index + 1}")
        asset = _asset(row, exchange, "funding")
        free = amount(row.get("free"), exchange, f"funding {asset} free")
        held = [amount(row.get(name, "0"), exchange, f"funding {asset} {name}")
                for name in ("locked", "freeze", "withdrawing")]
        holdings.append(Holding(asset, FUNDING, free, sum(held, Decimal(0))))
    return holdings


def earn_page(payload: object, exchange: str) -> tuple[list[Mapping[str, object]], int]:
    """One page of Simple Earn positions, and how many there are in all."""
    page = mapping(payload, exchange, "Simple Earn page")
    rows, total = page.get("rows", []), page.get("total")
    if not isinstance(rows, list) or isinstance(total, bool) or not isinstance(total, int):
        fail(exchange, "a Simple Earn page has no rows or total")
    return [mapping(row, exchange, "Simple Earn position") for row in rows], total


def earn_holdings(rows: Iterable[Mapping[str, object]], field: str,
                  exchange: str) -> list[Holding]:
    holdings = []
    for row in rows:
        asset = _asset(row, exchange, "Simple Earn")
        value = amount(row.get(field), exchange, f"Simple Earn {asset} {field}")
        holdings.append(Holding(asset, EARN, Decimal(0), value))
    return holdings


def without_ld_mirrors(spot: Sequence[AssetAmount], flexible: Iterable[Holding]) -> list[Holding]:
    """Spot holdings minus the LD-prefixed mirrors of the flexible positions read."""
    mirrored = {LD_PREFIX + holding.asset for holding in flexible}
    return as_holdings(a for a in spot if a.asset not in mirrored)


def _asset(row: Mapping[str, object], exchange: str, wallet: str) -> str:
    asset = row.get("asset")
    if not isinstance(asset, str):
        fail(exchange, f"a {wallet} balance has no asset symbol")
    return asset
