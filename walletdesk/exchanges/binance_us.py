"""Binance US: Binance's spot v3 protocol on its own host, without any /sapi wallet.

Its documentation lists only ``recvWindow`` and ``timestamp`` for ``/api/v3/account`` (no
``omitZeroBalances``), and it has no ``apiRestrictions``: the key check cannot tell what a
key may do, so it says so.
"""

from __future__ import annotations

from dataclasses import replace

from walletdesk.exchanges.binance import BINANCE_DIALECT
from walletdesk.exchanges.profiles.binance_us import PROFILE
from walletdesk.exchanges.spot_v3 import SpotV3Adapter


class BinanceUsAdapter(SpotV3Adapter):
    profile = PROFILE
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
