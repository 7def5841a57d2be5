"""Binance US: Binance's spot v3 protocol on its own host, without any /sapi wallet.

Its documentation lists only ``recvWindow`` and ``timestamp`` for ``/api/v3/account`` (no
``omitZeroBalances``), and it has no ``apiRestrictions``: the key check cannot tell what a
key may do, so it says so.
"""

from __future__ import annotations

from dataclasses import replace

from walletdesk.exchanges.binance import BINANCE_DIALECT, BINANCE_RATE_LIMIT
from walletdesk.exchanges.profile import ExchangeProfile
from walletdesk.exchanges.spot_v3 import SpotV3Adapter

DEFAULT_BASE_URL = "https://api.binance.us"


class BinanceUsAdapter(SpotV3Adapter):
    dialect = replace(
        BINANCE_DIALECT,
        account_params=(),
        auth_messages={
            code: message.replace("Binance", "Binance US")
            for code, message in BINANCE_DIALECT.auth_messages.items()
        },
        unauthorised_message=BINANCE_DIALECT.unauthorised_message.replace(
            "Binance", "Binance US"
        ),
    )


PROFILE = BinanceUsAdapter.profile = ExchangeProfile(
    name="BINANCEUS",
    display_name="Binance US",
    adapter=BinanceUsAdapter.create,
    default_base_url=DEFAULT_BASE_URL,
    help_url="https://www.binance.us/settings/api-management",
    reports_permissions=False,
    rate_limit=BINANCE_RATE_LIMIT,
)
