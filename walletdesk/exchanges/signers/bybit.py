"""Bybit v5: ``X-BAPI-SIGN`` = hex(HMAC-SHA256(secret, timestamp + apiKey + recvWindow + payload)).

Source: bybit-exchange.github.io/docs/v5/guide#authentication. ``payload`` is the query
string exactly as sent for GET, the raw JSON body for POST; the timestamp is in ms.
"""

from __future__ import annotations

from walletdesk.exchanges.signers.digests import hmac_sha256_hex


def prehash(timestamp_ms: int, api_key: str, recv_window_ms: int, payload: str) -> str:
    return f"{timestamp_ms}{api_key}{recv_window_ms}{payload}"


def bapi_sign(
    secret: str, timestamp_ms: int, api_key: str, recv_window_ms: int, payload: str
) -> str:
    return hmac_sha256_hex(secret, prehash(timestamp_ms, api_key, recv_window_ms, payload))
