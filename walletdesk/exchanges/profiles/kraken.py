"""Kraken as the catalog knows it; the adapter is ``exchanges/kraken.py``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from walletdesk.exchanges.pacing import Pace, RateLimit
from walletdesk.exchanges.profile import AdapterSettings, ExchangeProfile, SecretField

if TYPE_CHECKING:
    from walletdesk.exchanges.base import ExchangeAdapter


def _adapter(settings: AdapterSettings) -> ExchangeAdapter:
    from walletdesk.exchanges.kraken import KrakenAdapter

    return KrakenAdapter.create(settings)


def _clean_secret(text: str) -> str:
    from walletdesk.core.errors import ValidationError
    from walletdesk.exchanges.signers import kraken

    value = text.strip()
    if not value:
        raise ValidationError(
            "secret", "Enter the private key Kraken showed when the key was created."
        )
    try:
        kraken.decode_secret(value)
    except kraken.KrakenSecretError:
        raise ValidationError(
            "secret",
            "A Kraken private key is 88 characters of base64 ending in ==: copy all of it.",
        ) from None
    return value


PROFILE = ExchangeProfile(
    name="KRAKEN",
    display_name="Kraken",
    adapter=_adapter,
    default_base_url="https://api.kraken.com",
    secret_fields=(SecretField("secret", "Private key", _clean_secret),),
    help_url="https://support.kraken.com/hc/en-us/articles/360000919966-How-to-create-an-API-key",
    reports_permissions=False,
    pace=Pace(
        # Public: per IP, "a frequency of 1 per second (or less) would remain within the rate
        # limits", here on average, in bursts of a few. [support.kraken.com/articles/206548367]
        host=RateLimit(weight=10, seconds=10),
        # Private: "each API key's counter is separate": +1 per call (BalanceEx), at most 15,
        # decaying by 0.33/s on the Starter tier (20 and 0.5/s or 1/s above). A bucket of 15
        # refilled at 0.33/s is that counter; the tier is unknown, so the lowest one.
        # [docs.kraken.com/api/docs/guides/spot-rest-ratelimits]
        account=RateLimit(weight=15, seconds=15 / 0.33),
    ),
)
