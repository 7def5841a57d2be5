"""`walletdesk login | logout | whoami` through the real command line (in-process)."""

from __future__ import annotations

import logging
import sys
import webbrowser
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.auth.memory_keyring import MemoryKeyring
from tests.auth.signing_in import stored_refresh_token
from tests.oidc.accounts import ALICE, MALLORY
from tests.oidc.provider import OidcProvider
from walletdesk.app import main
from walletdesk.auth.errors import SIGNED_OUT
from walletdesk.cli.session_commands import LOCAL_CHOSEN

BROWSER_CLI = Path(__file__).resolve().parents[1] / "oidc" / "browser_cli.py"


@dataclass
class Result:
    code: int
    out: str
    err: str


Cli = Callable[..., Result]


@pytest.fixture
def cli(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> Iterator[Cli]:
    def run(*args: str) -> Result:
        code = main(list(args))
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    # main() points these loggers at the log file; give them back to the other tests
    loggers = [logging.getLogger(name) for name in ("walletdesk", "httpx", "httpcore")]
    saved = [(lg.level, lg.propagate, list(lg.handlers)) for lg in loggers]
    yield run
    for logger, (level, propagate, handlers) in zip(loggers, saved, strict=True):
        for handler in logger.handlers[:]:
            if handler not in handlers:
                logger.removeHandler(handler)
                handler.close()
        logger.setLevel(level)
        logger.propagate = propagate


@pytest.fixture
def browser_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """BROWSER names the stand-in browser, which signs Alice in; webbrowser re-reads it."""
    monkeypatch.setenv("BROWSER", f"{sys.executable} {BROWSER_CLI} %s")
    monkeypatch.setenv("WALLETDESK_TEST_LOGIN", ALICE.sub)
    monkeypatch.setattr(webbrowser, "_tryorder", None)
    monkeypatch.setattr(webbrowser, "_browsers", {})


def test_whoami_without_configuration_is_the_local_profile(cli: Cli) -> None:
    result = cli("whoami")
    assert result.code == 0
    assert result.out.strip() == (
        "local profile (sign-in is not set up: set WALLETDESK_CLERK_ISSUER and "
        "WALLETDESK_CLERK_CLIENT_ID or use Settings)"
    )


def test_login_without_configuration_says_how_to_set_it_up(cli: Cli) -> None:
    result = cli("login")
    assert result.code == 1
    assert result.err.startswith("walletdesk: Sign-in is not set up: set WALLETDESK_CLERK_ISSUER")


@pytest.mark.oidc
def test_whoami_when_signed_out_asks_you_to_sign_in(cli: Cli, oidc: OidcProvider) -> None:
    result = cli("whoami")
    assert (result.code, result.err) == (
        1, f"walletdesk: {SIGNED_OUT}\n")


@pytest.mark.oidc
def test_login_opens_the_browser_from_BROWSER_prints_the_link_and_signs_in(
    cli: Cli, oidc: OidcProvider, browser_env: None, memory_keyring: MemoryKeyring
) -> None:
    result = cli("login")
    assert result.code == 0, result.err
    assert f"visit:\n  {oidc.issuer}/auth?" in result.out
    assert result.out.rstrip().endswith("Signed in as Alice Example <alice@example.com>.")
    assert stored_refresh_token(memory_keyring) not in result.out

    whoami = cli("whoami")
    assert whoami.code == 0
    assert whoami.out == f"id:    {ALICE.sub}\nemail: {ALICE.email}\nname:  {ALICE.name}\n"
    assert [e["grant_type"] for e in oidc.events("token")][-1] == "refresh_token"  # checked

    logout = cli("logout")
    assert (logout.code, logout.out) == (0, "Signed out.\n")
    assert cli("whoami").code == 1


@pytest.mark.oidc
def test_whoami_with_a_revoked_session_says_sign_in_again(
    cli: Cli, oidc: OidcProvider, browser_env: None, memory_keyring: MemoryKeyring
) -> None:
    assert cli("login").code == 0
    oidc.http.post("/token/revocation", data={
        "token": stored_refresh_token(memory_keyring), "client_id": oidc.client_id,
    }).raise_for_status()
    result = cli("whoami")
    assert result.code == 1
    assert "expired or was revoked" in result.err and "walletdesk login" in result.err


@pytest.mark.oidc
def test_logout_when_revocation_fails_signs_out_here_and_warns(
    cli: Cli, oidc: OidcProvider, browser_env: None, memory_keyring: MemoryKeyring
) -> None:
    assert cli("login").code == 0
    oidc.fault("revocation", status=503)
    result = cli("logout")
    assert result.code == 0
    assert result.err.startswith("walletdesk: Signed out on this computer, but")
    assert memory_keyring.items == {}


@pytest.mark.oidc
def test_terminal_escapes_in_the_providers_name_never_reach_the_terminal(
    cli: Cli, oidc: OidcProvider, browser_env: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("WALLETDESK_TEST_LOGIN", MALLORY.sub)
    login, whoami = cli("login"), None
    assert login.code == 0, login.err
    whoami = cli("whoami")
    assert whoami.code == 0, whoami.err
    for output in (login.out, login.err, whoami.out, whoami.err):
        assert "\x1b" not in output and "\x07" not in output
    assert "Mallory [31mRed]0;pwned <b>bold</b>" in whoami.out  # the rest is kept, inert


@pytest.mark.oidc
def test_login_local_uses_the_local_profile_until_a_real_login(
    cli: Cli, oidc: OidcProvider, browser_env: None, memory_keyring: MemoryKeyring,
    master_key: bytes,
) -> None:
    assert cli("credentials", "list").code == 1  # signed out: data commands refuse
    chosen = cli("login", "--local")
    assert (chosen.code, chosen.err) == (0, "")
    assert "local profile" in chosen.out
    assert oidc.events("token") == []  # no browser, no provider
    assert cli("whoami").out == f"{LOCAL_CHOSEN}\n"
    added = cli("credentials", "add", "--exchange", "demo", "--api-key", "local-key")
    assert added.code == 0, added.err
    assert "local-key" in cli("credentials", "list").out

    assert cli("login").code == 0  # signs in: the choice ends, Alice sees only her data
    assert ALICE.email in cli("whoami").out
    listed = cli("credentials", "list", "--format", "json")
    assert (listed.code, listed.out.strip()) == (0, "[]")
    assert "You were not signed in" not in cli("logout").out
    assert cli("whoami").code == 1  # signed out again: the sign-in question comes back
