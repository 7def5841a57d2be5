"""MEXC as the catalog knows it; the adapter is ``exchanges/mexc.py`` (spot and futures)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from walletdesk.exchanges.pacing import Pace, RateLimit
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
    # Spot v3: "each endpoint with IP limits has an independent 500 every 10 second limit"
    # (and the same per UID). The limits page counts keyed calls per account, but the
    # account endpoint is marked "Weight(IP): 10", so spot stays paced per host, the safe
    # reading: a bucket of 500 lets eight keys refresh at once and paces a runaway loop.
    # [mexc.com/api-docs/spot-v3/general-info "Limits"]
    pace=Pace(host=RateLimit(weight=500, seconds=10)),
    # Futures, each endpoint: "Rate limit: 20 times/2 seconds"; MEXC counts calls that carry
    # a key per account (UID), the others (the ping) per IP: eight keys refresh at once,
    # and one key looping is still held to 20 per 2 s.
    # [mexc.com/api-docs/futures/account-and-trading-endpoints/get-all-account-assets]
    extra_paces={"FUTURES": Pace(host=RateLimit(weight=20, seconds=2),
                                 account=RateLimit(weight=20, seconds=2))},
)
