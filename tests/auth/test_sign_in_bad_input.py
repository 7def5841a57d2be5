"""Each bad answer ends the sign-in with a clear message and stores nothing."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable
from typing import Any

import pytest
from joserfc.jwk import RSAKey
from keyring.errors import NoKeyringError

from tests.auth.memory_keyring import MemoryKeyring
from tests.auth.signing_in import assert_nothing_stored, query_param
from tests.oidc.accounts import ALICE
from tests.oidc.browser import FakeBrowser
from tests.oidc.provider import OidcProvider
from walletdesk.auth.config import ENV_ISSUER
from walletdesk.auth.errors import ProviderUnreachableError, SignInRetryError
from walletdesk.auth.loopback import LoopbackListener
from walletdesk.controllers.session import SessionController
from walletdesk.core.errors import AuthError, KeychainUnavailableError
from walletdesk.paths import AppPaths
from walletdesk.store.database import Database

pytestmark = pytest.mark.oidc


@pytest.fixture
def nothing_stored(
    memory_keyring: MemoryKeyring, paths: AppPaths, database: Database
) -> Callable[[], None]:
    return lambda: assert_nothing_stored(memory_keyring, paths, database, ALICE)


def _replace_query(url: str, old: str, new: str) -> str:
    assert old in url
    return url.replace(old, new)


def _set_state(url: str, value: str | None) -> str:
    state = query_param(url, "state")
    if value is None:
        return _replace_query(url, f"state={state}", "")
    return _replace_query(url, f"state={state}", f"state={value}")


@pytest.mark.parametrize(
    ("tamper", "error", "message"),
    [
        (lambda url: _set_state(url, "not-the-state-we-sent"), AuthError, "state is wrong"),
        (lambda url: _set_state(url, None), AuthError, "state is missing"),
        (lambda url: url.split("?")[0] + "?error=unsupported_response_type&state=",
         SignInRetryError, "try again"),
    ],
    ids=["wrong-state", "missing-state", "clerk-quirk"],
)
def test_a_bad_answer_from_the_browser_ends_the_attempt(
    session: SessionController, oidc: OidcProvider, nothing_stored: Callable[[], None],
    tamper: Callable[[str], str], error: type[AuthError], message: str,
) -> None:
    browser = FakeBrowser(ALICE.sub, tamper=tamper)
    with pytest.raises(error, match=message) as caught:
        session.login(browser, timeout=20)
    assert "Nothing was stored" in str(caught.value)
    assert "You are signed in" not in browser.wait().text
    assert oidc.events("token") == []  # no code was exchanged
    nothing_stored()


def test_stray_requests_to_the_listener_are_ignored_and_the_sign_in_completes(
    session: SessionController, oidc: OidcProvider
) -> None:
    browser = FakeBrowser(ALICE.sub)
    strays: list[int] = []

    def browser_that_also_asks_for_an_icon(url: str) -> None:
        callback = browser.authorize(url)
        base = callback.split("?")[0]
        strays.append(browser.client.get(base.replace("/callback", "/favicon.ico")).status_code)
        strays.append(browser.client.get(callback, headers={"Host": "evil.example"}).status_code)
        browser.page = browser.deliver(callback)

    assert session.login(browser_that_also_asks_for_an_icon, timeout=20).id == ALICE.sub
    assert strays == [404, 404]
    assert browser.page is not None and browser.page.status_code == 200


def test_the_known_clerk_quirk_is_marked_retryable(
    session: SessionController, oidc: OidcProvider
) -> None:
    browser = FakeBrowser(ALICE.sub, tamper=lambda url: url.split("?")[0]
                          + "?error=unsupported_response_type&state=")
    with pytest.raises(SignInRetryError) as caught:
        session.login(browser, timeout=20)
    assert caught.value.retryable
    assert session.login(FakeBrowser(ALICE.sub), timeout=20).id == ALICE.sub  # retry works


def test_an_error_from_the_provider_ends_the_attempt(
    session: SessionController, oidc: OidcProvider, nothing_stored: Callable[[], None]
) -> None:
    browser = FakeBrowser(ALICE.sub, deny=True)  # the user declines at the provider
    with pytest.raises(AuthError, match="access_denied: The user declined"):
        session.login(browser, timeout=20)
    assert browser.wait().status_code == 400
    nothing_stored()


def _id_token_cases() -> dict[str, tuple[Callable[[OidcProvider, str], str], str]]:
    def signed(**overrides: Any) -> Callable[[OidcProvider, str], str]:
        return lambda oidc, nonce: oidc.sign(
            oidc.id_token_claims(ALICE, **{"nonce": nonce, **overrides}))

    def tampered(oidc: OidcProvider, nonce: str) -> str:
        header, payload, signature = signed()(oidc, nonce).split(".")
        altered = payload[:-4] + ("AAAA" if payload[-4:] != "AAAA" else "BBBB")
        return f"{header}.{altered}.{signature}"

    def foreign_key(oidc: OidcProvider, nonce: str) -> str:
        kid = oidc.key.kid
        assert kid is not None
        impostor = RSAKey.generate_key(2048, parameters={"kid": kid}, private=True)
        return oidc.sign(oidc.id_token_claims(ALICE, nonce=nonce), impostor)

    now = int(time.time())
    return {
        "tampered": (tampered, "signature that does not verify"),
        "signed-by-another-key": (foreign_key, "signature that does not verify"),
        "expired": (signed(iat=now - 7200, exp=now - 3600), "has expired"),
        "clock-behind": (signed(iat=now + 600, exp=now + 4200),
                         "clock is about 10 minutes behind"),
        "clock-behind-nbf": (signed(nbf=now + 300), "clock is about 5 minutes behind"),
        "wrong-iss": (signed(iss="https://impostor.example"), r"another sign-in service \(iss\)"),
        "wrong-aud": (signed(aud="another-app"), r"another application \(aud\)"),
        "wrong-nonce": (signed(nonce="replayed-nonce"), r"this sign-in attempt \(nonce\)"),
        "no-nonce": (signed(nonce=None), "lacks the 'nonce' claim"),
    }


@pytest.mark.parametrize("case", list(_id_token_cases()))
def test_a_bad_id_token_ends_the_attempt(
    session: SessionController, oidc: OidcProvider, nothing_stored: Callable[[], None],
    case: str,
) -> None:
    make_token, message = _id_token_cases()[case]

    def swap_id_token(url: str) -> None:  # called before the browser opens
        oidc.fault("token", id_token=make_token(oidc, query_param(url, "nonce")))

    browser = FakeBrowser(ALICE.sub)
    with pytest.raises(AuthError, match=message) as caught:
        session.login(browser, timeout=20, on_url=swap_id_token)
    assert ("clock" in str(caught.value)) == case.startswith(("clock", "expired"))
    assert "behind" not in str(caught.value) or "expired" not in str(caught.value)
    assert "Nothing was stored" in browser.wait().text
    nothing_stored()


@pytest.mark.parametrize(
    ("fault", "message"),
    [
        ({"status": 400, "body": {"error": "invalid_grant", "error_description": "code expired"}},
         r"refused the sign-in \(invalid_grant: code expired\)"),
        ({"status": 500, "body": "<html>oops</html>"}, "HTTP 500"),
        ({"status": 200, "body": "not json"}, "malformed answer"),
    ],
    ids=["oauth-error", "server-error", "malformed"],
)
def test_a_token_endpoint_error_ends_the_attempt(
    session: SessionController, oidc: OidcProvider, nothing_stored: Callable[[], None],
    fault: dict[str, Any], message: str,
) -> None:
    oidc.fault("token", **fault)
    browser = FakeBrowser(ALICE.sub)
    with pytest.raises(AuthError, match=message):
        session.login(browser, timeout=20)
    assert browser.wait().status_code == 400
    nothing_stored()


def test_an_unreachable_issuer_fails_before_any_browser_opens(
    session: SessionController, oidc: OidcProvider, nothing_stored: Callable[[], None],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        closed = f"http://127.0.0.1:{probe.getsockname()[1]}"
    monkeypatch.setenv(ENV_ISSUER, closed)
    browser = FakeBrowser(ALICE.sub)
    with pytest.raises(ProviderUnreachableError,
                       match=f"Cannot reach the sign-in service at {closed}"):
        session.login(browser, timeout=20)
    assert browser.opened == []
    nothing_stored()


def test_a_second_request_to_the_listener_ends_the_attempt(
    session: SessionController, oidc: OidcProvider, nothing_stored: Callable[[], None],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    oidc.fault("token", delay_ms=800)  # keeps the first answer in flight
    browser = FakeBrowser(ALICE.sub)
    second: list[int] = []
    first_taken = threading.Event()
    wait_for_answer = LoopbackListener.wait_for_answer

    def taken(self: LoopbackListener, *args: Any, **kwargs: Any) -> Any:
        answer = wait_for_answer(self, *args, **kwargs)
        first_taken.set()  # the listener holds the first answer: the token call is under way
        return answer

    monkeypatch.setattr(LoopbackListener, "wait_for_answer", taken)

    def browser_and_intruder(url: str) -> None:
        callback = browser.authorize(url)
        first = threading.Thread(target=lambda: browser.deliver(callback), daemon=True)
        first.start()
        assert first_taken.wait(10)
        second.append(browser.deliver(callback).status_code)

    with pytest.raises(AuthError, match="second request"):
        session.login(browser_and_intruder, timeout=20)
    assert second == [409]
    nothing_stored()


def test_an_issuer_that_calls_itself_something_else_is_refused(
    session: SessionController, oidc: OidcProvider, nothing_stored: Callable[[], None],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv(ENV_ISSUER, oidc.issuer.replace("127.0.0.1", "localhost"))
    browser = FakeBrowser(ALICE.sub)
    with pytest.raises(AuthError, match="not the issuer configured in WalletDesk"):
        session.login(browser, timeout=20)
    assert browser.opened == []
    nothing_stored()


def test_without_a_keychain_the_sign_in_fails_clearly_and_stores_nothing(
    session: SessionController, oidc: OidcProvider, memory_keyring: MemoryKeyring,
    nothing_stored: Callable[[], None],
) -> None:
    memory_keyring.failure = NoKeyringError("no backend")
    browser = FakeBrowser(ALICE.sub)
    with pytest.raises(KeychainUnavailableError, match="No OS keychain"):
        session.login(browser, timeout=20)
    assert "No OS keychain" in browser.wait().text
    memory_keyring.failure = None
    nothing_stored()
