"""Bitget as the catalog knows it; the adapter is ``exchanges/bitget.py``."""

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
    from walletdesk.exchanges.bitget import BitgetAdapter

    return BitgetAdapter.create(settings)


PROFILE = ExchangeProfile(
    name="BITGET",
    display_name="Bitget",
    adapter=_adapter,
    default_base_url="https://api.bitget.com",
    secret_fields=(API_SECRET, API_PASSPHRASE),
    help_url="https://www.bitget.com/support/articles/360038968251-API-Creation-Guide",
    # Each endpoint's limit is its own, per UID for signed calls and per IP for public ones.
    # Signed, per key (units: one assets call): "Get Account Assets: 10 times/1s (User ID)";
    # the Earn account "10c/1s (Uid)", so it weighs 1 (a refresh is one of each); "Get
    # Account Information: 1 time/1s (User ID)", so it weighs 10 (bitget.py).
    # [bitget.com/api-doc/spot/account/Get-Account-Assets, .../Get-Account-Info,
    # bitget.com/api-doc/earn/account/Earn-Assets]
    # Public, per host: "Get Ticker Information: 20 times/1s (IP)".
    # [bitget.com/api-doc/spot/market/Get-Tickers]
    pace=Pace(host=RateLimit(weight=20, seconds=1), account=RateLimit(weight=10, seconds=1)),
)
