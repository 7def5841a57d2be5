"""Gate APIv4: ``SIGN`` = hex(HMAC-SHA512(secret, prehash)), lowercase.

prehash = the lines METHOD, path, query, hex(SHA512(body)), Timestamp, joined by "\\n".

Source: gate.com/docs/developers/apiv4/en/#authentication. ``path`` includes ``/api/v4``;
the query is as sent, not re-encoded, "" when there is none; an empty body still hashes
(SHA512 of nothing); ``Timestamp`` is in Unix seconds.
"""

from __future__ import annotations

from walletdesk.exchanges.signers.digests import hmac_sha512_hex, sha512_hex


def prehash(method: str, path: str, query: str, body: bytes, timestamp_s: int) -> str:
    return "\n".join((method.upper(), path, query, sha512_hex(body), str(timestamp_s)))


def sign(secret: str, method: str, path: str, query: str, *, body: bytes, timestamp_s: int) -> str:
    return hmac_sha512_hex(secret, prehash(method, path, query, body, timestamp_s))
