"""The 32-byte master key: from WALLETDESK_MASTER_KEY, else from the OS keychain.

The key is created on first use only when something is about to be encrypted. When
secrets exist but the key is gone, WalletDesk says so instead of inventing a new key
that could never decrypt them. There is no plaintext fallback.
"""

from __future__ import annotations

import base64
import binascii
import logging
import os
from collections.abc import Mapping

from walletdesk.core.errors import KeychainUnavailableError, MasterKeyError

ENV_VAR = "WALLETDESK_MASTER_KEY"
SERVICE = "walletdesk"
USERNAME = "master-key"
KEY_BYTES = 32

log = logging.getLogger(__name__)

_NO_KEYCHAIN = (
    "No OS keychain is available to keep WalletDesk's master key. Start your desktop's "
    "keychain (e.g. GNOME Keyring or KWallet), or set WALLETDESK_MASTER_KEY to the base64 "
    "of 32 random bytes (e.g. `openssl rand -base64 32`)."
)


def decode_key(text: str) -> bytes:
    try:
        key = base64.b64decode(text.strip(), validate=True)
    except (binascii.Error, ValueError) as exc:
        raise MasterKeyError(
            f"{ENV_VAR} is not valid base64: set it to the base64 of 32 random bytes."
        ) from exc
    if len(key) != KEY_BYTES:
        raise MasterKeyError(
            f"{ENV_VAR} must be the base64 of exactly 32 bytes (it has {len(key)})."
        )
    return key


class MasterKeyStore:
    """Reads (and on first use creates) the master key."""

    def __init__(self, environ: Mapping[str, str] = os.environ) -> None:
        self._environ = environ

    def load(self, *, create: bool) -> bytes:
        override = self._environ.get(ENV_VAR)
        if override:
            return decode_key(override)
        stored = self._read_keychain()
        if stored is not None:
            try:
                return decode_key(stored)
            except MasterKeyError as exc:
                raise MasterKeyError(
                    "The master key in the OS keychain is damaged. Remove the keychain entry "
                    f"'{SERVICE}/{USERNAME}' and re-enter your API secrets."
                ) from exc
        if not create:
            raise MasterKeyError(
                "WalletDesk's master key is missing from the OS keychain, so stored API "
                "secrets cannot be decrypted. If you moved or reset the keychain, restore it; "
                "otherwise re-enter each secret (Edit API key → Replace secret, or `walletdesk "
                "credentials update ID --replace-secret`)."
            )
        return self._create()

    def _read_keychain(self) -> str | None:
        import keyring
        from keyring.errors import KeyringError, KeyringLocked, NoKeyringError

        try:
            return keyring.get_password(SERVICE, USERNAME)
        except NoKeyringError as exc:
            raise KeychainUnavailableError(_NO_KEYCHAIN) from exc
        except KeyringLocked as exc:
            raise KeychainUnavailableError(
                "The OS keychain is locked: unlock it (log in to your desktop session) and "
                "try again."
            ) from exc
        except KeyringError as exc:
            raise KeychainUnavailableError(
                f"The OS keychain could not be read ({type(exc).__name__}). " + _NO_KEYCHAIN
            ) from exc

    def _create(self) -> bytes:
        import keyring
        from keyring.errors import KeyringError

        key = os.urandom(KEY_BYTES)
        try:
            keyring.set_password(SERVICE, USERNAME, base64.b64encode(key).decode("ascii"))
        except KeyringError as exc:
            raise KeychainUnavailableError(_NO_KEYCHAIN) from exc
        log.info("created a new master key in the OS keychain")
        confirmed = self._read_keychain()  # a keychain that drops writes must not lose secrets
        if confirmed is None or decode_key(confirmed) != key:
            raise KeychainUnavailableError(
                "The OS keychain did not keep WalletDesk's master key. " + _NO_KEYCHAIN
            )
        return key
