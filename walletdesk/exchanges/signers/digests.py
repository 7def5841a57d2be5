"""The keyed digests the exchanges sign with, over UTF-8 text."""

from __future__ import annotations

import base64
import hashlib
import hmac


def hmac_sha256_base64(secret: str | bytes, message: str) -> str:
    """base64 HMAC-SHA256: OKX, KuCoin and Bitget."""
    return base64.b64encode(_mac(secret, message, "sha256")).decode("ascii")


def hmac_sha256_hex(secret: str | bytes, message: str) -> str:
    """Lowercase hex HMAC-SHA256: Bybit."""
    return _mac(secret, message, "sha256").hex()


def hmac_sha512_hex(secret: str | bytes, message: str) -> str:
    """Lowercase hex HMAC-SHA512: Gate."""
    return _mac(secret, message, "sha512").hex()


def _mac(secret: str | bytes, message: str, digest: str) -> bytes:
    key = secret.encode("utf-8") if isinstance(secret, str) else secret
    return hmac.new(key, message.encode("utf-8"), digest).digest()


def sha512_hex(data: bytes) -> str:
    return hashlib.sha512(data).hexdigest()
