"""Two WalletDesk processes checking the session at once (``walletdesk whoami & walletdesk
whoami``) both succeed and leave a working session: the refresh holds a lock across
processes, so a rotated-away token is never sent (issue 18, finding 2)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import keyring
import pytest

from tests.auth.file_keyring import BACKEND, ENV_FILE, FileKeyring
from tests.auth.signing_in import sign_in
from tests.oidc.accounts import ALICE
from tests.oidc.provider import OidcProvider
from walletdesk.controllers.session import SessionController
from walletdesk.paths import AppPaths
from walletdesk.store.database import Database

pytestmark = pytest.mark.oidc
ROOT = Path(__file__).resolve().parents[2]


def whoami(keychain: Path) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHON_KEYRING_BACKEND": BACKEND, ENV_FILE: str(keychain),
           "PYTHONPATH": str(ROOT)}
    return subprocess.Popen([sys.executable, "-m", "walletdesk", "whoami"], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def wait_until(condition: object, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():  # type: ignore[operator]
        assert time.monotonic() < deadline, "timed out waiting"
        time.sleep(0.02)


def test_two_processes_checking_the_session_at_once_both_stay_signed_in(
    oidc: OidcProvider, paths: AppPaths, database: Database, tmp_path: Path,
) -> None:
    keychain = tmp_path / "keychain.json"
    shared = FileKeyring(keychain)
    keyring.set_keyring(shared)  # the memory_keyring fixture puts the previous one back
    sign_in(SessionController(paths, lambda: database), ALICE)

    oidc.fault("token", delay_ms=3000)  # the first refresh is slow to answer
    first = whoami(keychain)
    wait_until(lambda: oidc.in_flight("token") == 1)  # its refresh is at the provider
    second = whoami(keychain)
    results = [process.communicate(timeout=60) for process in (first, second)]
    for process, (out, err) in zip((first, second), results, strict=True):
        assert process.returncode == 0, err
        assert f"id:    {ALICE.sub}" in out
    refreshes = [e for e in oidc.events("token") if e["grant_type"] == "refresh_token"]
    assert [e["status"] for e in refreshes] == [200, 200]  # no rotated-away token was sent
    again = whoami(keychain)
    out, err = again.communicate(timeout=60)
    assert again.returncode == 0, err  # the session the two left behind still works
