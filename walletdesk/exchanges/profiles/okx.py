"""OKX as the catalog knows it; the adapter is ``exchanges/okx.py``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from walletdesk.exchanges.pacing import Pace, RateLimit
from walletdesk.exchanges.profile import (
    API_PASSPHRASE,
    API_SECRET,
    AdapterSettings,
    ExchangeProfile,
)

if TYPE_CHECKING:
    from walletdesk.exchanges.base import ExchangeAdapter


def _adapter(settings: AdapterSettings) -> ExchangeAdapter:
    from walletdesk.exchanges.okx import OkxAdapter

    return OkxAdapter.create(settings)


PROFILE = ExchangeProfile(
    name="OKX",
    display_name="OKX",
    adapter=_adapter,
    default_base_url="https://www.okx.com",
    secret_fields=(API_SECRET, API_PASSPHRASE),
    help_url="https://www.okx.com/help/how-do-i-create-an-api-key",
    # Each endpoint has its own limit; "Rate limit rule: User ID" for signed ones, "IP" for
    # public ones. Per key, in units of account/balance ("10 requests per 2 seconds"):
    # asset/balances and finance/savings/balance (each 6 per second) weigh 1, account/config
    # (5 per 2 s) 2 (okx.py), finance/staking-defi/orders-active (3 per second) 5/3
    # (okx_earn.py).
    # Per host: market/tickers 20 per 2 s (read on market/ticker's page: "20 requests per 2
    # seconds", rule IP), public/time 10 per 2 s (weighs 2).
    # [okx.com/docs-v5/en/#trading-account-rest-api-get-balance, #funding-account-rest-api-
    # get-balance, #financial-product-simple-earn-flexible-get-saving-balance,
    # #financial-product-on-chain-earn-get-active-orders,
    # #order-book-trading-market-data-get-ticker; account/config and the time:
    # as python-okx's docstrings quote the docs]
    pace=Pace(host=RateLimit(weight=20, seconds=2), account=RateLimit(weight=10, seconds=2)),
)
