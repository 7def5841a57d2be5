"""OKX Simple Earn flexible (savings), as OKX's API v5 docs describe it, folded by the one
rule of ``core.models.AssetAmount`` (free = tradable now; locked = everything else held).

- ``GET /api/v5/finance/savings/balance`` (signed like every private call; optional
  ``ccy``; not paged: one row per currency) answers ``data[]`` of ``{ccy, amt, earnings,
  rate, loanAmt, pendingAmt, redemptAmt}``, every number a string. ``amt`` is the currency's
  whole amount there: in the docs' example it is exactly ``loanAmt`` (lent) + ``pendingAmt``
  (not yet lent), and ``earnings`` are part of it (counted once); ``redemptAmt`` is
  deprecated. All of ``amt`` is earning or waiting to, so it is locked, in place EARN.
  Rate limit 6 requests per second, rule "User ID", permission "Read".
  [okx.com/docs-v5/en/#financial-product-simple-earn-flexible-get-saving-balance; python-okx
  ``okx/Finance/Savings.py`` ``get_saving_balance``; ccxt's okx lists it as
  ``finance/savings/balance`` at cost 5/3 (6 a second), and its fetch_balance reads only
  the trading or the funding account]
- Nothing is counted twice: savings are bought from the funding account only ("Only the
  assets in the funding account can be used for saving") and leave it, and OKX's own
  valuation (``/api/v5/asset/asset-valuation``) gives ``earn`` as an account of its own
  beside ``funding`` and ``trading``. Auto-earn (auto lend in the trading account,
  ``autoLendAmt``) is another product, reported in the trading account's details
  (unverified: that savings/balance never lists it too).
- A key OKX will not show Simple Earn: 50120 "This API key doesn't have permission to use
  this function" and 50030 "You don't have permission to use this API endpoint"; an account
  where it is not offered: 50051 (compliance restrictions in the user's country or region),
  51734 (KYC country not supported), 51735 (sub-account not supported). All come with HTTP
  200. [okx.com/docs-v5/en/#error-code-rest-api, #error-code-rest-api-finance] Which of
  them this endpoint answers is not documented (unverified); a refresh skips Simple Earn
  on any of them, and on nothing else.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal

from walletdesk.core.errors import ExchangeAuthError, ExchangeError
from walletdesk.exchanges.holdings import EARN, Holding
from walletdesk.exchanges.responses import amount, fail, mapping

SAVINGS_BALANCE = "/api/v5/finance/savings/balance"
EARN_NAME = "Simple Earn"  # as OKX's site names the product


class FeatureRefusedError(ExchangeAuthError):
    """OKX will not give this key or account one feature (a permission, the region, a
    sub-account): for Simple Earn that wallet is skipped; elsewhere it fails the read."""


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
    """The Simple Earn flexible rows as holdings: ``amt`` of each currency, all locked."""
    holdings = []
    for entry in rows:
        row = mapping(entry, exchange, f"{EARN_NAME} balance")
        ccy = row.get("ccy")
        if not isinstance(ccy, str) or not ccy:
            fail(exchange, f"a {EARN_NAME} balance has no currency")
        held = amount(row.get("amt"), exchange, f"{EARN_NAME} {ccy} amount")
        holdings.append(Holding(ccy, EARN, Decimal(0), held))
    return holdings
