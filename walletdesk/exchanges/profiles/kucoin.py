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
    # Spot resource pool: 4000 weight per 30 s at VIP0; accounts weigh 5, allTickers 15.
    pace=Pace(host=RateLimit(weight=30, seconds=1)),
)
