"""CredentialRepository: one user's keys, duplicates named, secrets only as ciphertext."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from walletdesk.core.errors import DuplicateCredentialError, NotFoundError
from walletdesk.core.models import Credential
from walletdesk.store.credentials import UNSET, CredentialRepository
from walletdesk.store.database import Database
from walletdesk.store.wallets import WalletRepository

from .builders import T0, store_balances, valued

SECRET = b"\x01nonce-and-ciphertext-that-must-never-show"


def add(repository: CredentialRepository, credential_id: str, exchange: str = "MEXC",
        label: str | None = None, api_key: str = "mx0vglABCDEF123456") -> Credential:
    return repository.add(credential_id=credential_id, exchange=exchange, api_key=api_key,
                          label=label, api_secret=SECRET + credential_id.encode())


def test_an_added_key_is_listed_and_read_back(alice_credentials: CredentialRepository) -> None:
    added = add(alice_credentials, "c1", label="main")
    assert (added.id, added.user_id, added.exchange, added.api_key, added.label) == (
        "c1", "user_alice", "MEXC", "mx0vglABCDEF123456", "main")
    assert alice_credentials.list() == [added]
    assert alice_credentials.get("c1") == added


def test_keys_are_listed_by_exchange_then_label_then_age(
        alice_credentials: CredentialRepository) -> None:
    for credential_id, exchange, label in [("1", "MEXC", "b"), ("2", "BINANCE", "z"),
                                           ("3", "MEXC", None), ("4", "MEXC", "a")]:
        add(alice_credentials, credential_id, exchange, label)
    assert [c.id for c in alice_credentials.list()] == ["2", "3", "4", "1"]


def test_secrets_are_returned_as_stored_ciphertext_per_exchange(
        alice_credentials: CredentialRepository) -> None:
    add(alice_credentials, "c1", "MEXC")
    add(alice_credentials, "c2", "BINANCE")
    assert alice_credentials.secret("c1") == SECRET + b"c1"
    assert [(c.id, s) for c, s in alice_credentials.secrets("MEXC")] == [("c1", SECRET + b"c1")]
    assert [c.id for c, _ in alice_credentials.secrets()] == ["c2", "c1"]


def test_another_users_key_is_invisible_and_untouchable(
        alice_credentials: CredentialRepository, bob_credentials: CredentialRepository) -> None:
    add(alice_credentials, "alices")
    assert bob_credentials.list() == [] and bob_credentials.secrets() == []
    for attempt in (lambda: bob_credentials.get("alices"),
                    lambda: bob_credentials.secret("alices"),
                    lambda: bob_credentials.update("alices", label="mine"),
                    lambda: bob_credentials.remove("alices")):
        with pytest.raises(NotFoundError):
            attempt()
    assert alice_credentials.get("alices").label is None


def test_two_users_may_use_the_same_exchange_and_label(
        alice_credentials: CredentialRepository, bob_credentials: CredentialRepository) -> None:
    add(alice_credentials, "a1", label="main")
    add(bob_credentials, "b1", label="main")
    assert [c.id for c in bob_credentials.list()] == ["b1"]


def test_a_second_key_with_the_same_label_names_the_existing_one_without_its_secret(
        alice_credentials: CredentialRepository) -> None:
    add(alice_credentials, "c1", label="main")
    with pytest.raises(DuplicateCredentialError) as caught:
        add(alice_credentials, "c2", label="main")
    message = str(caught.value)
    assert caught.value.field == "label"
    assert "“main”" in message and "mx0vgl…" in message and "MEXC" in message
    assert "ABCDEF" not in message and SECRET.decode("latin-1")[1:8] not in message
    assert [c.id for c in alice_credentials.list()] == ["c1"]


def test_two_unlabelled_keys_for_one_exchange_are_duplicates(
        alice_credentials: CredentialRepository) -> None:
    add(alice_credentials, "c1", label=None)
    with pytest.raises(DuplicateCredentialError, match="unlabelled"):
        add(alice_credentials, "c2", label="   ")  # blank means unlabelled
    add(alice_credentials, "c3", exchange="BINANCE", label=None)
    add(alice_credentials, "c4", label="second")
    assert len(alice_credentials.list()) == 3


def test_the_same_labels_case_or_spacing_variants_follow_the_cleaned_label(
        alice_credentials: CredentialRepository) -> None:
    add(alice_credentials, "c1", label="my  main")
    with pytest.raises(DuplicateCredentialError):
        add(alice_credentials, "c2", label=" my main ")
    assert add(alice_credentials, "c3", label="My main").label == "My main"


def test_reusing_a_credential_id_is_reported_as_a_duplicate(
        alice_credentials: CredentialRepository, bob_credentials: CredentialRepository) -> None:
    add(alice_credentials, "same-id", label="main")
    with pytest.raises(DuplicateCredentialError) as caught:
        add(bob_credentials, "same-id", label="other")
    assert "main" not in str(caught.value)  # nothing about another user's key


def test_update_changes_only_what_is_given(alice_credentials: CredentialRepository) -> None:
    add(alice_credentials, "c1", label="main")
    renamed = alice_credentials.update("c1", label="trading")
    assert (renamed.label, renamed.api_key) == ("trading", "mx0vglABCDEF123456")
    rekeyed = alice_credentials.update("c1", api_key="newkey123", api_secret=b"new")
    assert (rekeyed.label, rekeyed.api_key) == ("trading", "newkey123")
    assert alice_credentials.secret("c1") == b"new"
    assert alice_credentials.update("c1", label=UNSET).label == "trading"
    assert alice_credentials.update("c1", label=None).label is None


def test_update_to_a_taken_label_is_a_duplicate(
        alice_credentials: CredentialRepository) -> None:
    add(alice_credentials, "c1", label=None)
    add(alice_credentials, "c2", label="main")
    with pytest.raises(DuplicateCredentialError, match="unlabelled"):
        alice_credentials.update("c2", label=None)
    assert alice_credentials.update("c2", label="main").label == "main"  # its own label is fine


def test_removing_a_key_removes_its_exchanges_wallet_and_balances(
        db: Database, alice_credentials: CredentialRepository,
        alice_wallets: WalletRepository) -> None:
    add(alice_credentials, "c1", "MEXC")
    add(alice_credentials, "c2", "BINANCE")
    store_balances(alice_wallets, "MEXC", [valued("BTC", "1")], T0)
    store_balances(alice_wallets, "BINANCE", [valued("ETH", "2")], T0)
    alice_credentials.remove("c1")
    assert [c.id for c in alice_credentials.list()] == ["c2"]
    assert [w.exchange for w in alice_wallets.wallets()] == ["BINANCE"]
    with db.read() as session:
        assert session.execute(text("SELECT count(*) FROM balances")).scalar() == 1


def test_a_missing_key_is_not_found(alice_credentials: CredentialRepository) -> None:
    with pytest.raises(NotFoundError, match="reload the list"):
        alice_credentials.get("nope")


def test_a_key_for_a_user_not_stored_is_refused_with_words(db: Database) -> None:
    with pytest.raises(NotFoundError, match="sign in again"):
        add(CredentialRepository(db, "nobody"), "c1")
