"""AES-256-GCM encryption of API secrets, each bound to its credential row.

Blob layout: version byte (1) | 96-bit random nonce | ciphertext with 128-bit tag.
Associated data: the version, the user id and the credential id, so a ciphertext copied
onto another row, or another user's row, does not decrypt.
"""

from __future__ import annotations

import os
import threading
from typing import Protocol

from walletdesk.core.errors import DecryptionError

VERSION = 1
NONCE_BYTES = 12
_HEADER = bytes([VERSION])


class KeyProvider(Protocol):
    def __call__(self, *, create: bool) -> bytes: ...


def associated_data(credential_id: str, user_id: str) -> bytes:
    return b"walletdesk/api_secret/v1\x00" + user_id.encode() + b"\x00" + credential_id.encode()


class Vault:
    def __init__(self, key_provider: KeyProvider) -> None:
        self._key_provider = key_provider
        self._key: bytes | None = None
        self._lock = threading.Lock()

    def forget_key(self) -> None:
        """Drop the key held in memory (the database was replaced: its key is asked anew)."""
        with self._lock:
            self._key = None

    def _master_key(self, *, create: bool) -> bytes:
        with self._lock:
            if self._key is None:
                self._key = self._key_provider(create=create)
            return self._key

    def encrypt(self, plaintext: str, *, credential_id: str, user_id: str) -> bytes:
        return seal(self._master_key(create=True), plaintext, credential_id, user_id)

    def decrypt(self, blob: bytes, *, credential_id: str, user_id: str) -> str:
        if not _well_formed(blob):
            raise DecryptionError(_unreadable(credential_id))
        plain = unseal(self._master_key(create=False), blob, credential_id, user_id)
        if plain is None:
            raise DecryptionError(_unreadable(credential_id))
        return plain


def seal(key: bytes, plaintext: str, credential_id: str, user_id: str) -> bytes:
    """The stored form of ``plaintext`` under ``key``, bound to its row."""
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    nonce = os.urandom(NONCE_BYTES)
    sealed = AESGCM(key).encrypt(
        nonce, plaintext.encode("utf-8"), _HEADER + associated_data(credential_id, user_id)
    )
    return _HEADER + nonce + sealed


def unseal(key: bytes, blob: bytes, credential_id: str, user_id: str) -> str | None:
    """The plaintext of ``blob``, or None when ``key`` (or the row) is not the one it was
    sealed for."""
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    if not _well_formed(blob):
        return None
    nonce, sealed = blob[1 : 1 + NONCE_BYTES], blob[1 + NONCE_BYTES :]
    try:
        plain = AESGCM(key).decrypt(
            nonce, sealed, _HEADER + associated_data(credential_id, user_id))
    except InvalidTag:
        return None
    return plain.decode("utf-8")


def _well_formed(blob: bytes) -> bool:
    return len(blob) >= 1 + NONCE_BYTES + 16 and blob[0] == VERSION


def _unreadable(credential_id: str) -> str:
    return (
        f"The stored secret of credential {credential_id[:8]} cannot be decrypted: the master "
        "key has changed or the data was altered. Re-enter the secret for this credential "
        "(Edit API key → Replace secret, or `walletdesk credentials update "
        f"{credential_id[:8]} --replace-secret`); your other credentials are not affected."
    )
