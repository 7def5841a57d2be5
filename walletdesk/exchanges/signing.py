"""Request signing shared by MEXC and Binance: HMAC-SHA256 over the exact query string."""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Sequence
from urllib.parse import urlencode


def sign(secret: str, message: str) -> str:
    """Lowercase hex HMAC-SHA256 of ``message`` keyed with ``secret``."""
    return hmac.new(secret.encode(), message.encode(), hashlib.sha256).hexdigest()


def signed_query(params: Sequence[tuple[str, str]], secret: str) -> str:
    """The query to send: the parameters in order, then ``signature`` of exactly that text."""
    query = urlencode(params)
    return f"{query}&signature={sign(secret, query)}"
