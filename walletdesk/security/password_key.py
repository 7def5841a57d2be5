"""A master key sealed with a password: Argon2id (RFC 9106) from ``cryptography``.

For desktops without an OS keychain. The key derived from the password seals the master
key with AES-256-GCM; what is stored is the sealed key, the salt and the Argon2id
parameters (so they can be raised later without breaking old data), never the password.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from typing import TYPE_CHECKING

from walletdesk.core.errors import MasterKeyError

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

KDF_NAME = "argon2id"
SALT_BYTES = 16
NONCE_BYTES = 12
# RFC 9106's second recommended option (64 MiB, 3 passes), 4 lanes: about 0.1-0.3 s here.
DEFAULT_PARAMS = {"memory_cost": 64 * 1024, "iterations": 3, "lanes": 4}
_ASSOCIATED = b"walletdesk/password-sealed-master-key/v1"
MIN_PASSWORD_LENGTH = 8


class WrongPasswordError(MasterKeyError):
    """The password does not open the sealed master key."""


@dataclass(frozen=True, slots=True)
class SealedKey:
    kdf_params: str  # JSON
    salt: bytes
    sealed: bytes


def seal(master_key: bytes, password: str) -> SealedKey:
    check_new_password(password)
    salt = os.urandom(SALT_BYTES)
    params = json.dumps(DEFAULT_PARAMS, sort_keys=True)
    nonce = os.urandom(NONCE_BYTES)
    sealed = _cipher(password, salt, params).encrypt(nonce, master_key, _ASSOCIATED)
    return SealedKey(params, salt, nonce + sealed)


def unseal(password: str, key: SealedKey) -> bytes:
    from cryptography.exceptions import InvalidTag

    nonce, sealed = key.sealed[:NONCE_BYTES], key.sealed[NONCE_BYTES:]
    try:
        return _cipher(password, key.salt, key.kdf_params).decrypt(nonce, sealed, _ASSOCIATED)
    except InvalidTag:
        raise WrongPasswordError(
            "That password does not open WalletDesk's master key: check it and try again."
        ) from None


def check_new_password(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise MasterKeyError(
            f"The password is too short: use at least {MIN_PASSWORD_LENGTH} characters "
            "(a few words are easy to remember)."
        )


def _cipher(password: str, salt: bytes, params_json: str) -> AESGCM:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM
    from cryptography.hazmat.primitives.kdf.argon2 import Argon2id

    params = json.loads(params_json)
    kdf = Argon2id(salt=salt, length=32, iterations=int(params["iterations"]),
                   lanes=int(params["lanes"]), memory_cost=int(params["memory_cost"]))
    return AESGCM(kdf.derive(password.encode("utf-8")))
