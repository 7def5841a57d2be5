"""MEXC Spot v3: the exchange the specification names."""

from __future__ import annotations

from walletdesk.core.exchange_names import MEXC
from walletdesk.exchanges.spot_v3 import Dialect, SpotV3Adapter

DEFAULT_BASE_URL = "https://api.mexc.com"

_KEY_REJECTED = (
    "MEXC rejected the API key: check that it was copied completely and has not been deleted."
)

MEXC_DIALECT = Dialect(
    name=MEXC,
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
)


class MexcAdapter(SpotV3Adapter):
    dialect = MEXC_DIALECT
    default_base_url = DEFAULT_BASE_URL
