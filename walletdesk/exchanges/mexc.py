"""MEXC Spot v3: the exchange the specification names."""

from __future__ import annotations

from walletdesk.exchanges.http import RateLimit
from walletdesk.exchanges.profile import ExchangeProfile
from walletdesk.exchanges.spot_v3 import Dialect, SpotV3Adapter

DEFAULT_BASE_URL = "https://api.mexc.com"
FUTURES_BASE_URL = "https://contract.mexc.com"

_KEY_REJECTED = (
    "MEXC rejected the API key: check that it was copied completely and has not been deleted."
)

MEXC_DIALECT = Dialect(
    key_header="X-MEXC-APIKEY",
    account_params=(),
    clock_skew_codes=frozenset({700003}),
    auth_messages={
        700001: "MEXC says the API key is malformed: copy the API key (the Access Key) again "
        "from MEXC, completely and without spaces.",
        # MEXC answers 700002 both for a wrong secret and for an expired key.
        700002: "MEXC rejected the request signature: check that the secret key was copied "
        "completely and that the API key has not expired or been deleted.",
        10072: _KEY_REJECTED,
        700006: "MEXC refused this computer's IP address (IP not whitelisted): add this "
        "computer's IP to the key on MEXC, or remove the IP restriction.",
        700007: "The MEXC key may not read the account: edit the key on MEXC and allow "
        "reading account information (spot), or create a new read-only key.",
    },
    unauthorised_message=_KEY_REJECTED,
    account_weight=10,
    ticker_weight=2,
)


class MexcAdapter(SpotV3Adapter):
    dialect = MEXC_DIALECT


PROFILE = MexcAdapter.profile = ExchangeProfile(
    name="MEXC",
    display_name="MEXC",
    adapter=MexcAdapter.create,
    default_base_url=DEFAULT_BASE_URL,
    help_url="https://www.mexc.com/user/openapi",
    # MEXC has no endpoint that tells what a key may do: the account's canTrade and
    # canWithdraw describe the account, not the key.
    reports_permissions=False,
    extra_hosts={"FUTURES": FUTURES_BASE_URL},
    # Spot v3: 500 weight per 10 s per IP; the account call weighs 10 (2 calls a second
    # for the account endpoint, as MEXC's docs state it).
    rate_limit=RateLimit(weight=20, seconds=1),
)
