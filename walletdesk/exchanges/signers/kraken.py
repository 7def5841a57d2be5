"""Kraken Spot REST: ``API-Sign`` = base64(HMAC-SHA512(key, path + SHA256(nonce + body))).

key = the base64-decoded private key.

Source: docs.kraken.com/api/docs/guides/spot-rest-auth ("Setting the API-Sign Parameter").
``path`` starts at ``/0/private/``; ``body`` is the exact form-encoded body sent, which
itself contains ``nonce=...``.
"""

from __future__ import annotations

import base64
import binascii

SECRET_BYTES = 64  # Kraken private keys are 64 random bytes, shown as 88 base64 characters


class KrakenSecretError(ValueError):
    """The text is not a Kraken private key (not base64, or not 64 bytes)."""


def decode_secret(secret: str) -> bytes:
    """The private key's bytes; Kraken shows it as standard base64."""
    try:
        raw = base64.b64decode(secret.strip(), validate=True)
    except (binascii.Error, ValueError):
        raise KrakenSecretError("not base64") from None
    if len(raw) != SECRET_BYTES:
        raise KrakenSecretError(f"{len(raw)} bytes instead of {SECRET_BYTES}")
    return raw


def api_sign(uri_path: str, nonce: str, body: str, secret: bytes) -> str:
    """The ``API-Sign`` header for one private request."""
    import hashlib  # on first use: exchange modules load at first paint
    import hmac

    inner = hashlib.sha256((nonce + body).encode("utf-8")).digest()
    mac = hmac.new(secret, uri_path.encode("utf-8") + inner, hashlib.sha512)
    return base64.b64encode(mac.digest()).decode("ascii")
