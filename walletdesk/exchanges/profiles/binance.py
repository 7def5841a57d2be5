"""Binance as the catalog knows it; the adapter is ``exchanges/binance.py``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from walletdesk.exchanges.pacing import Pace, RateLimit
from walletdesk.exchanges.profile import AdapterSettings, ExchangeProfile

if TYPE_CHECKING:
    from walletdesk.exchanges.base import ExchangeAdapter

# 6,000 request weight per minute per IP (the /api/v3 REQUEST_WEIGHT limit); the SAPI
# wallets have their own per-IP budget of 12,000 a minute, counted here against the same one.
# Signed calls are counted per IP too: /api/v3/account's weight is REQUEST_WEIGHT (per IP;
# only orders count per account), and the funding and Simple Earn reads are "Weight(IP)".
# So there is no per-account budget: keys on one computer do share this one.
# [developers.binance.com/docs/binance-spot-api-docs/rest-api/limits; SAPI: "each endpoint
# is marked as IP- or UID-limited"]
BINANCE_PACE = Pace(host=RateLimit(weight=6000, seconds=60))


def _adapter(settings: AdapterSettings) -> ExchangeAdapter:
    from walletdesk.exchanges.binance import BinanceAdapter

    return BinanceAdapter.create(settings)


PROFILE = ExchangeProfile(
    name="BINANCE",
    display_name="Binance",
    adapter=_adapter,
    default_base_url="https://api.binance.com",
    help_url="https://www.binance.com/en/support/faq/how-to-create-api-keys-on-binance-360002502072",
    pace=BINANCE_PACE,
)
