"""KuCoin Earn (Savings, Activity, Staking, KCS Staking, ETH Staking), as KuCoin's docs
describe it, folded by the one rule of ``core.models.AssetAmount`` (free = tradable now;
locked = everything else held).

- ``GET /api/v1/earn/hold-assets`` "Get Account Holding" (signed like every private call;
  optional ``currency``, ``productId``, ``productCategory``; paged: ``currentPage`` from 1,
  ``pageSize`` 10 to 500, default 15) answers ``data: {totalNum, totalPage, currentPage,
  pageSize, items[]}``, one item per holding (``orderId``) of ``{currency, productId,
  productCategory, holdAmount, redeemedAmount, redeemingAmount, status, ...}``, numbers as
  strings; no holding, an empty list. ``holdAmount`` is the holding: in the docs' example a
  holding of ``status`` REDEEMING has ``holdAmount`` "1" and ``redeemingAmount`` "1", so
  what is being redeemed is still inside ``holdAmount`` (counted once; read from the example,
  not stated in words: unverified). All of it is earning or on its way back, so it is
  locked, in place EARN. Several holdings of one currency add up.
  Permission "General"; rate limit pool "Earn" (2000 per 30 s at VIP0, a pool of its own),
  weight 5. [kucoin.com/docs-new/api-3470273; kucoin-universal-sdk
  ``sdk/python/kucoin_universal_sdk/generate/earn/earn/api_earn.py`` ``get_account_holding``
  and ``model_get_account_holding_*.py``, ``spec/rest/api/openapi-earn-earn.json``;
  kucoin.com/docs-new/rate-limit; ccxt's kucoin lists ``earn/hold-assets`` as a private
  call, and its fetch_balance reads only ``/api/v1/accounts``]
- Nothing is counted twice: a subscription takes the coins from the funding (MAIN) or the
  trading (TRADE) account (``POST /api/v1/earn/orders`` ``accountType``), and
  ``/api/v1/accounts`` has no Earn type (main, trade, trade_hf, margin, isolated), so the
  accounts list no longer holds them (unverified beyond those two docs).
- A key KuCoin will not show Earn: 400007 "Access Denied, Please check permissions of your
  API key" (HTTP 401), the code of every permission refusal. KuCoin documents no code of
  its own for an account Earn is not offered to (unverified): that fails the refresh.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from walletdesk.core.errors import ExchangeAuthError, ExchangeError
from walletdesk.exchanges.holdings import EARN, Holding
from walletdesk.exchanges.responses import amount, fail, mapping

HOLD_ASSETS = "/api/v1/earn/hold-assets"
HOLD_ASSETS_WEIGHT = 5
PAGE_SIZE = 500  # the most the docs allow: one page for nearly every account
EARN_NAME = "Earn"  # as KuCoin's site names the product


class EarnRefusedError(ExchangeAuthError):
    """KuCoin will not let this key read one part of the account: for Earn that part is
    skipped; elsewhere (the accounts) it fails the read."""


# The code above -> the message shown where it fails a whole read (the accounts).
FEATURE_REFUSALS: Mapping[str, tuple[type[ExchangeError], str]] = {
    "400007": (
        EarnRefusedError,
        'The KuCoin key may not read the account: give it the "General" permission.',
    ),
}


def earn_page(data: object, exchange: str) -> tuple[list[Holding], int]:
    """One page of holdings, all locked in place EARN, and how many pages there are."""
    page = mapping(data, exchange, f"{EARN_NAME} holdings")
    items, pages = page.get("items"), page.get("totalPage")
    if not isinstance(items, list):
        fail(exchange, f"the {EARN_NAME} holdings are not a list")
    if not isinstance(pages, int) or isinstance(pages, bool) or pages < 0:
        fail(exchange, f"the {EARN_NAME} holdings do not say how many pages there are")
    holdings = []
    for entry in items:
        row = mapping(entry, exchange, f"{EARN_NAME} holding")
        currency = row.get("currency")
        if not isinstance(currency, str) or not currency:
            fail(exchange, f"an {EARN_NAME} holding has no currency")
        held = amount(row.get("holdAmount"), exchange, f"{EARN_NAME} {currency} amount")
        holdings.append(Holding(currency, EARN, Decimal(0), held))
    return holdings, pages
