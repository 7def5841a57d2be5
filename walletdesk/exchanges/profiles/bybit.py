"""Bybit as the catalog knows it; the adapter is ``exchanges/bybit.py``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from walletdesk.exchanges.pacing import Pace, RateLimit
from walletdesk.exchanges.profile import AdapterSettings, ExchangeProfile

if TYPE_CHECKING:
    from walletdesk.exchanges.base import ExchangeAdapter


def _adapter(settings: AdapterSettings) -> ExchangeAdapter:
    from walletdesk.exchanges.bybit import BybitAdapter

    return BybitAdapter.create(settings)


PROFILE = ExchangeProfile(
    name="BYBIT",
    display_name="Bybit",
    adapter=_adapter,
    default_base_url="https://api.bybit.com",
    help_url="https://www.bybit.com/en/help-center/article/How-to-create-your-API-key",
    # Signed calls: "per second per UID", each endpoint its own. Per key, in units of one
    # wallet-balance call (UNIFIED: 50/s): query-account-coins-balance (the funding wallet,
    # 5/s) weighs 10, query-api (10/s) weighs 5 (bybit.py), earn/position (10/s, as ccxt
    # weighs it; unverified) weighs 5 (bybit_earn.py).
    # Per IP: "600 requests within a 5-second window", all traffic; public market data has
    # no other limit. [bybit-exchange.github.io/docs/v5/rate-limit]
    pace=Pace(host=RateLimit(weight=600, seconds=5), account=RateLimit(weight=50, seconds=1)),
)
