"""The master key in a real Secret Service keychain (gnome-keyring on a private D-Bus)."""

from __future__ import annotations

import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tests.system_parts import skip_missing

pytestmark = pytest.mark.keychain

NEEDED = ("dbus-run-session", "gnome-keyring-daemon")

SCRIPT = textwrap.dedent(
    """
    import sys
    from walletdesk.core.errors import KeychainUnavailableError, MasterKeyError
    from walletdesk.security.master_key import Keychain, new_key
    action = sys.argv[1]
    keychain = Keychain()
    try:
        key = keychain.read()
        if key is None and action == "create":
            key = new_key()
            keychain.write(key)
        if key is None:
            raise MasterKeyError("missing")
    except (KeychainUnavailableError, MasterKeyError) as error:
        print("ERROR", type(error).__name__, error)
    else:
        print("KEY", key.hex())
    """
)


def run_in_keychain(home: Path, shell: str) -> str:
    missing = [tool for tool in NEEDED if shutil.which(tool) is None]
    if missing:
        skip_missing(", ".join(missing), "gnome-keyring dbus")
    env = {
        "HOME": str(home),
        "PATH": "/usr/bin:/bin",
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_RUNTIME_DIR": str(home / "run"),
    }
    (home / "run").mkdir(mode=0o700, exist_ok=True)
    result = subprocess.run(
        ["dbus-run-session", "--", "sh", "-c", shell],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def python(action: str) -> str:
    return f"{sys.executable} -c '{SCRIPT}' {action}"


UNLOCK = "printf %s pw | gnome-keyring-daemon --unlock --components=secrets >/dev/null"


def test_key_is_created_on_first_use_and_found_after_restart(tmp_path: Path) -> None:
    first = run_in_keychain(tmp_path, f"{UNLOCK}; {python('create')}")
    assert first.startswith("KEY "), first
    # A new D-Bus session and a new daemon: only the keyring file on disk carries over.
    again = run_in_keychain(tmp_path, f"{UNLOCK}; {python('read')}")
    assert again == first


def test_locked_collection_gives_a_clear_error(tmp_path: Path) -> None:
    run_in_keychain(tmp_path, f"{UNLOCK}; {python('create')}")
    # Start the daemon without unlocking: the login collection stays locked.
    output = run_in_keychain(
        tmp_path, f"gnome-keyring-daemon --start --components=secrets >/dev/null; {python('read')}"
    )
    assert output.startswith("ERROR KeychainUnavailableError"), output
    assert "locked" in output or "unlock" in output
