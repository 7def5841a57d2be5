"""Another user signing in on the same machine sees none of the first user's data and
cannot reach it by id: every controller call runs for the signed-in user."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from decimal import Decimal

import pytest

from tests.auth.signing_in import sign_in
from tests.oidc.accounts import ALICE, BOB
from tests.oidc.provider import OidcProvider
from tests.reference.valuation import ValuedBalance
from tests.store.builders import store_balances
from walletdesk.controllers.session import SessionController
from walletdesk.core.errors import NotFoundError
from walletdesk.paths import AppPaths
from walletdesk.services import Services
from walletdesk.store.credentials import CredentialRepository
from walletdesk.store.database import Database
from walletdesk.store.wallets import WalletRepository

pytestmark = pytest.mark.oidc


@pytest.fixture
def services(paths: AppPaths, master_key: bytes) -> Iterator[Services]:
    built = Services(paths)
    yield built
    built.close()


def test_repositories_scope_every_row_to_the_signed_in_user(
    session: SessionController, database: Database, oidc: OidcProvider
) -> None:
    alice = sign_in(session, ALICE)
    credential = CredentialRepository(database, session.current_user().id).add(
        credential_id=str(uuid.uuid4()), exchange="MEXC", api_key="alice-key", label=None,
        api_secret=b"ciphertext",
    )
    store_balances(
        WalletRepository(database, alice.id), "MEXC",
        [ValuedBalance("BTC", Decimal("1"), Decimal("0"), Decimal("50000"), True)],
        datetime.now(UTC),
    )

    bob = sign_in(session, BOB)
    assert session.current_user() == bob
    credentials = CredentialRepository(database, session.current_user().id)
    assert credentials.list() == []
    for reach in (credentials.get, credentials.remove, credentials.secret):
        with pytest.raises(NotFoundError):
            reach(credential.id)
    with pytest.raises(NotFoundError):
        credentials.update(credential.id, label="mine now")
    assert WalletRepository(database, bob.id).portfolio().wallets == ()

    sign_in(session, ALICE)
    assert CredentialRepository(database, session.current_user().id).get(credential.id) == (
        credential)
    assert len(WalletRepository(database, alice.id).balances()) == 1


def test_controllers_follow_whoever_is_signed_in(services: Services, oidc: OidcProvider) -> None:
    sign_in(services.session, ALICE)
    alices_key = services.credentials.add_demo()
    assert all(outcome.error is None for outcome in services.portfolio.refresh())
    alices_total = services.portfolio.portfolio().total_usd_value
    assert alices_total > 0

    sign_in(services.session, BOB)
    assert services.credentials.list() == []
    assert services.portfolio.portfolio().wallets == ()
    assert services.portfolio.balances() == []
    with pytest.raises(NotFoundError):
        services.credentials.get(alices_key.id)
    with pytest.raises(NotFoundError):
        services.credentials.remove(alices_key.id)

    sign_in(services.session, ALICE)
    assert [c.id for c in services.credentials.list()] == [alices_key.id]
    assert services.portfolio.portfolio().total_usd_value == alices_total
