"""Coinbase Advanced Trade (CDP keys): one ES256 JWT per request, in ``Authorization: Bearer``.

Source: docs.cdp.coinbase.com/coinbase-app/authentication-authorization/api-key-authentication
and Coinbase's own SDK (coinbase-advanced-py ``jwt_generator``): header ``alg`` ES256, ``kid``
the key name, a random ``nonce``, ``typ`` JWT; claims ``sub`` the key name, ``iss`` "cdp",
``nbf`` now, ``exp`` at most 120 s later, ``uri`` "METHOD host/path" (no scheme, no query).
The JWS signature is raw r||s (64 bytes), not the DER that ``cryptography`` produces.

The key arrives as the PEM of an EC P-256 private key, often pasted from the downloaded CDP
JSON file with literal ``\\n`` sequences, or as that JSON file itself.
"""

from __future__ import annotations

import base64
import json
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.ec import EllipticCurvePrivateKey

JWT_LIFETIME_S = 120  # Coinbase's ceiling for exp - nbf
COORDINATE_BYTES = 32  # P-256: r and s are 32 bytes each
_PEM_BLOCK = re.compile(r"-----BEGIN ([A-Z ]+)-----.*?-----END \1-----", re.DOTALL)


class CoinbaseKeyError(ValueError):
    """The text is not a usable CDP key; ``str()`` says why in words for the user."""


@dataclass(frozen=True)
class CdpKeyText:
    """What the user gave: the PEM, and the key name when it came from the CDP JSON file."""

    pem: str = field(repr=False)
    key_name: str | None


def read_key_text(text: str) -> CdpKeyText:
    """The PEM from pasted text or from the CDP key JSON file's content."""
    stripped = text.strip()
    if stripped.startswith("{"):
        return _from_cdp_json(stripped)
    return CdpKeyText(pem=_normalise_pem(stripped), key_name=None)


def load_private_key(pem: str) -> EllipticCurvePrivateKey:
    """The EC P-256 private key of a PEM (SEC1 "EC PRIVATE KEY" or PKCS#8)."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import ec

    try:
        key = serialization.load_pem_private_key(pem.encode("ascii"), password=None)
    except (ValueError, TypeError, UnicodeError):
        raise CoinbaseKeyError(
            "The private key is not a readable PEM key: paste all of it, from "
            "-----BEGIN EC PRIVATE KEY----- to -----END EC PRIVATE KEY-----, or load the "
            "downloaded key file."
        ) from None
    if not isinstance(key, ec.EllipticCurvePrivateKey) or not isinstance(key.curve, ec.SECP256R1):
        raise CoinbaseKeyError(
            "This is not an ECDSA (P-256) key. Advanced Trade needs one: create the key on "
            "the Coinbase Developer Platform with the signature algorithm ECDSA, not Ed25519."
        )
    return key


def jwt_uri(method: str, host: str, path: str) -> str:
    """The ``uri`` claim: ``GET api.coinbase.com/api/v3/brokerage/accounts``."""
    return f"{method.upper()} {host}{path}"


def build_jwt(
    key_name: str,
    private_key: EllipticCurvePrivateKey,
    uri: str,
    *,
    now: int,
    nonce: str,
    lifetime: int = JWT_LIFETIME_S,
) -> str:
    """A signed JWT for one request; ``now`` is Unix seconds (server-corrected by the caller)."""
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature

    header = {"alg": "ES256", "kid": key_name, "nonce": nonce, "typ": "JWT"}
    claims = {
        "sub": key_name,
        "iss": "cdp",
        "nbf": now,
        "exp": now + min(lifetime, JWT_LIFETIME_S),
        "uri": uri,
    }
    signing_input = f"{_b64url_json(header)}.{_b64url_json(claims)}"
    der = private_key.sign(signing_input.encode("ascii"), ec.ECDSA(hashes.SHA256()))
    r, s = decode_dss_signature(der)
    raw = r.to_bytes(COORDINATE_BYTES, "big") + s.to_bytes(COORDINATE_BYTES, "big")
    return f"{signing_input}.{b64url(raw)}"


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _b64url_json(value: object) -> str:
    return b64url(json.dumps(value, separators=(",", ":")).encode("utf-8"))


def _from_cdp_json(text: str) -> CdpKeyText:
    try:
        payload = json.loads(text)
    except ValueError:
        raise CoinbaseKeyError(
            "The key file is not valid JSON: load the file Coinbase downloaded when the key "
            "was created, unchanged."
        ) from None
    private = payload.get("privateKey") if isinstance(payload, dict) else None
    if not isinstance(private, str) or not private.strip():
        raise CoinbaseKeyError(
            "The key file has no privateKey: load the CDP API key file Coinbase downloaded."
        )
    name = payload.get("name") or payload.get("id")
    return CdpKeyText(
        pem=_normalise_pem(private.strip()), key_name=name if isinstance(name, str) else None
    )


def _normalise_pem(text: str) -> str:
    """One PEM block with real line breaks, whatever became of them on the way (literal
    ``\\n`` sequences from the JSON file, spaces from a one-line paste, CRLF)."""
    unescaped = text.replace("\\r\\n", "\n").replace("\\n", "\n")
    block = _PEM_BLOCK.search(unescaped)
    if block is None:
        raise CoinbaseKeyError(
            "The private key must be the PEM text from -----BEGIN EC PRIVATE KEY----- to "
            "-----END EC PRIVATE KEY----- (or the downloaded CDP key file)."
        )
    label = block.group(1)
    body = "".join(block.group(0).split(f"-----BEGIN {label}-----", 1)[1].split())
    body = body.removesuffix(f"-----END{label.replace(' ', '')}-----")
    lines = [body[i : i + 64] for i in range(0, len(body), 64)]
    return "\n".join([f"-----BEGIN {label}-----", *lines, f"-----END {label}-----", ""])
