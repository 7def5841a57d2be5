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
    # Per UID and endpoint; the account endpoints allow about 10 a second, public 20.
    pace=Pace(host=RateLimit(weight=10, seconds=1)),
)
