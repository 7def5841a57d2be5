"""MEXC as the catalog knows it; the adapter is ``exchanges/mexc.py`` (spot and futures)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from walletdesk.exchanges.pacing import RateLimit
from walletdesk.exchanges.profile import AdapterSettings, ExchangeProfile

if TYPE_CHECKING:
    from walletdesk.exchanges.base import ExchangeAdapter


def _adapter(settings: AdapterSettings) -> ExchangeAdapter:
    from walletdesk.exchanges.mexc import MexcAdapter

    return MexcAdapter.create(settings)


PROFILE = ExchangeProfile(
    name="MEXC",
    display_name="MEXC",
    adapter=_adapter,
    default_base_url="https://api.mexc.com",
    help_url="https://www.mexc.com/user/openapi",
    # MEXC has no endpoint that tells what a key may do: the account's canTrade and
    # canWithdraw describe the account, not the key.
    reports_permissions=False,
    extra_hosts={"FUTURES": "https://contract.mexc.com"},
    # Spot v3: 500 weight per 10 s per IP, each endpoint; the account call weighs 10. A
    # bucket of 500 lets eight keys refresh at once and still paces a runaway loop.
    rate_limit=RateLimit(weight=500, seconds=10),
)
