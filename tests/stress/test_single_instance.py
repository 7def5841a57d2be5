"""One WalletDesk per data folder: a second instance brings the first window to the front
and exits 0 saying so; a crashed first instance never blocks the next start."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMainWindow
from pytestqt.qtbot import QtBot

from tests.stress import processes
from tests.stress.tally import count
from walletdesk.ui.single_instance import (
    ALREADY_RUNNING,
    NOT_ANSWERING,
    SingleInstance,
    bring_to_front,
)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    path = tmp_path / "data"
    path.mkdir()
    return path


@pytest.fixture
def first(folder: Path, qtbot: QtBot) -> Iterator[SingleInstance]:
    guard = SingleInstance(folder)
    assert guard.claim()
    guard.listen()
    yield guard
    guard.release()


def instance(folder: Path, mode: str) -> subprocess.Popen[str]:
    count("runs")
    return processes.start(["-m", "tests.stress.instance_script", str(folder), mode])


def test_a_second_guard_on_the_same_folder_is_not_the_first(
        first: SingleInstance, folder: Path, tmp_path: Path) -> None:
    assert not SingleInstance(folder).claim()
    other = tmp_path / "other"
    other.mkdir()
    elsewhere = SingleInstance(other)
    assert elsewhere.claim()  # another data folder is another WalletDesk
    elsewhere.release()


def test_a_second_process_brings_the_first_window_to_front_and_exits_0(
        first: SingleInstance, folder: Path, qtbot: QtBot) -> None:
    window = QMainWindow()
    qtbot.addWidget(window)
    first.activation_requested.connect(lambda: bring_to_front(window))
    window.showMinimized()
    second = instance(folder, "second")
    with qtbot.waitSignal(first.activation_requested, timeout=10_000):
        pass
    qtbot.waitUntil(lambda: second.poll() is not None, timeout=10_000)
    out, err = second.communicate()
    assert (second.returncode, out.strip(), err) == (0, ALREADY_RUNNING, "")
    assert window.isVisible() and not window.isMinimized()


def test_the_lock_of_a_crashed_instance_does_not_block_the_next_start(
        folder: Path, qtbot: QtBot) -> None:
    crashed = instance(folder, "crash")
    assert crashed.wait(30) == -9 and crashed.stdout is not None
    assert crashed.stdout.read().strip() == "claimed"
    assert (folder / "walletdesk.lock").exists()  # left behind, as after a real crash
    guard = SingleInstance(folder)
    assert guard.claim()
    guard.listen()
    try:
        second = instance(folder, "second")  # and the new first instance answers
        qtbot.waitUntil(lambda: second.poll() is not None, timeout=10_000)
        assert second.returncode == 0
    finally:
        guard.release()


def test_a_first_instance_that_does_not_answer_is_reported_not_waited_for(
        folder: Path) -> None:
    hung = instance(folder, "hang")
    try:
        assert hung.stdout is not None and hung.stdout.readline().strip() == "claimed"
        result = processes.finish(instance(folder, "second"), timeout=30)
        assert (result.code, result.out, result.err.strip()) == (1, "", NOT_ANSWERING)
    finally:
        hung.kill()
        hung.wait()


def test_a_second_instance_waits_for_a_first_that_is_still_starting(
        folder: Path, qtbot: QtBot) -> None:
    """The first instance listens only once its window has painted: until then a second
    one keeps asking (up to its time-out) instead of giving up at once."""
    guard = SingleInstance(folder)
    assert guard.claim()
    try:
        second = instance(folder, "second")
        qtbot.wait(700)  # the first window is still coming up
        assert second.poll() is None
        guard.listen()
        with qtbot.waitSignal(guard.activation_requested, timeout=10_000):
            pass
        qtbot.waitUntil(lambda: second.poll() is not None, timeout=10_000)
        assert second.returncode == 0
    finally:
        guard.release()
