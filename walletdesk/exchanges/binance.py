"""Binance Spot v3: MEXC's protocol, plus a key-permission endpoint for the credential check."""

from __future__ import annotations

from walletdesk.core.exchange_names import BINANCE
from walletdesk.exchanges.base import ApiCredentials, KeyCheck, describe_permissions
from walletdesk.exchanges.responses import read_flag
from walletdesk.exchanges.spot_v3 import Dialect, EndpointMissingError, SpotV3Adapter

DEFAULT_BASE_URL = "https://api.binance.com"
RESTRICTIONS_PATH = "/sapi/v1/account/apiRestrictions"
_TRADING_FLAGS = (
    "enableSpotAndMarginTrading",
    "enableMargin",
    "enableFutures",
    "enableVanillaOptions",
    "enablePortfolioMarginTrading",
)

BINANCE_DIALECT = Dialect(
    name=BINANCE,
    key_header="X-MBX-APIKEY",
    account_params=(("omitZeroBalances", "true"),),
    clock_skew_codes=frozenset({-1021}),
    auth_messages={
        -2014: "Binance says the API key is malformed: copy the API key again from Binance, "
        "completely and without spaces.",
        -2015: "Binance rejected the API key, this computer's IP or the key's permissions: "
        "check that the key was copied completely and has not been deleted, that it may read "
        "the account, and, if it is IP-restricted, add this computer's IP to the key or remove "
        "the restriction.",
        -1022: "Binance rejected the request signature: check that the secret key was copied "
        "completely.",
    },
    unauthorised_message="Binance rejected the API key: check that it was copied completely "
    "and has not been deleted.",
)


class BinanceAdapter(SpotV3Adapter):
    dialect = BINANCE_DIALECT
    default_base_url = DEFAULT_BASE_URL

    def check_credentials(self, creds: ApiCredentials) -> KeyCheck:
        """The account call proves the key reads; apiRestrictions says what else it may do."""
        account_check = super().check_credentials(creds)
        try:
            restrictions = self._signed_get(RESTRICTIONS_PATH, creds)
        except EndpointMissingError:
            # The spot testnet and some proxies have no /sapi: the account's own flags remain.
            return account_check
        flags = [read_flag(restrictions, name, self._display) for name in _TRADING_FLAGS]
        known = [flag for flag in flags if flag is not None]
        can_trade = any(known) if known else None
        can_withdraw = read_flag(restrictions, "enableWithdrawals", self._display)
        return describe_permissions(self._display, can_trade, can_withdraw)
