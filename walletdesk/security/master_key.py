"""The 32-byte master key's sources: WALLETDESK_MASTER_KEY, the OS keychain, a password.

This module reads and writes keys where they are kept; which key a database expects, and
when a new one may be made, is decided by ``walletdesk.controllers.master_key``. There is
no plaintext fallback.
"""

from __future__ import annotations

import base64
import binascii
import logging
import os
from collections.abc import Iterator, MutableMapping
from contextlib import contextmanager

from walletdesk.core.errors import KeychainUnavailableError, MasterKeyError

ENV_VAR = "WALLETDESK_MASTER_KEY"
SERVICE = "walletdesk"
USERNAME = "master-key"
KEY_BYTES = 32
_CHECK_LABEL = b"walletdesk/master-key-check/v1"

log = logging.getLogger(__name__)

NO_KEYCHAIN = (
    "No OS keychain is available to keep WalletDesk's master key. Start your desktop's "
    "keychain (e.g. GNOME Keyring or KWallet), protect the key with a password instead "
    "(`walletdesk rekey --password`), or set WALLETDESK_MASTER_KEY to the base64 of 32 "
    "random bytes (e.g. `openssl rand -base64 32`)."
)


def new_key() -> bytes:
    return os.urandom(KEY_BYTES)


def decode_key(text: str, source: str = ENV_VAR) -> bytes:
    try:
        key = base64.b64decode(text.strip(), validate=True)
    except (binascii.Error, ValueError) as exc:
        raise MasterKeyError(
            f"{source} is not valid base64: set it to the base64 of 32 random bytes."
        ) from exc
    if len(key) != KEY_BYTES:
        raise MasterKeyError(
            f"{source} must be the base64 of exactly 32 bytes (it has {len(key)})."
        )
    return key


def encode_key(key: bytes) -> str:
    return base64.b64encode(key).decode("ascii")


def key_check(key: bytes) -> bytes:
    """A value that tells this key from any other without revealing it (HMAC-SHA256)."""
    import hashlib  # loads OpenSSL: not at first paint, which only takes the key out of
    import hmac  # the environment

    return hmac.new(key, _CHECK_LABEL, hashlib.sha256).digest()


def key_id(check: bytes) -> str:
    """A short name for a key, for messages: the first 4 bytes of its check value in hex."""
    return check[:4].hex()


@contextmanager
def taken_from_environment(
    environ: MutableMapping[str, str] = os.environ,
) -> Iterator[str | None]:
    """WALLETDESK_MASTER_KEY, removed from the environment while the block runs, so no
    child process (the sign-in browser) inherits it; put back afterwards for the caller."""
    value = environ.pop(ENV_VAR, None)
    try:
        yield value or None
    finally:
        if value is not None:
            environ[ENV_VAR] = value


class Keychain:
    """WalletDesk's entries in the OS keychain (``keyring``), errors in the user's words."""

    def read(self, entry: str = USERNAME) -> bytes | None:
        import keyring
        from keyring.errors import KeyringError, KeyringLocked, NoKeyringError

        try:
            stored = keyring.get_password(SERVICE, entry)
        except NoKeyringError as exc:
            raise KeychainUnavailableError(NO_KEYCHAIN) from exc
        except KeyringLocked as exc:
            raise KeychainUnavailableError(
                "The OS keychain is locked: unlock it (log in to your desktop session) and "
                "try again."
            ) from exc
        except KeyringError as exc:
            raise KeychainUnavailableError(
                f"The OS keychain could not be read ({type(exc).__name__}). " + NO_KEYCHAIN
            ) from exc
        if stored is None:
            return None
        try:
            return decode_key(stored)
        except MasterKeyError as exc:
            raise MasterKeyError(
                "The master key in the OS keychain is damaged. Remove the keychain entry "
                f"'{SERVICE}/{entry}' and re-enter your API secrets."
            ) from exc

    def write(self, key: bytes, entry: str = USERNAME) -> None:
        """Store ``key`` and read it back: a keychain that drops writes must not lose secrets."""
        import keyring
        from keyring.errors import KeyringError

        try:
            keyring.set_password(SERVICE, entry, encode_key(key))
        except KeyringError as exc:
            raise KeychainUnavailableError(NO_KEYCHAIN) from exc
        if self.read(entry) != key:
            raise KeychainUnavailableError(
                "The OS keychain did not keep WalletDesk's master key. " + NO_KEYCHAIN
            )
        log.info("stored a master key in the OS keychain")
