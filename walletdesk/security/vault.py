"""AES-256-GCM encryption of API secrets, each bound to its credential row.

Blob layout: version byte (1) | 96-bit random nonce | ciphertext with 128-bit tag.
Associated data: the version, the user id and the credential id, so a ciphertext copied
onto another row, or another user's row, does not decrypt.
"""

from __future__ import annotations

import os
import threading
from typing import TYPE_CHECKING, Protocol

from walletdesk.core.errors import DecryptionError

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

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

    def _cipher(self, *, create: bool) -> AESGCM:
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        with self._lock:
            if self._key is None:
                self._key = self._key_provider(create=create)
            return AESGCM(self._key)

    def encrypt(self, plaintext: str, *, credential_id: str, user_id: str) -> bytes:
        nonce = os.urandom(NONCE_BYTES)
        sealed = self._cipher(create=True).encrypt(
            nonce, plaintext.encode("utf-8"), _HEADER + associated_data(credential_id, user_id)
        )
        return _HEADER + nonce + sealed

    def decrypt(self, blob: bytes, *, credential_id: str, user_id: str) -> str:
        from cryptography.exceptions import InvalidTag

        if len(blob) < 1 + NONCE_BYTES + 16 or blob[0] != VERSION:
            raise DecryptionError(_unreadable(credential_id))
        nonce, sealed = blob[1 : 1 + NONCE_BYTES], blob[1 + NONCE_BYTES :]
        cipher = self._cipher(create=False)
        try:
            plain = cipher.decrypt(nonce, sealed, _HEADER + associated_data(credential_id, user_id))
        except InvalidTag:
            raise DecryptionError(_unreadable(credential_id)) from None
        return plain.decode("utf-8")


def _unreadable(credential_id: str) -> str:
    return (
        f"The stored secret of credential {credential_id[:8]} cannot be decrypted: the master "
        "key has changed or the data was altered. Re-enter the secret for this credential "
        "(Edit API key → Replace secret, or `walletdesk credentials update "
        f"{credential_id[:8]} --replace-secret`); your other credentials are not affected."
    )
