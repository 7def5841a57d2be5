"""The worker bridge: controller calls off the GUI thread, results back on it."""

from __future__ import annotations

import threading

from pytestqt.qtbot import QtBot

from walletdesk.core.errors import StorageError, WalletDeskError
from walletdesk.ui.worker import WorkerBridge


def test_work_runs_off_the_gui_thread_and_results_arrive_on_it(qtbot: QtBot) -> None:
    errors: list[WalletDeskError] = []
    bridge = WorkerBridge(errors.append)
    gui = threading.get_ident()
    seen: dict[str, int] = {}

    def work() -> int:
        seen["work"] = threading.get_ident()
        return 42

    def got(value: int) -> None:
        seen["callback"] = threading.get_ident()
        seen["value"] = value

    done = []
    bridge.op(work).success(got).done(lambda: done.append(True)).run()
    qtbot.waitUntil(lambda: bool(done))
    assert seen["work"] != gui
    assert seen["callback"] == gui
    assert seen["value"] == 42
    assert errors == []
    bridge.shutdown()


def test_user_errors_reach_failure_unchanged_and_default_to_the_error_handler(qtbot: QtBot) -> None:
    reported: list[WalletDeskError] = []
    bridge = WorkerBridge(reported.append)

    def fail() -> None:
        raise StorageError("The database is locked.")

    failed: list[WalletDeskError] = []
    bridge.op(fail).failure(failed.append).run()
    bridge.op(fail).run()
    qtbot.waitUntil(lambda: bool(failed) and bool(reported))
    assert str(failed[0]) == "The database is locked."
    assert str(reported[0]) == "The database is locked."
    bridge.shutdown()


def test_unexpected_exceptions_become_a_message_that_points_at_the_log(qtbot: QtBot) -> None:
    reported: list[WalletDeskError] = []
    bridge = WorkerBridge(reported.append)
    bridge.op(lambda: 1 / 0).run()
    qtbot.waitUntil(lambda: bool(reported))
    assert "ZeroDivisionError" in str(reported[0])
    assert "log" in str(reported[0])
    bridge.shutdown()


def test_progress_relayed_from_a_worker_arrives_on_the_gui_thread(qtbot: QtBot) -> None:
    bridge = WorkerBridge(lambda error: None)
    gui = threading.get_ident()
    progress: list[tuple[int, int]] = []

    def record(n: int) -> None:
        progress.append((n, threading.get_ident()))

    report = bridge.relay(record)

    def work() -> None:
        for n in range(3):
            report(n)

    bridge.op(work).run()
    qtbot.waitUntil(lambda: len(progress) == 3)
    assert progress == [(0, gui), (1, gui), (2, gui)]
    bridge.shutdown()


def test_nothing_is_delivered_after_shutdown(qtbot: QtBot) -> None:
    bridge = WorkerBridge(lambda error: None)
    release = threading.Event()
    results: list[int] = []
    bridge.op(lambda: release.wait(5) and 1).success(results.append).run()
    release.set()
    bridge.shutdown()
    qtbot.wait(50)
    assert results == []
