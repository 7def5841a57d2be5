"""Commands that only read never take the write lock: they work while another process
writes, and on a read-only data folder (a backup kept on a read-only mount)."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

from tests.cli.conftest import CliRunner
from tests.store.sandbox import read_only

READS = [["balances", "--format", "json"], ["credentials", "list", "--format", "json"],
         ["history", "--format", "json"]]


def walletdesk(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "walletdesk", *args], capture_output=True,
                          text=True, timeout=120, check=False)


def fingerprint(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir()) if path.is_file()}


def filled(cli: CliRunner) -> None:
    assert cli("credentials", "add", "--exchange", "demo", "--api-key", "k").code == 0
    assert cli("refresh").code == 0


def test_reads_work_while_another_process_holds_the_write_lock(
    cli: CliRunner, data_dir: Path
) -> None:
    filled(cli)
    expected = json.loads(cli("balances", "--format", "json").out)
    with closing(sqlite3.connect(data_dir / "walletdesk.db", isolation_level=None)) as writer:
        writer.execute("BEGIN IMMEDIATE")  # another process in the middle of a write
        for command in READS:
            result = walletdesk(*command)
            assert result.returncode == 0, (command, result.stderr)
        assert json.loads(walletdesk(*READS[0]).stdout) == expected
        writer.execute("ROLLBACK")


def test_a_read_only_data_folder_can_be_read_and_refuses_writes_in_one_line(
    cli: CliRunner, data_dir: Path
) -> None:
    filled(cli)
    expected = json.loads(cli("balances", "--format", "json").out)
    logs = data_dir / "logs"
    before = fingerprint(data_dir)
    with read_only(data_dir / "walletdesk.db", data_dir, logs, *logs.iterdir()):
        for command in READS:
            result = walletdesk(*command)
            assert result.returncode == 0, (command, result.stderr)
        assert json.loads(walletdesk(*READS[0]).stdout) == expected
        added = walletdesk("credentials", "add", "--exchange", "demo", "--api-key", "k2",
                           "--label", "more")
        assert added.returncode == 1
        (line,) = added.stderr.splitlines()
        assert "read-only" in line and str(data_dir / "walletdesk.db") in line
    assert fingerprint(data_dir) == before
