"""Continue without signing in: with sign-in set up, the person may choose the local profile
(offline, a misconfigured service, no account). The choice is remembered (next start, CLI)
until someone signs in, and the local profile's data never mixes with a signed-in user's."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.auth.memory_keyring import MemoryKeyring
from tests.auth.signing_in import sign_in
from tests.oidc.accounts import ALICE
from tests.oidc.provider import OidcProvider
from walletdesk.auth.config import ENV_ISSUER
from walletdesk.auth.first_paint import startup_user
from walletdesk.controllers.session import SessionController
from walletdesk.core.errors import AuthError
from walletdesk.core.models import LOCAL_USER
from walletdesk.paths import AppPaths
from walletdesk.services import Services


@pytest.fixture
def services(paths: AppPaths, master_key: bytes) -> Iterator[Services]:
    built = Services(paths)
    yield built
    built.close()


@pytest.mark.oidc
def test_the_local_profile_is_chosen_remembered_and_ends_at_the_next_sign_in(
        paths: AppPaths, services: Services, oidc: OidcProvider,
        memory_keyring: MemoryKeyring) -> None:
    with pytest.raises(AuthError, match="signed out"):
        services.session.current_user()
    assert services.session.use_local_profile() == LOCAL_USER
    assert services.session.current_user() == LOCAL_USER
    assert services.session.whoami() is None
    state = services.session.check_session()
    assert (state.configured, state.user, state.note) == (True, LOCAL_USER, None)

    again = SessionController(paths, lambda: services.database)  # the next start
    assert again.current_user() == LOCAL_USER and again.local_profile_chosen()
    assert startup_user(paths) == LOCAL_USER  # the first paint shows the local portfolio

    assert sign_in(again, ALICE).id == ALICE.sub
    assert not again.local_profile_chosen()
    assert again.current_user().id == ALICE.sub
    assert SessionController(paths, lambda: services.database).current_user().id == ALICE.sub


@pytest.mark.oidc
def test_the_local_profile_and_a_signed_in_user_never_see_each_others_data(
        services: Services, oidc: OidcProvider, memory_keyring: MemoryKeyring) -> None:
    services.session.use_local_profile()
    local_key = services.credentials.add_demo()
    assert all(outcome.ok for outcome in services.portfolio.refresh())
    local_total = services.portfolio.portfolio().total_usd_value
    assert local_total > 0

    sign_in(services.session, ALICE)
    assert services.credentials.list() == []
    assert services.portfolio.portfolio().wallets == ()

    services.session.logout()
    services.session.use_local_profile()  # back to the local profile: all of it is there
    assert [c.id for c in services.credentials.list()] == [local_key.id]
    assert services.portfolio.portfolio().total_usd_value == local_total


@pytest.mark.oidc
def test_a_signed_in_user_must_sign_out_before_using_the_local_profile(
        session: SessionController, oidc: OidcProvider, memory_keyring: MemoryKeyring) -> None:
    sign_in(session, ALICE)
    with pytest.raises(AuthError, match=f"signed in as {ALICE.email}: sign out first"):
        session.use_local_profile()
    assert session.current_user().id == ALICE.sub  # nothing changed


def test_a_misconfigured_sign_in_can_be_left_for_the_local_profile(
        session: SessionController, paths: AppPaths, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENV_ISSUER, "https://example.clerk.accounts.dev")  # no client id
    assert session.check_session().user is None
    session.use_local_profile()
    assert session.current_user() == LOCAL_USER
    assert session.check_session().user == LOCAL_USER
    assert startup_user(paths) == LOCAL_USER
