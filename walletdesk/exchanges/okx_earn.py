"""OKX's Earn products, as OKX's API v5 docs describe them, folded by the one rule of
``core.models.AssetAmount`` (free = tradable now; locked = everything else held): all of
what is in them is earning (or on its way in or out), so locked, in place EARN.

- Simple Earn flexible (savings): ``GET /api/v5/finance/savings/balance`` (optional
  ``ccy``; not paged: one row per currency) answers ``data[]`` of ``{ccy, amt, earnings,
  rate, loanAmt, pendingAmt, redemptAmt}``, every number a string. ``amt`` is the currency's
  whole amount there: in the docs' example it is exactly ``loanAmt`` (lent) + ``pendingAmt``
  (not yet lent), and ``earnings`` are part of it (counted once); ``redemptAmt`` is
  deprecated. 6 requests per second, rule "User ID", permission "Read".
  [okx.com/docs-v5/en/#financial-product-simple-earn-flexible-get-saving-balance; python-okx
  ``okx/Finance/Savings.py`` ``get_saving_balance``; ccxt's okx lists it as
  ``finance/savings/balance`` at cost 5/3 (6 a second), and its fetch_balance reads only
  the trading or the funding account]
- On-chain Earn: ``GET /api/v5/finance/staking-defi/orders-active`` (optional
  ``productId``, ``protocolType``, ``ccy``, ``state``; not paged) answers one row per active
  order (state 8 pending, 13 cancelling, 9 on chain, 1 earning, 2 redeeming), each with
  ``investData[]`` of ``{ccy, amt}`` (the invested amounts: what is counted) and
  ``earningData[]`` of ``{ccy, earningType, earnings}``. Earnings are not counted: type 0
  is an estimate not yet paid, and where type 1 (cumulative, e.g. COMP on a USDT order) is
  paid is not documented (unverified). 3 requests per second, rule "User ID", permission
  "Read". [#financial-product-on-chain-earn-get-active-orders; python-okx
  ``okx/Finance/StakingDefi.py`` ``get_activity_orders``; ccxt lists it at cost 1, looser
  than the docs. Newer python-okx also has ``okx/Finance/Earn.py`` on ``/api/v5/earn/...``
  staking products, not read here]
- Nothing is counted twice: both are bought from the funding account only ("Only the
  assets in the funding account can be used") and leave it, and OKX's own valuation
  (``/api/v5/asset/asset-valuation``) gives ``earn`` as an account of its own beside
  ``funding`` and ``trading``. Auto-earn (auto lend in the trading account,
  ``autoLendAmt``) is another product, reported in the trading account's details
  (unverified: that neither list above lists it too). ETH staking's balance
  (``/api/v5/finance/staking-defi/eth/balance``) is not read: it is "the real-time total
  BETH holdings across the entire account, including assets in the trading account,
  funding account, and those currently in the redeeming process", so all but the BETH
  being redeemed is counted already where it sits.
- A key OKX will not show a product: 50120 "This API key doesn't have permission to use
  this function" and 50030 "You don't have permission to use this API endpoint"; an account
  where it is not offered: 50051 (compliance restrictions in the user's country or region),
  51734 (KYC country not supported), 51735 (sub-account not supported). All come with HTTP
  200. [#error-code-rest-api, #error-code-rest-api-finance] Which of them these endpoints
  answer is not documented (unverified); a refresh skips the product on any of them, and
  on nothing else.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal

from walletdesk.core.errors import ExchangeAuthError, ExchangeError
from walletdesk.exchanges.holdings import EARN, Holding
from walletdesk.exchanges.responses import amount, fail, mapping

SAVINGS_BALANCE = "/api/v5/finance/savings/balance"
ONCHAIN_ORDERS = "/api/v5/finance/staking-defi/orders-active"


class FeatureRefusedError(ExchangeAuthError):
    """OKX will not give this key or account one feature (a permission, the region, a
    sub-account): for an Earn product that product is skipped; elsewhere it fails the read."""


# The codes above -> the message shown where they fail a whole read (the trading account).
FEATURE_REFUSALS: Mapping[str, tuple[type[ExchangeError], str]] = {
    "50120": (
        FeatureRefusedError,
        'The OKX key may not read the account: give it the "Read" permission.',
    ),
    "50030": (
        FeatureRefusedError,
        'OKX does not let this key read the account: give it the "Read" permission, or '
        "create a new read-only key.",
    ),
    "50051": (
        FeatureRefusedError,
        "OKX does not offer this in your country or region, so it refuses this account.",
    ),
    "51734": (
        FeatureRefusedError,
        "OKX does not offer this to accounts verified in your country.",
    ),
    "51735": (
        FeatureRefusedError,
        "OKX does not offer this to sub-accounts: use a key of the main account.",
    ),
}


def savings_holdings(rows: Iterable[object], exchange: str) -> list[Holding]:
    """Simple Earn flexible rows as holdings: ``amt`` of each currency."""
    holdings = []
    for entry in rows:
        row = mapping(entry, exchange, "Simple Earn balance")
        ccy = _currency(row, exchange, "a Simple Earn balance")
        held = amount(row.get("amt"), exchange, f"Simple Earn {ccy} amount")
        holdings.append(Holding(ccy, EARN, Decimal(0), held))
    return holdings


def onchain_holdings(rows: Iterable[object], exchange: str) -> list[Holding]:
    """On-chain Earn orders as holdings: each invested amount of each order."""
    holdings = []
    for entry in rows:
        order = mapping(entry, exchange, "On-chain Earn order")
        invested = order.get("investData")
        if not isinstance(invested, list):
            fail(exchange, "an On-chain Earn order has no investment data")
        for item in invested:
            part = mapping(item, exchange, "On-chain Earn investment")
            ccy = _currency(part, exchange, "an On-chain Earn investment")
            held = amount(part.get("amt"), exchange, f"On-chain Earn {ccy} amount")
            holdings.append(Holding(ccy, EARN, Decimal(0), held))
    return holdings


@dataclass(frozen=True)
class EarnProduct:
    name: str  # as OKX's site names it, for the key check
    path: str
    weight: float  # in units of account/balance (10 per 2 s): the key's budget
    holdings: Callable[[Iterable[object], str], list[Holding]]


PRODUCTS = (
    EarnProduct("Simple Earn", SAVINGS_BALANCE, 1, savings_holdings),  # 6 a second
    EarnProduct("On-chain Earn", ONCHAIN_ORDERS, 5 / 3, onchain_holdings),  # 3 a second
)


def _currency(row: Mapping[str, object], exchange: str, what: str) -> str:
    ccy = row.get("ccy")
    if not isinstance(ccy, str) or not ccy:
        fail(exchange, f"{what} has no currency")
    return ccy
