"""Every secret part of one API key, as the one plaintext the vault encrypts.

Some exchanges' keys have more than one secret part (OKX a passphrase, Coinbase a PEM
private key as its secret). All of them travel inside the one encrypted ``api_secret``
blob, as a versioned payload:

    NUL "v2" NUL {"passphrase": "...", "secret": "..."}     (JSON, keys sorted)

A payload written before parts existed is the bare secret (printable ASCII, never a NUL),
so it still reads: as ``{"secret": <text>}``. A later layout gets a new version tag.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from walletdesk.core.errors import DecryptionError

SECRET = "secret"  # noqa: S105 - the name of a part, not a secret
PASSPHRASE = "passphrase"  # noqa: S105 - likewise

_TAG_V2 = "\x00v2\x00"
_KNOWN = frozenset({SECRET, PASSPHRASE})


@dataclass(frozen=True)
class SecretParts:
    """The secret side of a key, in memory only while a request is signed or a key checked."""

    secret: str = field(repr=False)
    passphrase: str | None = field(default=None, repr=False)

    def __repr__(self) -> str:
        return "SecretParts(***)"

    __str__ = __repr__

    def as_mapping(self) -> Mapping[str, str]:
        parts = {SECRET: self.secret}
        if self.passphrase is not None:
            parts[PASSPHRASE] = self.passphrase
        return parts


def encode_secret_parts(parts: SecretParts) -> str:
    import json  # the first paint imports this module for the part names only

    return _TAG_V2 + json.dumps(dict(parts.as_mapping()), sort_keys=True, separators=(",", ":"))


def decode_secret_parts(plaintext: str) -> SecretParts:
    """The parts of a decrypted payload, of any version written so far."""
    if not plaintext.startswith("\x00"):
        return SecretParts(secret=plaintext)  # version 1: the bare secret
    if not plaintext.startswith(_TAG_V2):
        raise DecryptionError(_unknown_layout())
    import json

    try:
        parts = json.loads(plaintext[len(_TAG_V2) :])
    except ValueError:
        raise DecryptionError(_unknown_layout()) from None
    if (
        not isinstance(parts, dict)
        or not isinstance(parts.get(SECRET), str)
        or not set(parts) <= _KNOWN
        or not all(isinstance(value, str) for value in parts.values())
    ):
        raise DecryptionError(_unknown_layout())
    return SecretParts(secret=parts[SECRET], passphrase=parts.get(PASSPHRASE))


def _unknown_layout() -> str:
    # Never the payload itself: it is the secret.
    return (
        "A stored secret is in a layout this version of WalletDesk cannot read (written by a "
        "newer version?): update WalletDesk, or re-enter the secret for that key."
    )
