"""Helpers for sign-in tests: sign an account in through the stand-in browser; check that
a failed attempt stored nothing."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

from tests.auth.memory_keyring import MemoryKeyring
from tests.oidc.accounts import Account
from tests.oidc.browser import FakeBrowser
from walletdesk.auth.profile_file import load_stored_profile, profile_path
from walletdesk.controllers.session import SessionController
from walletdesk.core.models import User
from walletdesk.paths import AppPaths
from walletdesk.store.database import Database
from walletdesk.store.users import UserRepository


def sign_in(session: SessionController, account: Account) -> User:
    browser = FakeBrowser(account.sub)
    user = session.login(browser, timeout=20)
    assert browser.wait().status_code == 200
    return user


def stored_user(data_dir: Path) -> User | None:
    """The signed-in user as last stored, or None (signed out, or no usable file)."""
    stored = load_stored_profile(data_dir)
    return stored.user if stored else None


def query_param(url: str, name: str) -> str:
    return parse_qs(urlsplit(url).query)[name][0]


def stored_session(keychain: MemoryKeyring) -> dict[str, Any]:
    """The one session record in the keychain (JSON: refresh token, bound identity)."""
    (record,) = keychain.items.values()
    parsed: dict[str, Any] = json.loads(record)
    return parsed


def stored_refresh_token(keychain: MemoryKeyring) -> str:
    token: str = stored_session(keychain)["refresh_token"]
    return token


def assert_nothing_stored(
    keychain: MemoryKeyring, paths: AppPaths, database: Database, account: Account
) -> None:
    assert keychain.items == {}
    assert not profile_path(paths.data_dir).exists()
    assert UserRepository(database).get(account.sub) is None
