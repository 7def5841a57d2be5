"""A window that cannot start says why in a dialog, not only on stderr (no terminal when
started from the desktop's menu)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from walletdesk.app import main


def test_a_window_that_cannot_start_shows_a_dialog_saying_what_to_do(
    qapp: QApplication, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    shown: list[str] = []

    def read_and_close() -> None:  # runs inside the dialog's own event loop
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        box.grab().save(str(tmp_path / "start-failure.png"))
        shown.append(f"{box.windowTitle()}|{box.informativeText()}")
        box.done(0)

    QTimer.singleShot(0, read_and_close)
    assert main(["--data-dir", str(blocker / "data")]) == 1
    (text,) = shown
    title, message = text.split("|")
    assert title == "WalletDesk cannot start"
    assert str(blocker) in message and "Choose another folder with --data-dir" in message
    assert message[1:] in capsys.readouterr().err  # the same words as the stderr line
