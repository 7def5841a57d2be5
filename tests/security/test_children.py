"""A process WalletDesk starts (the sign-in browser) never inherits the master key."""

from __future__ import annotations

import base64
import os
import sys
import webbrowser
from pathlib import Path

import pytest

from tests.auth.memory_keyring import MemoryKeyring
from tests.oidc.accounts import ALICE
from tests.oidc.provider import OidcProvider
from walletdesk.app import main
from walletdesk.security.master_key import ENV_VAR

BROWSER_CLI = Path(__file__).resolve().parents[1] / "oidc" / "browser_cli.py"


@pytest.mark.oidc
def test_the_sign_in_browser_does_not_inherit_the_master_key(
    tmp_path: Path, data_dir: Path, master_key: bytes, oidc: OidcProvider,
    memory_keyring: MemoryKeyring, monkeypatch: pytest.MonkeyPatch,
) -> None:
    seen = tmp_path / "browser-environment"
    browser = tmp_path / "browser.sh"
    browser.write_text(f'env > "{seen}"\nexec "{sys.executable}" "{BROWSER_CLI}" "$1"\n')
    monkeypatch.setenv("BROWSER", f"sh {browser} %s")
    monkeypatch.setenv("WALLETDESK_TEST_LOGIN", ALICE.sub)
    monkeypatch.setattr(webbrowser, "_tryorder", None)
    monkeypatch.setattr(webbrowser, "_browsers", {})

    assert main(["login"]) == 0
    environment = seen.read_text()
    assert "WALLETDESK_TEST_LOGIN=" in environment  # the browser did run, with our variables
    assert f"{ENV_VAR}=" not in environment
    assert base64.b64encode(master_key).decode() not in environment
    assert os.environ[ENV_VAR]  # given back to the caller of main()
