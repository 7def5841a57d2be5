"""OKX v5: ``OK-ACCESS-SIGN`` = base64(HMAC-SHA256(secret, prehash)).

prehash = timestamp + METHOD + requestPath + body.

Source: okx.com/docs-v5/en/#overview-rest-authentication-signature. ``requestPath``
carries the query string for GET; ``body`` is "" for GET. The timestamp is ISO 8601 UTC
with milliseconds (``2020-12-08T09:08:57.715Z``); epoch numbers are refused (50112).
"""

from __future__ import annotations

from datetime import UTC, datetime

from walletdesk.exchanges.signers.digests import hmac_sha256_base64


def iso_timestamp(epoch_ms: int) -> str:
    """``2020-12-08T09:08:57.715Z`` for a Unix time in milliseconds."""
    moment = datetime.fromtimestamp(epoch_ms // 1000, tz=UTC)
    return f"{moment:%Y-%m-%dT%H:%M:%S}.{epoch_ms % 1000:03d}Z"


def prehash(timestamp: str, method: str, request_path: str, body: str = "") -> str:
    return f"{timestamp}{method.upper()}{request_path}{body}"


def access_sign(secret: str, timestamp: str, method: str, request_path: str, body: str = "") -> str:
    return hmac_sha256_base64(secret, prehash(timestamp, method, request_path, body))
