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
    # account/balance allows 10 requests per 2 s per user; the others are looser.
    pace=Pace(host=RateLimit(weight=5, seconds=1)),
)
