"""Timestamps are stored in UTC and come back timezone-aware; the store keeps them current."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone
from itertools import count
from typing import Any

import pytest

from walletdesk.core.models import User
from walletdesk.store import types
from walletdesk.store.credentials import CredentialRepository
from walletdesk.store.database import Database
from walletdesk.store.users import UserRepository
from walletdesk.store.wallets import WalletRepository

from .builders import T0, raw_rows, store_balances, valued
from .conftest import ALICE

PLUS_TWO = timezone(timedelta(hours=2))


@pytest.fixture
def ticking_clock(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The store's clock (``types.utcnow``) moves on by one second at each reading."""
    seconds = count()

    class Ticking(datetime):
        @classmethod
        def now(cls, tz: Any = None) -> Ticking:
            moment = datetime(2026, 1, 1, tzinfo=UTC) + timedelta(seconds=next(seconds))
            return cls.fromtimestamp(moment.timestamp(), tz)

    monkeypatch.setattr(types, "datetime", Ticking)
    yield


def test_last_updated_is_stored_as_utc_text_and_read_back_aware(
        db: Database, alice_wallets: WalletRepository) -> None:
    local = T0.astimezone(PLUS_TWO)
    store_balances(alice_wallets, "MEXC", [valued("BTC", "1")], local)
    (wallet,) = alice_wallets.wallets()
    (balance,) = alice_wallets.balances()
    assert wallet.last_updated == T0 and wallet.last_updated.tzinfo is UTC
    assert balance.wallet_updated == T0 and balance.wallet_updated.tzinfo is UTC
    assert raw_rows(db.path, "SELECT last_updated FROM wallets") == [
        ("2025-01-02 03:04:05.678901",)]


def test_a_naive_timestamp_is_refused(alice_wallets: WalletRepository) -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        store_balances(alice_wallets, "MEXC", [valued("BTC", "1")], datetime(2025, 1, 1))


def test_created_and_updated_at_are_set_on_insert_in_utc(
        alice_credentials: CredentialRepository) -> None:
    before = datetime.now(UTC)
    credential = alice_credentials.add(credential_id="c1", exchange="MEXC", api_key="k" * 10,
                                       label=None, api_secret=b"x")
    assert credential.created_at.tzinfo is UTC and credential.updated_at.tzinfo is UTC
    assert before <= credential.created_at == credential.updated_at <= datetime.now(UTC)
    assert alice_credentials.get("c1") == credential


@pytest.mark.usefixtures("ticking_clock")
def test_updated_at_moves_on_change_and_created_at_stays(
        alice_credentials: CredentialRepository) -> None:
    added = alice_credentials.add(credential_id="c1", exchange="MEXC", api_key="k" * 10,
                                  label=None, api_secret=b"x")
    changed = alice_credentials.update("c1", label="main")
    assert changed.created_at == added.created_at
    assert changed.updated_at > added.updated_at


@pytest.mark.usefixtures("ticking_clock")
def test_ensuring_an_unchanged_user_does_not_touch_updated_at(
        db: Database, users: tuple[User, User]) -> None:
    sql = "SELECT created_at, updated_at FROM users WHERE id = 'user_alice'"
    before = raw_rows(db.path, sql)
    UserRepository(db).ensure(ALICE)
    assert raw_rows(db.path, sql) == before
    UserRepository(db).ensure(User(id=ALICE.id, email=ALICE.email, name="Alice B."))
    ((created, updated),) = raw_rows(db.path, sql)
    assert created == before[0][0] and str(updated) > str(before[0][1])


@pytest.mark.usefixtures("ticking_clock")
def test_a_balance_keeps_its_created_at_across_refreshes(
        db: Database, alice_wallets: WalletRepository) -> None:
    sql = "SELECT created_at, updated_at FROM balances"
    store_balances(alice_wallets, "MEXC", [valued("BTC", "1")], T0)
    ((created, updated),) = raw_rows(db.path, sql)
    store_balances(alice_wallets, "MEXC", [valued("BTC", "2")], T0 + timedelta(minutes=1))
    ((created_again, updated_again),) = raw_rows(db.path, sql)
    assert created_again == created and str(updated_again) > str(updated)
