"""The real window (`python -m walletdesk`, offscreen) holding the database open while the
shell refreshes; and a second window on the same data folder."""

from __future__ import annotations

import hashlib
from pathlib import Path

from tests.exchange_server import Account, ExchangeServer
from tests.stress import processes
from tests.stress.gui_process import running_gui
from tests.stress.rows import query
from tests.stress.shell_desk import assert_clean, set_version, stored_versions
from walletdesk.ui.single_instance import ALREADY_RUNNING


def test_refreshing_from_the_shell_while_the_window_is_open(
        data_dir: Path, exchanges: dict[str, tuple[ExchangeServer, Account]],
        env: dict[str, str]) -> None:
    database = data_dir / "walletdesk.db"
    with running_gui(database, env) as gui:
        for version in (2, 3):
            set_version(exchanges, version)
            running = [processes.walletdesk("refresh", env=env) for _ in range(2)]
            for process in running:
                assert_clean(processes.finish(process))
            assert stored_versions(database, "MEXC") == {version}
            assert gui.poll() is None, "the window died"
    log = (data_dir / "logs" / "walletdesk.log").read_text()
    assert "locked" not in log and "busy" not in log and "Traceback" not in log
    assert query(database, "PRAGMA integrity_check") == [("ok",)]
    assert_clean(processes.run("balances", "--format", "json", env=env))


def test_a_second_window_brings_the_first_to_front_and_touches_nothing(
        data_dir: Path, exchanges: dict[str, tuple[ExchangeServer, Account]],
        env: dict[str, str]) -> None:
    database = data_dir / "walletdesk.db"
    with running_gui(database, env) as gui:
        before = hashlib.sha256(database.read_bytes()).hexdigest()
        second = processes.run(env={"QT_QPA_PLATFORM": "offscreen", **env}, timeout=30)
        assert (second.code, second.out.strip()) == (0, ALREADY_RUNNING), second.err
        assert hashlib.sha256(database.read_bytes()).hexdigest() == before
        assert gui.poll() is None
