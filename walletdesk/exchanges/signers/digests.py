"""The keyed digests the exchanges sign with, over UTF-8 text.

base64, hashlib and hmac are imported on first use: adapter modules import their signer
at the top, and the exchange catalog (and so every adapter module) is imported at first
paint, where loading OpenSSL's hashlib would cost ~10 ms for nothing.
"""

from __future__ import annotations


def hmac_sha256_base64(secret: str | bytes, message: str) -> str:
    """base64 HMAC-SHA256: OKX, KuCoin and Bitget."""
    import base64

    return base64.b64encode(_mac(secret, message, "sha256")).decode("ascii")


def hmac_sha256_hex(secret: str | bytes, message: str) -> str:
    """Lowercase hex HMAC-SHA256: MEXC, Binance, Bybit."""
    return _mac(secret, message, "sha256").hex()


def hmac_sha512_hex(secret: str | bytes, message: str) -> str:
    """Lowercase hex HMAC-SHA512: Gate."""
    return _mac(secret, message, "sha512").hex()


def _mac(secret: str | bytes, message: str, digest: str) -> bytes:
    import hmac

    key = secret.encode("utf-8") if isinstance(secret, str) else secret
    return hmac.new(key, message.encode("utf-8"), digest).digest()


def sha512_hex(data: bytes) -> str:
    import hashlib

    return hashlib.sha512(data).hexdigest()
