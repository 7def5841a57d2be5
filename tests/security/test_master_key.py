"""The master key a data folder expects: checked before use, never made twice, never lost.

Real database files, the in-memory keychain of tests/auth/memory_keyring.py, real Argon2id.
"""

from __future__ import annotations

import base64
import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from keyring.errors import KeyringLocked, NoKeyringError

from tests.auth.memory_keyring import MemoryKeyring
from walletdesk.controllers.master_key import (
    PASSWORD,
    MasterKeyProvider,
    PasswordPrompt,
    PasswordRequest,
)
from walletdesk.core.errors import KeychainUnavailableError, MasterKeyError
from walletdesk.core.models import User
from walletdesk.security.master_key import (
    ENV_VAR,
    SERVICE,
    USERNAME,
    key_check,
    key_id,
    new_key,
)
from walletdesk.security.password_key import WrongPasswordError
from walletdesk.security.vault import Vault, unseal
from walletdesk.store.credentials import CredentialRepository
from walletdesk.store.database import Database, open_database
from walletdesk.store.key_record import KeyRecords
from walletdesk.store.users import UserRepository

ALICE = User(id="user_alice", email="alice@example.com", name="Alice")
BOB = User(id="user_bob", email="bob@example.com", name=None)
PASSWORD_TEXT = "correct horse battery"


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    database = open_database(tmp_path / "walletdesk.db")
    UserRepository(database).ensure(ALICE)
    UserRepository(database).ensure(BOB)
    yield database
    database.close()


class Prompt:
    """Answers password requests from a list and records them."""

    def __init__(self, *answers: str) -> None:
        self.answers = list(answers)
        self.requests: list[PasswordRequest] = []

    def __call__(self, request: PasswordRequest) -> str:
        self.requests.append(request)
        return self.answers.pop(0)


def provider(db: Database, env_key: bytes | None = None,
             prompt: PasswordPrompt | None = None) -> MasterKeyProvider:
    text = base64.b64encode(env_key).decode() if env_key is not None else None
    return MasterKeyProvider(lambda: db, text, lambda: prompt)


def add_secret(db: Database, keys: MasterKeyProvider, user: User = ALICE,
               secret: str = "s3cret-value") -> str:
    credential_id = os.urandom(8).hex()
    blob = Vault(keys).encrypt(secret, credential_id=credential_id, user_id=user.id)
    CredentialRepository(db, user.id).add(credential_id=credential_id, exchange="MEXC",
                                          api_key=f"key-{credential_id}", label=credential_id,
                                          api_secret=blob)
    return credential_id


def secret_of(db: Database, keys: MasterKeyProvider, credential_id: str,
              user: User = ALICE) -> str:
    blob = CredentialRepository(db, user.id).secret(credential_id)
    return Vault(keys).decrypt(blob, credential_id=credential_id, user_id=user.id)


# --- sources ----------------------------------------------------------------------------


def test_the_environment_key_wins_and_is_recorded(db: Database,
                                                  memory_keyring: MemoryKeyring) -> None:
    key = new_key()
    assert provider(db, key)(create=True) == key
    assert memory_keyring.items == {}
    record = KeyRecords(db).get()
    assert record is not None and record.kept_in == "variable"
    assert record.key_check == key_check(key) and key not in record.key_check


@pytest.mark.parametrize("value", ["not base64!", base64.b64encode(b"short").decode()])
def test_a_malformed_environment_key_is_refused(db: Database, value: str) -> None:
    with pytest.raises(MasterKeyError, match=ENV_VAR):
        MasterKeyProvider(lambda: db, value, lambda: None)(create=True)


def test_a_keychain_key_is_made_once_and_found_again(db: Database,
                                                     memory_keyring: MemoryKeyring) -> None:
    first = provider(db)(create=True)
    assert (SERVICE, USERNAME) in memory_keyring.items
    assert provider(db)(create=False) == first
    record = KeyRecords(db).get()
    assert record is not None and (record.kept_in, record.keychain_entry) == ("keychain", USERNAME)


def test_a_missing_key_is_not_invented_when_reading(db: Database,
                                                    memory_keyring: MemoryKeyring) -> None:
    with pytest.raises(MasterKeyError, match="missing"):
        provider(db)(create=False)
    assert memory_keyring.items == {}


def test_a_locked_keychain_says_to_unlock_it(db: Database,
                                             memory_keyring: MemoryKeyring) -> None:
    memory_keyring.failure = KeyringLocked()
    with pytest.raises(KeychainUnavailableError, match="locked"):
        provider(db)(create=True)


# --- finding 5: a second key is never made silently -----------------------------------------


def test_secrets_sealed_with_the_variable_never_get_a_second_key_from_the_keychain(
    db: Database, memory_keyring: MemoryKeyring
) -> None:
    key = new_key()
    credential = add_secret(db, provider(db, key))
    for create in (False, True):
        with pytest.raises(MasterKeyError) as caught:
            provider(db)(create=create)
        assert key_id(key_check(key)) in str(caught.value) and ENV_VAR in str(caught.value)
    assert memory_keyring.items == {}  # no second key
    assert secret_of(db, provider(db, key), credential) == "s3cret-value"


def test_another_key_in_the_keychain_is_refused_and_the_expected_one_named(
    db: Database, memory_keyring: MemoryKeyring
) -> None:
    key = new_key()
    add_secret(db, provider(db, key))
    other = new_key()
    memory_keyring.items[(SERVICE, USERNAME)] = base64.b64encode(other).decode()
    with pytest.raises(MasterKeyError) as caught:
        provider(db)(create=True)
    message = str(caught.value)
    assert key_id(key_check(key)) in message and f"given in {ENV_VAR}" in message
    assert memory_keyring.items == {(SERVICE, USERNAME): base64.b64encode(other).decode()}


def test_a_keychain_key_other_than_the_recorded_one_is_refused_and_both_named(
    db: Database, memory_keyring: MemoryKeyring
) -> None:
    provider(db)(create=True)
    expected = KeyRecords(db).get()
    add_secret(db, provider(db))
    other = new_key()  # e.g. another data folder's key, or a reset keychain
    memory_keyring.items[(SERVICE, USERNAME)] = base64.b64encode(other).decode()
    with pytest.raises(MasterKeyError) as caught:
        provider(db)(create=True)
    assert expected is not None and key_id(expected.key_check) in str(caught.value)
    assert key_id(key_check(other)) in str(caught.value)


def test_a_wrong_variable_is_refused_before_anything_is_sealed_with_it(
    db: Database, memory_keyring: MemoryKeyring
) -> None:
    keychain_key = provider(db)(create=True)
    credential = add_secret(db, provider(db))
    with pytest.raises(MasterKeyError, match=f"Unset {ENV_VAR}"):
        add_secret(db, provider(db, new_key()))
    assert len(CredentialRepository(db, ALICE.id).list()) == 1
    assert secret_of(db, provider(db), credential) == "s3cret-value"
    assert provider(db)(create=False) == keychain_key


def test_a_database_from_before_the_key_check_is_checked_against_its_secrets(
    db: Database, memory_keyring: MemoryKeyring
) -> None:
    key = new_key()
    credential = add_secret(db, provider(db, key))
    with sqlite3.connect(db.path) as raw:
        raw.execute("DELETE FROM master_key")  # as written by WalletDesk before revision 0002
    with pytest.raises(MasterKeyError, match="another master key"):
        provider(db, new_key())(create=True)
    with pytest.raises(MasterKeyError, match="missing"):
        provider(db)(create=True)
    assert memory_keyring.items == {}
    assert provider(db, key)(create=True) == key
    assert KeyRecords(db).get() is not None  # recorded now
    assert secret_of(db, provider(db, key), credential) == "s3cret-value"


# --- finding 6: a password instead of a keychain ---------------------------------------------


def test_without_a_keychain_the_key_is_sealed_with_a_password_asked_once_per_start(
    db: Database, memory_keyring: MemoryKeyring
) -> None:
    memory_keyring.failure = NoKeyringError()
    first = Prompt(PASSWORD_TEXT)
    credential = add_secret(db, provider(db, prompt=first))
    assert [r.new for r in first.requests] == [True]
    record = KeyRecords(db).get()
    assert record is not None and record.kept_in == PASSWORD and record.kdf == "argon2id"
    assert '"memory_cost"' in (record.kdf_params or "")
    assert PASSWORD_TEXT.encode() not in db.path.read_bytes()

    again = Prompt(PASSWORD_TEXT)
    vault = Vault(provider(db, prompt=again))  # a new start
    for _ in range(3):
        blob = CredentialRepository(db, ALICE.id).secret(credential)
        assert vault.decrypt(blob, credential_id=credential, user_id=ALICE.id) == "s3cret-value"
    assert [r.new for r in again.requests] == [False]


def test_a_wrong_password_is_asked_again_then_refused(
    db: Database, memory_keyring: MemoryKeyring
) -> None:
    memory_keyring.failure = NoKeyringError()
    add_secret(db, provider(db, prompt=Prompt(PASSWORD_TEXT)))
    wrong = Prompt("nope-nope-1", "nope-nope-2", "nope-nope-3")
    with pytest.raises(WrongPasswordError, match="does not open"):
        provider(db, prompt=wrong)(create=False)
    assert [r.again for r in wrong.requests] == [False, True, True]
    right = Prompt("nope-nope-1", PASSWORD_TEXT)
    assert provider(db, prompt=right)(create=False)


def test_no_keychain_and_nobody_to_ask_names_every_remedy(
    db: Database, memory_keyring: MemoryKeyring
) -> None:
    memory_keyring.failure = NoKeyringError()
    with pytest.raises(KeychainUnavailableError) as caught:
        provider(db)(create=True)
    message = str(caught.value)
    assert "rekey --password" in message and ENV_VAR in message


def test_the_variable_still_opens_a_password_protected_folder(
    db: Database, memory_keyring: MemoryKeyring
) -> None:
    memory_keyring.failure = NoKeyringError()
    keys = provider(db, prompt=Prompt(PASSWORD_TEXT))
    credential = add_secret(db, keys)
    key = provider(db, prompt=Prompt(PASSWORD_TEXT))(create=False)
    assert secret_of(db, provider(db, key), credential) == "s3cret-value"


# --- rekey ------------------------------------------------------------------------------


def test_rekey_reseals_every_users_secrets_and_keeps_the_new_key_in_a_new_entry(
    db: Database, memory_keyring: MemoryKeyring
) -> None:
    old = provider(db)(create=True)
    ids = [add_secret(db, provider(db), ALICE, "alice-1"), add_secret(db, provider(db), BOB, "b")]
    new_id, count = provider(db).rekey(None)
    assert count == 2
    record = KeyRecords(db).get()
    assert record is not None and record.keychain_entry == f"{USERNAME}-{new_id}"
    assert (SERVICE, USERNAME) in memory_keyring.items  # other data folders may still use it
    assert secret_of(db, provider(db), ids[0], ALICE) == "alice-1"
    assert secret_of(db, provider(db), ids[1], BOB) == "b"
    blob = CredentialRepository(db, ALICE.id).secret(ids[0])
    assert unseal(old, blob, ids[0], ALICE.id) is None


def test_rekey_fails_as_a_whole(db: Database, memory_keyring: MemoryKeyring,
                                monkeypatch: pytest.MonkeyPatch) -> None:
    provider(db)(create=True)
    ids = [add_secret(db, provider(db)) for _ in range(3)]
    before = [CredentialRepository(db, ALICE.id).secret(i) for i in ids]
    from walletdesk.security import vault

    calls: list[int] = []
    real_seal = vault.seal

    def seal_twice_then_fail(*args: object) -> bytes:
        calls.append(1)
        if len(calls) == 3:
            raise OSError("disk gone")
        return real_seal(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(vault, "seal", seal_twice_then_fail)
    record_before = KeyRecords(db).get()
    with pytest.raises(OSError):
        provider(db).rekey(None)
    assert [CredentialRepository(db, ALICE.id).secret(i) for i in ids] == before
    assert KeyRecords(db).get() == record_before
    monkeypatch.undo()
    assert secret_of(db, provider(db), ids[0]) == "s3cret-value"


def test_rekey_to_a_password_and_to_a_variable(db: Database,
                                                memory_keyring: MemoryKeyring) -> None:
    provider(db)(create=True)
    credential = add_secret(db, provider(db))
    provider(db, prompt=Prompt(PASSWORD_TEXT)).rekey(PASSWORD)
    memory_keyring.failure = NoKeyringError()  # the keychain is not needed any more
    assert secret_of(db, provider(db, prompt=Prompt(PASSWORD_TEXT)), credential) == "s3cret-value"
    mine = new_key()
    provider(db, prompt=Prompt(PASSWORD_TEXT)).rekey(
        "variable", new_key_text=base64.b64encode(mine).decode())
    assert secret_of(db, provider(db, mine), credential) == "s3cret-value"


def test_rekey_after_losing_the_key_starts_a_new_one_and_keeps_the_rows(
    db: Database, memory_keyring: MemoryKeyring
) -> None:
    provider(db)(create=True)
    credential = add_secret(db, provider(db))
    memory_keyring.items.clear()
    with pytest.raises(MasterKeyError, match="rekey --old-key-lost"):
        provider(db)(create=True)
    provider(db).rekey(None, old_key_lost=True)
    with pytest.raises(Exception, match="cannot be decrypted"):
        secret_of(db, provider(db), credential)
    assert len(CredentialRepository(db, ALICE.id).list()) == 1
