"""Spot v3 request signing (MEXC, Binance): HMAC-SHA256 over the exact query string."""

from __future__ import annotations

from collections.abc import Sequence
from urllib.parse import urlencode

from walletdesk.exchanges.signers.digests import hmac_sha256_hex


def sign(secret: str, message: str) -> str:
    """Lowercase hex HMAC-SHA256 of ``message`` keyed with ``secret``."""
    return hmac_sha256_hex(secret, message)


def signed_query(params: Sequence[tuple[str, str]], secret: str) -> str:
    """The query to send: the parameters in order, then ``signature`` of exactly that text."""
    query = urlencode(params)
    return f"{query}&signature={sign(secret, query)}"
