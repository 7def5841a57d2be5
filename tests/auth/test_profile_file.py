"""The non-secret profile file and the first-paint decision of whose portfolio to show."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.auth.signing_in import stored_user
from walletdesk.auth.config import ENV_CLIENT_ID, ENV_ISSUER
from walletdesk.auth.first_paint import startup_user
from walletdesk.auth.profile_file import (
    StoredProfile,
    profile_path,
    remove_profile,
    save_profile,
)
from walletdesk.core.models import LOCAL_USER, User
from walletdesk.paths import AppPaths

ALICE = User("user_2aliceAAAAAAAAAAAAAAAAAAAAA", "alice@example.com", "Alice Example")
ISSUER = "https://quiet-otter-12.clerk.accounts.dev"
CONFIGURED = {ENV_ISSUER: ISSUER, ENV_CLIENT_ID: "abc"}


def test_profile_round_trips_without_any_token(paths: AppPaths) -> None:
    save_profile(paths.data_dir, StoredProfile(ALICE, ISSUER, "abc"))
    assert stored_user(paths.data_dir) == ALICE
    stored = json.loads(profile_path(paths.data_dir).read_text())
    assert set(stored) == {"version", "user", "issuer", "client_id"}
    assert profile_path(paths.data_dir).stat().st_mode & 0o077 == 0


def test_missing_or_damaged_profile_means_nobody(paths: AppPaths) -> None:
    assert stored_user(paths.data_dir) is None
    paths.data_dir.mkdir(parents=True, exist_ok=True)
    profile_path(paths.data_dir).write_text("[1, 2")
    assert stored_user(paths.data_dir) is None
    profile_path(paths.data_dir).write_text(json.dumps({"user": {"id": ""}}))
    assert stored_user(paths.data_dir) is None


def test_removing_a_missing_profile_is_fine(paths: AppPaths) -> None:
    remove_profile(paths.data_dir)


def test_first_paint_shows_the_local_profile_when_sign_in_is_not_set_up(
    paths: AppPaths,
) -> None:
    save_profile(paths.data_dir, StoredProfile(ALICE, ISSUER, "abc"))
    assert startup_user(paths, {}) == LOCAL_USER


def test_first_paint_shows_the_stored_user_of_the_configured_instance(paths: AppPaths) -> None:
    save_profile(paths.data_dir, StoredProfile(ALICE, ISSUER, "abc"))
    assert startup_user(paths, CONFIGURED) == ALICE
    other_instance = {ENV_ISSUER: "https://other.clerk.accounts.dev", ENV_CLIENT_ID: "abc"}
    assert startup_user(paths, other_instance) is None


def test_first_paint_shows_the_sign_in_screen_when_signed_out_or_misconfigured(
    paths: AppPaths,
) -> None:
    assert startup_user(paths, CONFIGURED) is None
    assert startup_user(paths, {ENV_ISSUER: ISSUER}) is None


@pytest.mark.parametrize(
    "module", ["walletdesk.auth.profile_file", "walletdesk.auth.first_paint"]
)
def test_first_paint_modules_import_only_the_standard_library_and_core(module: str) -> None:
    code = (
        f"import sys; before = set(sys.modules); import {module}; "
        "print('\\n'.join(sorted(set(sys.modules) - before)))"
    )
    loaded = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.split()
    ours = {name for name in loaded if name.split(".")[0] == "walletdesk"}
    allowed = {"walletdesk", "walletdesk.core", "walletdesk.core.models", "walletdesk.core.errors",
               "walletdesk.auth", "walletdesk.auth.json_file", "walletdesk.auth.profile_file",
               "walletdesk.auth.config", "walletdesk.auth.first_paint",
                   "walletdesk.auth.redirect"}
    assert ours <= allowed
    third_party = {name.split(".")[0] for name in loaded} - set(sys.stdlib_module_names) - {
        "walletdesk"}
    assert third_party == set()
