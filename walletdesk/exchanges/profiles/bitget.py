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
    # About 10 requests a second per UID on the account endpoints.
    pace=Pace(host=RateLimit(weight=10, seconds=1)),
)
