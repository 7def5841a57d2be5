"""Users are tied to their issuer: the same ``sub`` from two sign-in services is two users,
and the local profile's id is never a provider's; a user from before identities were
recorded keeps their data (migration 0004_user_identities)."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from sqlalchemy import create_engine

from walletdesk.core.models import LOCAL_USER, User
from walletdesk.store.credentials import CredentialRepository
from walletdesk.store.database import Database, open_database
from walletdesk.store.migrate import alembic_config
from walletdesk.store.users import UserRepository, derived_user_id

from .builders import raw_rows

CLERK = "https://quiet-otter-12.clerk.accounts.dev"
OTHER = "https://impostor.example"
SUB = "user_2aliceAAAAAAAAAAAAAAAAAAAAA"


def test_the_same_subject_from_another_issuer_is_another_user(db: Database) -> None:
    users = UserRepository(db)
    alice = users.sign_in(CLERK, User(SUB, "alice@example.com", "Alice"))
    CredentialRepository(db, alice.id).add(
        credential_id="c1", exchange="MEXC", api_key="k", label=None, api_secret=b"x")
    impostor = users.sign_in(OTHER, User(SUB, "mallory@example.com", "Mallory"))
    assert alice.id == SUB and impostor.id == derived_user_id(OTHER, SUB) != SUB
    assert CredentialRepository(db, impostor.id).list() == []
    assert users.sign_in(CLERK, User(SUB, "alice@example.com", "Alice")).id == SUB  # stable


def test_a_provider_user_named_local_never_gets_the_local_profile(db: Database) -> None:
    users = UserRepository(db)
    users.ensure(LOCAL_USER)
    CredentialRepository(db, LOCAL_USER.id).add(
        credential_id="c1", exchange="MEXC", api_key="k", label=None, api_secret=b"x")
    signed_in = users.sign_in(OTHER, User("local", "x@example.com", None))
    assert signed_in.id != LOCAL_USER.id
    assert CredentialRepository(db, signed_in.id).list() == []


def test_a_subject_longer_than_a_users_id_gets_a_derived_id(db: Database) -> None:
    user = UserRepository(db).sign_in(CLERK, User("s" * 200, "long@example.com", None))
    assert len(user.id) <= 50 and user.id == derived_user_id(CLERK, "s" * 200)


def test_a_user_from_before_identities_keeps_their_data_at_the_next_sign_in(
    tmp_path: Path,
) -> None:
    path = tmp_path / "walletdesk.db"
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as connection:
        command.upgrade(alembic_config(connection), "0003_master_key")  # the one before
        connection.exec_driver_sql(
            f"INSERT INTO users VALUES ('{SUB}', 'alice@example.com', 'Alice', "
            "'2025-01-01 00:00:00.000000', '2025-01-01 00:00:00.000000')")
        connection.exec_driver_sql(
            f"INSERT INTO api_credentials VALUES ('c1', '{SUB}', 'MEXC', 'k', x'01', NULL, "
            "'2025-01-01 00:00:00.000000', '2025-01-01 00:00:00.000000')")
    engine.dispose()
    before = raw_rows(path, "SELECT * FROM users") + raw_rows(path, "SELECT * FROM api_credentials")
    db = open_database(path)
    try:
        assert raw_rows(path, "SELECT * FROM users") + raw_rows(
            path, "SELECT * FROM api_credentials") == before  # the upgrade changed no row
        alice = UserRepository(db).sign_in(CLERK, User(SUB, "alice@example.com", "Alice"))
        assert alice.id == SUB
        assert [c.id for c in CredentialRepository(db, alice.id).list()] == ["c1"]
        assert raw_rows(path, "SELECT issuer, subject, user_id FROM user_identities") == [
            (CLERK, SUB, SUB)]
        later = UserRepository(db).sign_in(OTHER, User(SUB, "m@example.com", None))
        assert CredentialRepository(db, later.id).list() == []  # claimed: no longer up for grabs
    finally:
        db.close()
