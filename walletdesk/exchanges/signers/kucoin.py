"""KuCoin: ``KC-API-SIGN`` = base64(HMAC-SHA256(secret, timestamp + METHOD + path?query + body)).

Source: KuCoin "Authentication" (docs-new: Signing a Message). For key versions 2 and 3
``KC-API-PASSPHRASE`` is base64(HMAC-SHA256(secret, passphrase)); version 1 sends it plain.
That is why a wrong *secret* with a v2/v3 key is refused as a wrong passphrase (400004).
"""

from __future__ import annotations

from walletdesk.exchanges.signers.digests import hmac_sha256_base64

SIGNED_PASSPHRASE_VERSIONS = frozenset({"2", "3"})


def prehash(timestamp_ms: int, method: str, path_with_query: str, body: str = "") -> str:
    return f"{timestamp_ms}{method.upper()}{path_with_query}{body}"


def api_sign(
    secret: str, timestamp_ms: int, method: str, path_with_query: str, body: str = ""
) -> str:
    return hmac_sha256_base64(secret, prehash(timestamp_ms, method, path_with_query, body))


def api_passphrase(secret: str, passphrase: str, key_version: str) -> str:
    """The ``KC-API-PASSPHRASE`` header value for this key version."""
    if key_version in SIGNED_PASSPHRASE_VERSIONS:
        return hmac_sha256_base64(secret, passphrase)
    return passphrase
