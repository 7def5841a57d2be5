"""The session in the keychain decides who is signed in, bound to (issuer, user); the profile
file is only a first-paint copy. A revoked session stops data commands after the check
interval; offline, they go on as the bound user (issue 18, finding 1)."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterator

import pytest

from tests.auth.memory_keyring import MemoryKeyring
from tests.auth.signing_in import sign_in, stored_refresh_token, stored_session, stored_user
from tests.oidc.accounts import ALICE, BOB
from tests.oidc.provider import OidcProvider
from walletdesk.auth import provider as provider_module
from walletdesk.auth.config import SignInConfig
from walletdesk.auth.errors import SIGNED_OUT
from walletdesk.auth.keychain import SERVICE, SessionStore, StoredSession, account_name
from walletdesk.auth.profile_file import profile_path
from walletdesk.controllers.session import (
    PROFILE_MISMATCH,
    SESSION_CHECK_SECONDS,
    SessionController,
)
from walletdesk.core.errors import AuthError, SessionExpiredError
from walletdesk.paths import AppPaths
from walletdesk.services import Services

pytestmark = pytest.mark.oidc


class Clock:
    def __init__(self) -> None:
        import time

        self.now = time.time()

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def start(paths: AppPaths, master_key: bytes, clock: Clock) -> Iterator[Callable[[], Services]]:
    """Start WalletDesk (again): services whose session reads the injected clock."""
    started: list[Services] = []

    def run() -> Services:
        services = Services(paths)
        session = SessionController(paths, lambda: services.database, clock=clock)
        services._shared.get("session", lambda: session)  # Services has no clock to inject
        started.append(services)
        return services

    yield run
    for services in started:
        services.close()


def _write_profile_naming(paths: AppPaths, user_id: str) -> None:
    path = profile_path(paths.data_dir)
    data = json.loads(path.read_text())
    data["user"]["id"] = user_id
    path.write_text(json.dumps(data))


def test_editing_the_profile_file_to_another_user_signs_out_and_reaches_none_of_their_data(
    start: Callable[[], Services], oidc: OidcProvider, paths: AppPaths,
    memory_keyring: MemoryKeyring,
) -> None:
    first = start()
    sign_in(first.session, ALICE)
    alices_key = first.credentials.add_demo()
    sign_in(first.session, BOB)
    _write_profile_naming(paths, ALICE.sub)  # Bob tries to become Alice

    again = start()
    for command in (again.credentials.list, again.portfolio.refresh,
                    lambda: again.credentials.get(alices_key.id)):
        with pytest.raises(AuthError) as caught:
            command()
        assert str(caught.value) in (PROFILE_MISMATCH, SIGNED_OUT)
    assert memory_keyring.items == {} and not profile_path(paths.data_dir).exists()
    sign_in(again.session, ALICE)  # Alice's data is all there for Alice
    assert [c.id for c in again.credentials.list()] == [alices_key.id]


def test_the_window_says_why_it_signed_out_after_a_profile_mismatch(
    session: SessionController, oidc: OidcProvider, paths: AppPaths,
) -> None:
    sign_in(session, BOB)
    _write_profile_naming(paths, ALICE.sub)
    restarted = SessionController(paths, lambda: None)  # type: ignore[arg-type,return-value]
    state = restarted.check_session()
    assert (state.user, state.note) == (None, PROFILE_MISMATCH)
    assert restarted.check_session().note is None  # from then on simply signed out


def test_the_keychain_names_the_user_even_when_the_profile_file_is_gone(
    start: Callable[[], Services], oidc: OidcProvider, paths: AppPaths,
    memory_keyring: MemoryKeyring,
) -> None:
    sign_in(start().session, ALICE)
    identity = stored_session(memory_keyring)["identity"]
    assert (identity["issuer"], identity["subject"]) == (oidc.issuer, ALICE.sub)
    profile_path(paths.data_dir).unlink()
    assert start().session.current_user().id == ALICE.sub
    assert stored_user(paths.data_dir) is not None  # the cache is written again


def test_a_revoked_session_stops_data_commands_once_the_check_interval_has_passed(
    start: Callable[[], Services], oidc: OidcProvider, clock: Clock,
    memory_keyring: MemoryKeyring,
) -> None:
    sign_in(start().session, ALICE)
    oidc.http.post("/token/revocation", data={
        "token": stored_refresh_token(memory_keyring), "client_id": oidc.client_id,
    }).raise_for_status()  # e.g. the user was removed from the Clerk application
    clock.now += SESSION_CHECK_SECONDS - 60
    assert start().credentials.list() == []  # checked recently: no provider call
    assert [e["grant_type"] for e in oidc.events("token")].count("refresh_token") == 0
    clock.now += 120
    with pytest.raises(SessionExpiredError, match="expired or was revoked"):
        start().credentials.list()
    assert memory_keyring.items == {}


def test_offline_data_commands_work_as_the_bound_user_and_check_again_later(
    start: Callable[[], Services], oidc: OidcProvider, clock: Clock,
    memory_keyring: MemoryKeyring, monkeypatch: pytest.MonkeyPatch,
) -> None:
    sign_in(start().session, ALICE)
    clock.now += SESSION_CHECK_SECONDS + 1
    monkeypatch.setattr(provider_module, "HTTP_TIMEOUT", 0.3)
    oidc.fault("token", delay_ms=1500)  # the provider does not answer in time
    offline = start()
    assert offline.credentials.list() == []
    assert offline.session.current_user().id == ALICE.sub  # no second wait in this process
    checked_at = stored_session(memory_keyring)["checked_at"]
    assert clock.now - checked_at > SESSION_CHECK_SECONDS  # not marked as checked
    online = start()
    assert online.credentials.list() == []
    assert stored_session(memory_keyring)["checked_at"] == clock.now


def test_a_session_stored_by_an_older_walletdesk_asks_to_sign_in_once_more(
    session: SessionController, oidc: OidcProvider, memory_keyring: MemoryKeyring,
    paths: AppPaths,
) -> None:
    sign_in(session, ALICE)
    ((key, _),) = memory_keyring.items.items()
    memory_keyring.items[key] = stored_refresh_token(memory_keyring)  # a bare token
    restarted = SessionController(paths, lambda: None)  # type: ignore[arg-type,return-value]
    with pytest.raises(SessionExpiredError, match="sign in once more"):
        restarted.current_user()
    assert memory_keyring.items == {}


class RotatedMeanwhile(SessionStore):
    """The keychain as seen by a process that read it just before another process (one that
    shares the keychain but not the data folder's lock) rotated the token."""

    def __init__(self, stale: StoredSession, reads: int) -> None:
        self.stale = stale
        self.stale_reads = reads  # the reads this process makes before it refreshes
        self.lock = threading.Lock()

    def load(self, config: SignInConfig) -> StoredSession | None:
        with self.lock:
            self.stale_reads -= 1
            if self.stale_reads >= 0:
                return self.stale
        return super().load(config)


def test_after_invalid_grant_a_token_rotated_meanwhile_is_tried_once(
    session: SessionController, oidc: OidcProvider, memory_keyring: MemoryKeyring,
    paths: AppPaths,
) -> None:
    sign_in(session, ALICE)
    config = session.config()
    assert config is not None
    current = SessionStore().load(config)
    assert current is not None
    stale = StoredSession("rotated-away-token", current.identity, current.checked_at)
    oidc.fault("token", status=400, body={"error": "invalid_grant"})  # for the stale token
    restarted = SessionController(paths, lambda: None, keychain=RotatedMeanwhile(stale, reads=2))  # type: ignore[arg-type,return-value]
    assert restarted.check().id == ALICE.sub
    assert [e["status"] for e in oidc.events("token")][-2:] == [400, 200]
    assert (SERVICE, account_name(config)) in memory_keyring.items
