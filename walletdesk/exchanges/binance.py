"""Binance Spot v3: MEXC's protocol, plus a key-permission endpoint for the credential check."""

from __future__ import annotations

from walletdesk.exchanges.base import ApiCredentials, KeyCheck, describe_permissions
from walletdesk.exchanges.http import RateLimit
from walletdesk.exchanges.profile import ExchangeProfile
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

# Each of these lets the key move funds out of the wallets it reads: reported as "withdraw".
_MOVING_FLAGS = ("enableWithdrawals", "enableInternalTransfer", "permitsUniversalTransfer")

BINANCE_DIALECT = Dialect(
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
    account_weight=20,
    ticker_weight=4,
)
# 6,000 request weight per minute per IP (the /api/v3 REQUEST_WEIGHT limit).
BINANCE_RATE_LIMIT = RateLimit(weight=6000, seconds=60)


class BinanceAdapter(SpotV3Adapter):
    dialect = BINANCE_DIALECT

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
        moves = [read_flag(restrictions, name, self._display) for name in _MOVING_FLAGS]
        known_moves = [flag for flag in moves if flag is not None]
        can_withdraw = any(known_moves) if known_moves else None
        return describe_permissions(self._display, can_trade, can_withdraw)


PROFILE = BinanceAdapter.profile = ExchangeProfile(
    name="BINANCE",
    display_name="Binance",
    adapter=BinanceAdapter.create,
    default_base_url=DEFAULT_BASE_URL,
    help_url="https://www.binance.com/en/support/faq/how-to-create-api-keys-on-binance-360002502072",
    rate_limit=BINANCE_RATE_LIMIT,
)
