"""Sign-in against a real OpenID provider on loopback: sign in, restart, refresh, sign out."""

from __future__ import annotations

import socket
import threading
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest

from tests.auth.memory_keyring import MemoryKeyring
from tests.auth.signing_in import (
    assert_nothing_stored,
    query_param,
    sign_in,
    stored_refresh_token,
    stored_user,
)
from tests.oidc.accounts import ALICE, BOB
from tests.oidc.browser import FakeBrowser
from tests.oidc.provider import OidcProvider
from walletdesk.auth import browser_sign_in
from walletdesk.auth import provider as provider_module
from walletdesk.auth.config import ENV_REDIRECT_URI, save_config
from walletdesk.auth.errors import (
    SIGNED_OUT,
    ProviderUnreachableError,
    RedirectPortError,
    SignInTimeoutError,
)
from walletdesk.auth.keychain import SERVICE
from walletdesk.auth.profile_file import profile_path
from walletdesk.controllers.session import SessionController
from walletdesk.core.errors import (
    AuthError,
    CancelledError,
    SessionExpiredError,
    SignInNotConfiguredError,
)
from walletdesk.core.models import LOCAL_USER, User
from walletdesk.paths import AppPaths
from walletdesk.store.database import Database
from walletdesk.store.users import UserRepository

pytestmark = pytest.mark.oidc

ALICE_USER = User(ALICE.sub, ALICE.email, ALICE.name)


def restart(paths: AppPaths, database: Database, **kwargs: object) -> SessionController:
    """A new controller, as after quitting and starting WalletDesk again."""
    return SessionController(paths, lambda: database, **kwargs)  # type: ignore[arg-type]


def test_sign_in_keeps_the_refresh_token_in_the_keychain_and_no_token_on_disk(
    session: SessionController, oidc: OidcProvider, memory_keyring: MemoryKeyring,
    paths: AppPaths, database: Database,
) -> None:
    browser = FakeBrowser(ALICE.sub)
    assert session.login(browser, timeout=20) == ALICE_USER
    assert "You are signed in to WalletDesk" in browser.wait().text
    ((service, account),) = memory_keyring.items
    token = stored_refresh_token(memory_keyring)
    assert service == SERVICE and oidc.client_id in account and oidc.issuer in account
    assert UserRepository(database).get(ALICE.sub) == ALICE_USER
    assert stored_user(paths.data_dir) == ALICE_USER
    for file in Path(paths.data_dir).rglob("*"):
        if file.is_file():
            assert token.encode() not in file.read_bytes(), file


def test_authorization_request_is_built_from_discovery_with_pkce_state_and_nonce(
    session: SessionController, oidc: OidcProvider
) -> None:
    browser = FakeBrowser(ALICE.sub)
    urls: list[str] = []
    session.login(browser, timeout=20, on_url=urls.append)
    (url,) = urls
    assert browser.opened == urls
    assert url.startswith(oidc.issuer + "/auth?")  # oidc-provider's path, not Clerk's
    assert query_param(url, "code_challenge_method") == "S256"
    assert query_param(url, "scope") == "openid profile email offline_access"
    assert query_param(url, "response_type") == "code"
    assert len(query_param(url, "state")) >= 8 and query_param(url, "nonce")
    redirect = urlsplit(query_param(url, "redirect_uri"))
    assert (redirect.scheme, redirect.hostname, redirect.path) == ("http", "127.0.0.1", "/callback")
    assert "prompt" not in parse_qs(urlsplit(url).query)  # asked for only where needed
    assert {e["grant_type"] for e in oidc.events("token")} == {"authorization_code"}


def test_a_clerk_like_client_gets_exactly_the_registered_redirect_uri_and_no_prompt(
    session: SessionController, oidc_web: OidcProvider
) -> None:
    browser = FakeBrowser(ALICE.sub)
    urls: list[str] = []
    assert session.login(browser, timeout=20, on_url=urls.append) == ALICE_USER
    assert query_param(urls[0], "redirect_uri") == oidc_web.web_redirect_uri
    assert "prompt" not in parse_qs(urlsplit(urls[0]).query)
    assert browser.followed == []  # one round trip
    assert [e["grant_type"] for e in oidc_web.events("token")] == ["authorization_code"]


def test_a_provider_that_wants_prompt_consent_gets_it_in_the_same_tab(
    session: SessionController, oidc_native: OidcProvider, memory_keyring: MemoryKeyring
) -> None:
    browser = FakeBrowser(ALICE.sub)
    assert session.login(browser, timeout=20) == ALICE_USER
    (second,) = browser.followed  # the listener sent the browser on, once
    assert query_param(second, "prompt") == "consent"
    assert browser.opened[0] != second and "prompt" not in browser.opened[0]
    assert "You are signed in" in browser.wait().text
    assert stored_refresh_token(memory_keyring)


def test_an_exact_match_provider_refuses_another_port_and_the_user_is_told_what_to_check(
    session: SessionController, oidc_web: OidcProvider, monkeypatch: pytest.MonkeyPatch,
    memory_keyring: MemoryKeyring, paths: AppPaths, database: Database,
) -> None:
    monkeypatch.setenv(ENV_REDIRECT_URI, "http://127.0.0.1/callback")  # any-port mode
    monkeypatch.setattr(browser_sign_in, "NO_ANSWER_HINT_SECONDS", 0.2)
    refused: list[int] = []

    def browser(url: str) -> None:
        refused.append(httpx.get(url).status_code)  # the provider's error page, no redirect

    hints: list[str] = []
    with pytest.raises(SignInTimeoutError) as caught:
        session.login(browser, timeout=3, on_hint=hints.append)
    assert refused == [400]
    assert len(hints) == 1 and "must list exactly http://127.0.0.1:" in hints[0]
    assert "set a fixed one in the redirect URI in Settings" in hints[0]
    assert "WALLETDESK_CLERK_REDIRECT_URI" in str(caught.value)
    assert_nothing_stored(memory_keyring, paths, database, ALICE)


def test_a_taken_redirect_port_is_reported_at_once(
    session: SessionController, oidc_web: OidcProvider
) -> None:
    port = urlsplit(oidc_web.web_redirect_uri).port
    with socket.socket() as holder:  # another program, started after WalletDesk's last sign-in
        holder.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        holder.bind(("127.0.0.1", port))
        holder.listen()
        browser = FakeBrowser(ALICE.sub)
        with pytest.raises(RedirectPortError, match=f"Port {port} on 127.0.0.1 is in use"):
            session.login(browser, timeout=60)
    assert browser.opened == []


def test_after_a_restart_you_are_still_signed_in_without_asking_the_provider(
    session: SessionController, oidc: OidcProvider, paths: AppPaths, database: Database
) -> None:
    sign_in(session, ALICE)
    before = oidc.events()
    restarted = restart(paths, database)
    assert restarted.current_user() == ALICE_USER
    assert restarted.whoami() == ALICE_USER
    assert oidc.events() == before


def test_a_refresh_stores_the_rotated_refresh_token_at_once(
    session: SessionController, oidc: OidcProvider, memory_keyring: MemoryKeyring,
    paths: AppPaths, database: Database,
) -> None:
    sign_in(session, ALICE)
    first = stored_refresh_token(memory_keyring)
    assert restart(paths, database).check() == ALICE_USER
    second = stored_refresh_token(memory_keyring)
    assert second != first
    assert restart(paths, database).check() == ALICE_USER  # the rotated token works
    assert [e["grant_type"] for e in oidc.events("token")].count("refresh_token") == 2
    assert oidc.refresh_with(first).json()["error"] == "invalid_grant"  # the old one is dead


def test_concurrent_checks_refresh_one_at_a_time(
    session: SessionController, oidc: OidcProvider, paths: AppPaths, database: Database
) -> None:
    # Each refresh rotates the refresh token: two at once would send the same token twice,
    # and the provider would refuse the second (the session would end).
    sign_in(session, ALICE)
    restarted = restart(paths, database)
    barrier = threading.Barrier(6)
    users: list[User] = []

    def call() -> None:
        barrier.wait()
        users.append(restarted.check())

    threads = [threading.Thread(target=call) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(20)
    assert users == [ALICE_USER] * 6
    assert [e["grant_type"] for e in oidc.events("token")].count("refresh_token") == 6


def test_sign_out_revokes_the_refresh_token_and_forgets_the_session_but_not_the_data(
    session: SessionController, oidc: OidcProvider, memory_keyring: MemoryKeyring,
    paths: AppPaths, database: Database,
) -> None:
    sign_in(session, ALICE)
    token = stored_refresh_token(memory_keyring)
    result = session.logout()
    assert (result.was_signed_in, result.revoked, result.warning) == (True, True, False)
    assert [e["status"] for e in oidc.events("revocation")] == [200]
    assert oidc.refresh_with(token).json()["error"] == "invalid_grant"
    assert memory_keyring.items == {}
    assert not profile_path(paths.data_dir).exists()
    with pytest.raises(AuthError, match="You are signed out"):
        session.current_user()
    assert UserRepository(database).get(ALICE.sub) == ALICE_USER
    assert session.logout().message == "You were not signed in."


def test_sign_out_forgets_the_session_even_when_revocation_fails_and_says_so(
    session: SessionController, oidc: OidcProvider, memory_keyring: MemoryKeyring
) -> None:
    sign_in(session, ALICE)
    oidc.fault("revocation", status=503, body={"error": "temporarily_unavailable"})
    result = session.logout()
    assert result.warning and not result.revoked
    assert "Signed out on this computer" in result.message and "not told" in result.message
    assert memory_keyring.items == {}


def test_without_a_revocation_endpoint_sign_out_says_where_to_revoke(
    oidc: OidcProvider, memory_keyring: MemoryKeyring, paths: AppPaths, database: Database
) -> None:
    sign_in(restart(paths, database), ALICE)
    oidc.fault("discovery", without=["revocation_endpoint"])  # as Clerk's metadata has it
    result = restart(paths, database).logout()
    assert (result.was_signed_in, result.revoked, result.warning) == (True, False, False)
    assert "forgot the session on this computer" in result.message
    assert "Clerk Dashboard" in result.message
    assert oidc.events("revocation") == [] and memory_keyring.items == {}


def test_a_revoked_session_asks_you_to_sign_in_again_and_keeps_your_data(
    session: SessionController, oidc: OidcProvider, memory_keyring: MemoryKeyring,
    paths: AppPaths, database: Database,
) -> None:
    sign_in(session, ALICE)
    oidc.http.post("/token/revocation", data={
        "token": stored_refresh_token(memory_keyring), "client_id": oidc.client_id,
    }).raise_for_status()  # e.g. signed out of all devices in the Clerk account
    restarted = restart(paths, database)
    with pytest.raises(SessionExpiredError, match="Sign in again"):
        restarted.check()
    with pytest.raises(AuthError) as signed_out:
        restarted.current_user()
    assert str(signed_out.value) == SIGNED_OUT
    assert memory_keyring.items == {}
    assert UserRepository(database).get(ALICE.sub) == ALICE_USER


def test_an_unreachable_provider_keeps_the_session(
    session: SessionController, oidc: OidcProvider, memory_keyring: MemoryKeyring,
    paths: AppPaths, database: Database, monkeypatch: pytest.MonkeyPatch,
) -> None:
    sign_in(session, ALICE)
    token = stored_refresh_token(memory_keyring)
    monkeypatch.setattr(provider_module, "HTTP_TIMEOUT", 0.3)
    oidc.fault("token", delay_ms=1500)
    restarted = restart(paths, database)
    with pytest.raises(ProviderUnreachableError, match="did not answer in time"):
        restarted.check()
    assert stored_refresh_token(memory_keyring) == token
    assert restarted.current_user() == ALICE_USER


def test_signing_in_as_another_user_replaces_and_revokes_the_first_session(
    session: SessionController, memory_keyring: MemoryKeyring, paths: AppPaths,
    oidc: OidcProvider,
) -> None:
    sign_in(session, ALICE)
    alices_token = stored_refresh_token(memory_keyring)
    bob = sign_in(session, BOB)
    assert bob == User(BOB.sub, BOB.email, BOB.name)
    assert session.current_user() == bob
    assert len(memory_keyring.items) == 1
    assert stored_user(paths.data_dir) == bob
    assert [e["status"] for e in oidc.events("revocation")] == [200]  # Alice's session ended
    assert oidc.refresh_with(alices_token).json()["error"] == "invalid_grant"


def test_signing_in_again_as_the_same_user_keeps_a_working_session(
    session: SessionController, memory_keyring: MemoryKeyring, paths: AppPaths,
    database: Database, oidc: OidcProvider,
) -> None:
    sign_in(session, ALICE)
    sign_in(session, ALICE)
    assert oidc.events("revocation") == []
    assert restart(paths, database).check() == ALICE_USER


def test_a_browser_that_blocks_until_it_exits_does_not_stall_the_sign_in(
    session: SessionController, oidc: OidcProvider
) -> None:
    browser = FakeBrowser(ALICE.sub)
    pages = []

    def console_browser(url: str) -> None:  # like BROWSER=lynx: returns when it quits
        pages.append(browser.deliver(browser.authorize(url)))

    assert session.login(console_browser, timeout=20) == ALICE_USER


def test_cancel_stops_waiting_and_stores_nothing(
    session: SessionController, oidc: OidcProvider, memory_keyring: MemoryKeyring,
    paths: AppPaths, database: Database,
) -> None:
    cancel = threading.Event()
    threading.Timer(0.3, cancel.set).start()
    with pytest.raises(CancelledError):
        session.login(lambda url: None, timeout=30, cancel=cancel)
    assert_nothing_stored(memory_keyring, paths, database, ALICE)


def test_giving_up_after_the_timeout_stores_nothing(
    session: SessionController, oidc: OidcProvider, memory_keyring: MemoryKeyring,
    paths: AppPaths, database: Database,
) -> None:
    with pytest.raises(SignInTimeoutError, match="Then try again"):
        session.login(lambda url: None, timeout=0.5)
    assert_nothing_stored(memory_keyring, paths, database, ALICE)


def test_a_second_sign_in_while_one_is_waiting_is_refused(
    session: SessionController, oidc: OidcProvider
) -> None:
    cancel = threading.Event()
    waiting_for_browser = threading.Event()  # the first sign-in is under way: it has its URL
    outcome: list[BaseException] = []

    def wait_for_a_browser_that_never_answers() -> None:
        try:
            session.login(lambda url: None, timeout=30, cancel=cancel,
                          on_url=lambda url: waiting_for_browser.set())
        except BaseException as exc:
            outcome.append(exc)

    waiting = threading.Thread(target=wait_for_a_browser_that_never_answers)
    waiting.start()
    assert waiting_for_browser.wait(10)
    try:
        with pytest.raises(AuthError, match="already in progress"):
            session.login(lambda url: None, timeout=1)
    finally:
        cancel.set()
        waiting.join(5)
    assert [type(exc) for exc in outcome] == [CancelledError]


def test_sign_in_configured_in_settings_works_like_the_environment(
    session: SessionController, oidc: OidcProvider, paths: AppPaths,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("WALLETDESK_CLERK_ISSUER")
    monkeypatch.delenv("WALLETDESK_CLERK_CLIENT_ID")
    assert not session.is_configured()
    session.save_config(oidc.issuer, oidc.client_id)
    config = session.config()
    assert config is not None and config.source == "settings"
    assert sign_in(session, ALICE) == ALICE_USER


def test_without_configuration_you_are_the_local_profile_and_told_how_to_set_up(
    session: SessionController, paths: AppPaths
) -> None:
    assert session.current_user() == LOCAL_USER
    assert session.whoami() is None
    assert session.check() == LOCAL_USER
    with pytest.raises(SignInNotConfiguredError, match="WALLETDESK_CLERK_ISSUER"):
        session.login(lambda url: None, timeout=1)
    save_config(paths, "https://x.clerk.accounts.dev", "abc")
    with pytest.raises(AuthError) as signed_out:
        session.current_user()
    assert str(signed_out.value) == SIGNED_OUT
