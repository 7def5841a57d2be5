"""Binance US as the catalog knows it; the adapter is ``exchanges/binance_us.py``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from walletdesk.exchanges.profile import AdapterSettings, ExchangeProfile
from walletdesk.exchanges.profiles.binance import BINANCE_PACE

if TYPE_CHECKING:
    from walletdesk.exchanges.base import ExchangeAdapter


def _adapter(settings: AdapterSettings) -> ExchangeAdapter:
    from walletdesk.exchanges.binance_us import BinanceUsAdapter

    return BinanceUsAdapter.create(settings)


PROFILE = ExchangeProfile(
    name="BINANCEUS",
    display_name="Binance US",
    adapter=_adapter,
    default_base_url="https://api.binance.us",
    help_url="https://www.binance.us/settings/api-management",
    reports_permissions=False,
    pace=BINANCE_PACE,  # Binance's spot API, limits included [binance-us-api-docs "Limits"]
)
