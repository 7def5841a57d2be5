"""KuCoin as the catalog knows it; the adapter is ``exchanges/kucoin.py``."""

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
    from walletdesk.exchanges.kucoin import KucoinAdapter

    return KucoinAdapter.create(settings)


PROFILE = ExchangeProfile(
    name="KUCOIN",
    display_name="KuCoin",
    adapter=_adapter,
    default_base_url="https://api.kucoin.com",
    secret_fields=(API_SECRET, API_PASSPHRASE),
    help_url="https://www.kucoin.com/support/360015102174",
    # Resource pools at VIP0: "Management" 2000 weight per 30 s (private, per UID: the
    # account list weighs 5, the key info 20) and "Public" 2000 per 30 s (per IP: allTickers
    # weighs 15, the time 3). Earn's holdings weigh 5 (a page) in the "Earn" pool, also 2000
    # per 30 s per UID: the key's one budget counts them too, so the key never goes faster
    # than either pool allows. [kucoin.com/docs-new/rate-limit; weights: each endpoint's
    # page, and kucoin-universal-sdk's API-RATE-LIMIT-WEIGHT]
    pace=Pace(host=RateLimit(weight=2000, seconds=30),
              account=RateLimit(weight=2000, seconds=30)),
)
