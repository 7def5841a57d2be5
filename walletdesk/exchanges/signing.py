"""Request signing pieces shared by the adapters: HMAC digests over exact text.

hashlib and hmac are imported on first use: exchange modules are imported at first paint.
"""

from __future__ import annotations

from collections.abc import Sequence
from urllib.parse import urlencode


def hmac_digest(key: bytes, message: bytes, algorithm: str = "sha256") -> bytes:
    import hashlib
    import hmac

    return hmac.new(key, message, getattr(hashlib, algorithm)).digest()


def sign(secret: str, message: str) -> str:
    """Lowercase hex HMAC-SHA256 of ``message`` keyed with ``secret`` (MEXC, Binance, Bybit)."""
    return hmac_digest(secret.encode(), message.encode()).hex()


def sign_base64(secret: str, message: str) -> str:
    """Base64 HMAC-SHA256 of ``message`` keyed with ``secret`` (OKX, KuCoin, Bitget)."""
    import base64

    return base64.b64encode(hmac_digest(secret.encode(), message.encode())).decode()


def signed_query(params: Sequence[tuple[str, str]], secret: str) -> str:
    """The query to send: the parameters in order, then ``signature`` of exactly that text."""
    query = urlencode(params)
    return f"{query}&signature={sign(secret, query)}"
