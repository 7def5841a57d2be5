"""Coinbase as the catalog knows it (its secret is a PEM private key or the CDP key file);
the adapter is ``exchanges/coinbase.py``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from walletdesk.core.errors import ValidationError
from walletdesk.exchanges.pacing import Pace, RateLimit
from walletdesk.exchanges.profile import AdapterSettings, ExchangeProfile, SecretField

if TYPE_CHECKING:
    from walletdesk.exchanges.base import ExchangeAdapter


def _adapter(settings: AdapterSettings) -> ExchangeAdapter:
    from walletdesk.exchanges.coinbase import CoinbaseAdapter

    return CoinbaseAdapter.create(settings)


def _clean_private_key(text: str) -> str:
    """The PEM, from pasted text (literal ``\\n`` accepted) or the CDP JSON file's content."""
    from walletdesk.exchanges.signers import coinbase

    if not text.strip():
        raise ValidationError(
            "secret", "Paste the private key, or load the key file Coinbase downloaded."
        )
    try:
        pem = coinbase.read_key_text(text).pem
        coinbase.load_private_key(pem)
    except coinbase.CoinbaseKeyError as error:
        raise ValidationError("secret", str(error)) from None
    return pem


def _key_name(text: str) -> str | None:
    from walletdesk.exchanges.signers import coinbase

    try:
        return coinbase.read_key_text(text).key_name
    except coinbase.CoinbaseKeyError:
        return None


PRIVATE_KEY = SecretField(
    "secret",
    "Private key",
    _clean_private_key,
    multiline=True,
    key_name=_key_name,
    key_file_filter="CDP API key file (*.json);;PEM key (*.pem);;All files (*)",
)

PROFILE = ExchangeProfile(
    name="COINBASE",
    display_name="Coinbase",
    adapter=_adapter,
    default_base_url="https://api.coinbase.com",
    secret_fields=(PRIVATE_KEY,),
    help_url="https://docs.cdp.coinbase.com/coinbase-app/authentication-authorization/api-key-authentication",
    # Advanced Trade: private endpoints 30 requests a second per user (each key's budget),
    # public ones 10 a second per IP. [docs.cdp.coinbase.com/advanced-trade/docs/
    # rest-api-rate-limits, as cited: the page itself was not at hand to re-read]
    pace=Pace(host=RateLimit(weight=10, seconds=1), account=RateLimit(weight=30, seconds=1)),
)
