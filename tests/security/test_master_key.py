"""The master key: environment first, then the OS keychain; clear errors, no fallback."""

from __future__ import annotations

import base64
import os

import pytest
from keyring.errors import KeyringLocked, NoKeyringError

from tests.auth.memory_keyring import MemoryKeyring
from walletdesk.core.errors import KeychainUnavailableError, MasterKeyError
from walletdesk.security.master_key import ENV_VAR, SERVICE, USERNAME, MasterKeyStore


def test_environment_key_wins_over_the_keychain(memory_keyring: MemoryKeyring) -> None:
    key = os.urandom(32)
    store = MasterKeyStore({ENV_VAR: base64.b64encode(key).decode()})
    assert store.load(create=True) == key
    assert memory_keyring.items == {}


@pytest.mark.parametrize("value", ["not base64!", base64.b64encode(b"short").decode()])
def test_malformed_environment_key_is_refused(value: str) -> None:
    with pytest.raises(MasterKeyError, match=ENV_VAR):
        MasterKeyStore({ENV_VAR: value}).load(create=True)


def test_key_is_created_once_and_found_again(memory_keyring: MemoryKeyring) -> None:
    first = MasterKeyStore({}).load(create=True)
    assert len(first) == 32
    assert (SERVICE, USERNAME) in memory_keyring.items
    assert MasterKeyStore({}).load(create=False) == first


def test_missing_key_is_not_invented_when_reading(memory_keyring: MemoryKeyring) -> None:
    with pytest.raises(MasterKeyError, match="re-enter"):
        MasterKeyStore({}).load(create=False)
    assert memory_keyring.items == {}


def test_no_keychain_names_both_remedies(memory_keyring: MemoryKeyring) -> None:
    memory_keyring.failure = NoKeyringError()
    with pytest.raises(KeychainUnavailableError) as info:
        MasterKeyStore({}).load(create=True)
    assert "keychain" in str(info.value) and ENV_VAR in str(info.value)


def test_locked_keychain_says_to_unlock_it(memory_keyring: MemoryKeyring) -> None:
    memory_keyring.failure = KeyringLocked()
    with pytest.raises(KeychainUnavailableError, match="locked"):
        MasterKeyStore({}).load(create=True)
