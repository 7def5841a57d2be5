"""Bitget Earn, as its API v2 docs describe it, folded by the one rule of
``core.models.AssetAmount`` (free = tradable now; locked = everything else held).

- ``GET /api/v2/earn/account/assets`` ("Earn account overview"), signed like every other
  private call; one optional ``coin`` filter and no paging (no cursor or limit). It answers
  ``data[]`` of ``{coin, amount}``, one row per coin, ``amount`` a string: the coin's whole
  holding in the Earn account, whichever product (savings, Shark Fin, ...) holds it. All of
  it is earning, so locked, in place EARN. Frequency limit "10c/1s (Uid)", the same as spot
  account/assets, so it weighs one of the key's budget.
  [bitget.com/api-doc/earn/account/Earn-Assets; ccxt's bitget lists
  ``v2/earn/account/assets`` at cost 2 of its 50 ms unit, 10 a second, as it does spot
  ``account/assets``; Bitget's official Python SDK (v3-bitget-api-sdk) has no Earn module]
- Why this endpoint and not ``GET /api/v2/earn/savings/assets``: that one lists savings
  orders alone (``periodType`` flexible or fixed, one call each, paged by ``idLessThan`` /
  ``limit``, ``productCoin`` and ``holdAmount`` per order), so it would take two paged
  reads and still miss the other Earn products. [bitget.com/api-doc/earn/savings/Savings-
  Assets; tiagosiebler/bitget-api ``getEarnSavingsAssets``, ``GetEarnSavingsAssetsRequestV2``]
- Nothing counted twice: Earn is an account of its own. Bitget's assets overview
  (``GET /api/v2/account/all-account-balance``) values ``spot``, ``futures``, ``funding``,
  ``earn``, ``bots`` and ``margin`` one beside the other, and subscribing moves the coins
  out of the spot account. [bitget.com/api-doc/common/account/All-Account-Balance]
- A key Bitget will not show Earn: 40014, "Incorrect permissions, need {0} permissions",
  the code Bitget answers for every permission a key lacks (HTTP 400, as all its errors).
  Which permission the message then names for this endpoint, and what Bitget answers an
  account it does not offer Earn to, is not documented (unverified): a refresh skips Earn
  on 40014 alone, and fails on anything else.
"""

from __future__ import annotations

from decimal import Decimal

from walletdesk.core.errors import ExchangeAuthError
from walletdesk.exchanges.holdings import EARN, Holding
from walletdesk.exchanges.responses import amount, fail, mapping

EARN_ASSETS = "/api/v2/earn/account/assets"
EARN_NAME = "Earn"  # as Bitget's site and API docs name the product


class BitgetPermissionError(ExchangeAuthError):
    """40014: the key lacks one permission. Earn is then skipped; elsewhere (the spot
    account) it fails the read."""


def earn_holdings(rows: object, exchange: str) -> list[Holding]:
    """The Earn account's rows (an answer's ``data``) as holdings, each coin's ``amount``
    locked in EARN."""
    if not isinstance(rows, list):
        fail(exchange, f"the {EARN_NAME} assets are not a list")
    return [_holding(entry, exchange) for entry in rows]


def _holding(entry: object, exchange: str) -> Holding:
    row = mapping(entry, exchange, f"{EARN_NAME} asset")
    coin = row.get("coin")
    if not isinstance(coin, str) or not coin:
        fail(exchange, f"an {EARN_NAME} asset has no coin")
    held = amount(row.get("amount"), exchange, f"{coin} {EARN_NAME} amount")
    return Holding(coin, EARN, Decimal(0), held)
