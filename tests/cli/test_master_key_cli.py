"""`walletdesk rekey` and the master key's password, through real processes and a real
terminal (a pty); no keychain in these processes (no D-Bus), as on a bare desktop."""

from __future__ import annotations

import base64
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli.conftest import CliRunner
from tests.terminal import run_in_terminal

PASSWORD = "correct horse battery"
NEW_PASSWORD = "New password (not shown): "
SAME_AGAIN = "The same password again: "
PR_GET_DUMPABLE = 3  # prctl: whether the process may still dump core (Linux)


def environment(data_dir: Path, master_key: bytes | None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if k not in ("WALLETDESK_MASTER_KEY", "DBUS_SESSION_BUS_ADDRESS")}
    env["WALLETDESK_DATA_DIR"] = str(data_dir)
    if master_key is not None:
        env["WALLETDESK_MASTER_KEY"] = base64.b64encode(master_key).decode()
    return env


def walletdesk(env: dict[str, str], *args: str,
               stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "walletdesk", *args], input=stdin, env=env,
                          capture_output=True, text=True, timeout=120, check=False)


def add_demo(cli: CliRunner) -> None:
    assert cli("credentials", "add", "--exchange", "demo", "--api-key", "k").code == 0
    assert len(json.loads(cli("credentials", "list", "--format", "json").out)) == 1


def test_rekey_to_a_new_variable_key_reseals_and_the_old_key_stops_working(
    cli: CliRunner, data_dir: Path, master_key: bytes
) -> None:
    add_demo(cli)
    new = os.urandom(32)
    result = walletdesk(environment(data_dir, master_key), "rekey", "--new-key-stdin",
                        stdin=base64.b64encode(new).decode())
    assert result.returncode == 0, result.stderr
    assert "1 secret(s) re-encrypted" in result.stdout
    assert "Set WALLETDESK_MASTER_KEY to the new key" in result.stdout
    old = walletdesk(environment(data_dir, master_key), "refresh")
    assert old.returncode == 1 and "sealed with master key" in old.stderr
    fresh = walletdesk(environment(data_dir, new), "refresh")
    assert fresh.returncode == 0, fresh.stderr


def test_a_password_protected_key_is_asked_on_the_terminal_once_and_never_stored(
    cli: CliRunner, data_dir: Path, master_key: bytes
) -> None:
    add_demo(cli)
    chosen = run_in_terminal(["rekey", "--password"], environment(data_dir, master_key),
                             {NEW_PASSWORD: PASSWORD, SAME_AGAIN: PASSWORD})
    assert chosen.code == 0, chosen.screen
    assert PASSWORD not in chosen.screen  # not echoed
    assert "protected by a password" in chosen.screen
    for path in data_dir.rglob("*"):
        if path.is_file():
            assert PASSWORD.encode() not in path.read_bytes(), path

    asked = run_in_terminal(["refresh"], environment(data_dir, None),
                            {"(not shown): ": PASSWORD})
    assert asked.code == 0, asked.screen
    assert asked.screen.count("Password of master key") == 1

    piped = walletdesk(environment(data_dir, None), "refresh")
    assert piped.returncode == 1
    assert "no terminal to ask for it" in piped.stderr and "WALLETDESK_MASTER_KEY" in piped.stderr
    with_variable = walletdesk(environment(data_dir, master_key), "refresh")
    assert with_variable.returncode == 1  # rekey made a new key: the old variable is refused


def test_a_wrong_password_is_refused_after_three_tries(
    cli: CliRunner, data_dir: Path, master_key: bytes
) -> None:
    add_demo(cli)
    run_in_terminal(["rekey", "--password"], environment(data_dir, master_key),
                    {NEW_PASSWORD: PASSWORD, SAME_AGAIN: PASSWORD})
    wrong = run_in_terminal(["refresh"], environment(data_dir, None),
                            {"(not shown): ": "not the password"})
    assert wrong.code == 1
    assert wrong.screen.count("Wrong password.") == 2
    assert "does not open WalletDesk's master key" in wrong.screen


def test_secret_stdin_reads_a_few_kib_at_most(data_dir: Path, master_key: bytes) -> None:
    with open("/dev/zero", "rb") as endless:  # a mistaken `< /dev/zero`, or a runaway pipe
        result = subprocess.run(
            [sys.executable, "-m", "walletdesk", "credentials", "add", "--exchange", "mexc",
             "--api-key", "k", "--secret-stdin"], stdin=endless,
            env=environment(data_dir, master_key), capture_output=True, text=True,
            timeout=120, check=False)
    assert result.returncode == 1
    assert "more than 8 KiB" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="prctl is Linux's")
def test_a_walletdesk_process_dumps_no_core(data_dir: Path) -> None:
    probe = (
        "import atexit, ctypes, resource, sys;"
        "atexit.register(lambda: print('core', resource.getrlimit(resource.RLIMIT_CORE),"
        f" 'dumpable', bool(ctypes.CDLL(None).prctl({PR_GET_DUMPABLE}, 0, 0, 0, 0))));"
        "sys.argv = ['walletdesk', 'whoami']; import walletdesk.__main__"
    )
    result = subprocess.run([sys.executable, "-c", probe], env=environment(data_dir, None),
                            capture_output=True, text=True, timeout=120, check=False)
    assert "core (0, 0) dumpable False" in result.stdout, result.stdout + result.stderr


def test_the_parser_names_the_places_the_controller_knows() -> None:
    from walletdesk.cli import key_commands
    from walletdesk.controllers import master_key

    assert (key_commands.KEYCHAIN, key_commands.PASSWORD, key_commands.VARIABLE) == (
        master_key.KEYCHAIN, master_key.PASSWORD, master_key.VARIABLE)
