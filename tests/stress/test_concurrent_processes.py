"""Several WalletDesk processes on one database: two `walletdesk refresh` at once, and the
command line while a GUI-like process holds the database open, reads, refreshes and adds
keys. No "database is locked" reaches anyone, no update or key is lost, no read is torn."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from tests.exchange_server import Account, ExchangeServer
from tests.stress import processes
from tests.stress.rows import query
from tests.stress.shell_desk import assert_clean, labels, set_version, stored_versions
from tests.stress.tally import count

ROUNDS = 4


def test_two_refreshes_at_once_both_succeed_and_neither_update_is_lost(
        data_dir: Path, exchanges: dict[str, tuple[ExchangeServer, Account]],
        env: dict[str, str]) -> None:
    database = data_dir / "walletdesk.db"
    for version in range(2, 2 + ROUNDS):
        set_version(exchanges, version)
        if version % 2:  # both refresh everything, while a third process adds a key
            commands = [["refresh"], ["refresh"],
                        ["credentials", "add", "--exchange", "demo", "--api-key", "demo",
                         "--label", f"cli-{version}"]]
        else:  # each refreshes one exchange: both wallets must end up new
            commands = [["refresh", "--exchange", "MEXC"], ["refresh", "--exchange", "binance"]]
        running = [processes.walletdesk(*command, env=env) for command in commands]
        for process in running:
            assert_clean(processes.finish(process))
        for exchange in ("MEXC", "BINANCE"):
            assert stored_versions(database, exchange) == {version}, (exchange, version)
    assert {f"cli-{v}" for v in range(2, 2 + ROUNDS) if v % 2} <= labels(database)
    assert query(database, "PRAGMA integrity_check") == [("ok",)]


def test_the_command_line_while_a_gui_process_reads_refreshes_and_adds_keys(
        data_dir: Path, exchanges: dict[str, tuple[ExchangeServer, Account]],
        env: dict[str, str]) -> None:
    """The GUI stand-in refreshes Binance and adds keys without pause; the command line
    refreshes MEXC (two at once) and adds keys. Every MEXC refresh must land, every key
    must stay, and neither the GUI nor the shell may see an error or a torn portfolio."""
    database = data_dir / "walletdesk.db"
    gui = processes.start(["-m", "tests.stress.gui_stand_in", "BINANCE"], env,
                          stdin=subprocess.PIPE)
    try:
        assert gui.stdout is not None and gui.stdout.readline().strip() == "ready"
        for version in range(2, 2 + ROUNDS):
            set_version(exchanges, version)
            running = [processes.walletdesk("refresh", "--exchange", "mexc", env=env)
                       for _ in range(2)]
            running.append(processes.walletdesk("credentials", "add", "--exchange", "demo",
                                                "--api-key", "demo", "--label",
                                                f"cli-{version}", env=env))
            for process in running:
                assert_clean(processes.finish(process))
            assert stored_versions(database, "MEXC") == {version}
        out, err = gui.communicate("", timeout=120)
    finally:
        if gui.poll() is None:
            gui.kill()
    assert gui.returncode == 0, err
    report = json.loads(out.splitlines()[-1])
    count("runs")
    assert report["errors"] == [] and report["torn"] == []
    assert report["reads"] > 0 and report["refreshes"] > 1, report
    assert stored_versions(database, "BINANCE") == {1 + ROUNDS}
    assert set(report["added"]) | {f"cli-{v}" for v in range(2, 2 + ROUNDS)} <= labels(database)
    assert query(database, "PRAGMA integrity_check") == [("ok",)]
