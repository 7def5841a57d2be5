"""Bitget v2: ``ACCESS-SIGN`` = base64(HMAC-SHA256(secret, prehash)).

prehash = timestamp + METHOD + path (+ "?" + query when there is one) + body.

Source: bitget.com/api-doc/common/signature. The query string is signed exactly as sent;
the timestamp is in ms; ``ACCESS-PASSPHRASE`` goes in plain (unlike KuCoin).
"""

from __future__ import annotations

from walletdesk.exchanges.signers.digests import hmac_sha256_base64


def prehash(timestamp_ms: int, method: str, path: str, *, query: str = "", body: str = "") -> str:
    target = f"{path}?{query}" if query else path
    return f"{timestamp_ms}{method.upper()}{target}{body}"


def access_sign(
    secret: str, timestamp_ms: int, method: str, path: str, *, query: str = "", body: str = ""
) -> str:
    return hmac_sha256_base64(secret, prehash(timestamp_ms, method, path, query=query, body=body))
