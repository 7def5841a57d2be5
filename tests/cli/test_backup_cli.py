"""`walletdesk backup` and `walletdesk restore` through real processes and real files."""

from __future__ import annotations

import base64
import json
import os
import sqlite3
import stat
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest

from tests.cli.conftest import CliRunner


def walletdesk(*args: str, key: bytes | None = None) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    if key is not None:
        env["WALLETDESK_MASTER_KEY"] = base64.b64encode(key).decode()
    return subprocess.run([sys.executable, "-m", "walletdesk", *args], capture_output=True,
                          text=True, timeout=120, check=False, env=env)


def balances(cli: CliRunner) -> object:
    return json.loads(cli("balances", "--format", "json").out)


def keys(cli: CliRunner) -> list[str]:
    return [row["id"] for row in json.loads(cli("credentials", "list", "--format", "json").out)]


@pytest.fixture
def filled(cli: CliRunner) -> CliRunner:
    assert cli("credentials", "add", "--exchange", "demo", "--api-key", "k").code == 0
    assert cli("refresh").code == 0
    return cli


def fingerprint(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def test_a_backup_taken_while_another_process_writes_is_consistent_and_private(
    filled: CliRunner, data_dir: Path, tmp_path: Path
) -> None:
    target = tmp_path / "walletdesk-backup.db"
    with closing(sqlite3.connect(data_dir / "walletdesk.db", isolation_level=None)) as writer:
        writer.execute("BEGIN IMMEDIATE")  # a window in the middle of a write
        writer.execute("DELETE FROM balances")  # not committed: must not be in the backup
        result = walletdesk("backup", str(target))
        writer.execute("ROLLBACK")
    assert result.returncode == 0, result.stderr
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    with closing(sqlite3.connect(f"{target.as_uri()}?mode=ro", uri=True)) as copy:
        assert copy.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert copy.execute("SELECT count(*) FROM balances").fetchone()[0] > 0
        assert copy.execute("PRAGMA journal_mode").fetchone() == ("delete",)
    again = walletdesk("backup", str(target))
    assert again.returncode == 1 and "already exists" in again.stderr
    nowhere = walletdesk("backup", str(tmp_path / "no-such-folder" / "b.db"))
    assert nowhere.returncode == 1
    assert "Could not save the backup to" in nowhere.stderr and "does not exist" in nowhere.stderr


def test_restore_puts_the_backup_back_and_keeps_the_replaced_file(
    filled: CliRunner, data_dir: Path, tmp_path: Path
) -> None:
    before_keys, before_balances = keys(filled), balances(filled)
    target = tmp_path / "b.db"
    assert filled("backup", str(target)).code == 0
    assert filled("credentials", "remove", before_keys[0]).code == 0
    assert keys(filled) == []

    refused = walletdesk("restore", str(target))
    assert refused.returncode == 1 and "--force" in refused.stderr
    assert keys(filled) == []

    restored = walletdesk("restore", str(target), "--force")
    assert restored.returncode == 0, restored.stderr
    assert "1 API key(s)" in restored.stdout and "kept as" in restored.stdout
    assert keys(filled) == before_keys and balances(filled) == before_balances
    assert filled("refresh").code == 0  # the current master key opens the restored secret
    kept = [p for p in data_dir.iterdir() if ".before-restore-" in p.name]
    assert len(kept) == 1 and stat.S_IMODE(kept[0].stat().st_mode) == 0o600
    assert not [p for p in data_dir.iterdir() if p.name.endswith(".restoring")]


def test_restore_refuses_a_backup_whose_secrets_the_current_key_cannot_open(
    filled: CliRunner, data_dir: Path, tmp_path: Path
) -> None:
    target = tmp_path / "b.db"
    assert filled("backup", str(target)).code == 0
    before = fingerprint(data_dir)
    result = walletdesk("restore", str(target), "--force", key=os.urandom(32))
    assert result.returncode == 1
    assert "sealed with master key" in result.stderr and "Traceback" not in result.stderr
    assert fingerprint(data_dir) == before


@pytest.mark.parametrize("spoil", ["not sqlite", "damaged", "newer"])
def test_restore_refuses_a_bad_backup_and_changes_nothing(
    filled: CliRunner, data_dir: Path, tmp_path: Path, spoil: str
) -> None:
    target = tmp_path / "b.db"
    assert filled("backup", str(target)).code == 0
    words = {"not sqlite": "not an SQLite file", "damaged": "damaged",
             "newer": "newer version of WalletDesk"}[spoil]
    if spoil == "not sqlite":
        target.write_bytes(b"PK\x03\x04 a zip file, say")
    elif spoil == "damaged":
        data = bytearray(target.read_bytes())
        page = 4096
        data[page + 100: 2 * page] = os.urandom(page - 100)  # scribble over the second page
        target.write_bytes(bytes(data))
    else:
        with closing(sqlite3.connect(target)) as newer:
            newer.execute("UPDATE alembic_version SET version_num = '0099_future'")
            newer.commit()
    before = fingerprint(data_dir)
    result = walletdesk("restore", str(target), "--force")
    assert result.returncode == 1, result.stdout
    (line,) = result.stderr.splitlines()
    assert words in line, line
    assert fingerprint(data_dir) == before


def test_restore_refuses_while_a_window_has_the_folder_open(
    filled: CliRunner, data_dir: Path, tmp_path: Path
) -> None:
    target = tmp_path / "b.db"
    assert filled("backup", str(target)).code == 0
    window = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(120)"])
    try:
        (data_dir / "walletdesk.lock").write_text(f"{window.pid}\nwalletdesk\nhost\n")
        result = walletdesk("restore", str(target), "--force")
    finally:
        window.kill()
        window.wait()
    assert result.returncode == 1 and "close it first" in result.stderr
