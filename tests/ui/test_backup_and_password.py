"""The window's File → Back up… / Restore from backup…, and the master key's password
asked in a dialog (once per start) when the folder has no keychain."""

from __future__ import annotations

from pathlib import Path

import pytest
from keyring.errors import NoKeyringError
from PySide6.QtWidgets import QDialogButtonBox, QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot

from tests.auth.memory_keyring import MemoryKeyring
from tests.security.test_master_key import Prompt
from tests.ui.conftest import OpenDesk
from walletdesk.controllers.master_key import PASSWORD
from walletdesk.paths import AppPaths, resolve_paths
from walletdesk.services import Services, ServiceSettings
from walletdesk.store.key_record import KeyRecords
from walletdesk.ui.gui_main import build_window
from walletdesk.ui.password_prompt import GuiPasswordPrompt

CHOSEN = "correct horse battery"


def menu_texts(desk: object) -> list[str]:
    window = desk.window  # type: ignore[attr-defined]
    file_menu = window.menuBar().actions()[0].menu()
    return [action.text() for action in file_menu.actions() if action.text()]


def test_back_up_and_restore_from_the_file_menu(
    qtbot: QtBot, open_desk: OpenDesk, services: Services, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch, shots_dir: Path,
) -> None:
    services.credentials.add_demo()
    desk = open_desk()
    assert {"&Back up…", "&Restore from backup…"} <= set(menu_texts(desk))
    target = tmp_path / "backup.db"
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *a, **k: (str(target), "")))
    desk.window.commands.back_up.trigger()
    qtbot.waitUntil(lambda: "Backed up to" in desk.status.text(), timeout=15_000)
    assert target.is_file()

    [key] = services.credentials.list()
    services.credentials.remove(key.id)
    with qtbot.waitSignal(desk.loaded, timeout=15_000):
        desk.reload()
    assert desk.credentials_model.credentials() == []

    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        staticmethod(lambda *a, **k: (str(target), "")))
    monkeypatch.setattr(QMessageBox, "question",
                        staticmethod(lambda *a, **k: QMessageBox.StandardButton.Yes))
    with qtbot.waitSignal(desk.loaded, timeout=15_000):
        desk.window.commands.restore.trigger()
    assert [c.id for c in desk.credentials_model.credentials()] == [key.id]
    assert "Restored 1 API key(s)" in desk.status.text()
    desk.window.grab().save(str(shots_dir / "restored.png"))


def test_a_bad_backup_is_refused_in_a_dialog_and_nothing_changes(
    qtbot: QtBot, open_desk: OpenDesk, services: Services, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch, shots_dir: Path,
) -> None:
    services.credentials.add_demo()
    desk = open_desk()
    bad = tmp_path / "not-a-backup.db"
    bad.write_bytes(b"hello")
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        staticmethod(lambda *a, **k: (str(bad), "")))
    monkeypatch.setattr(QMessageBox, "question",
                        staticmethod(lambda *a, **k: QMessageBox.StandardButton.Yes))
    desk.window.commands.restore.trigger()
    qtbot.waitUntil(lambda: desk.window.findChild(QMessageBox, "backup_failure") is not None,
                    timeout=15_000)
    box = desk.window.findChild(QMessageBox, "backup_failure")
    assert box is not None and "not an SQLite file" in box.text()
    box.grab().save(str(shots_dir / "restore-refused.png"))
    assert len(services.credentials.list()) == 1


def test_the_password_is_asked_in_a_dialog_once_per_start(
    qtbot: QtBot, open_desk: OpenDesk, data_dir: Path, master_key: bytes,
    memory_keyring: MemoryKeyring, monkeypatch: pytest.MonkeyPatch, shots_dir: Path,
) -> None:
    setup = Services(_paths(data_dir))
    setup.credentials.add_demo()  # sealed with the variable's key
    setup.password_prompt = Prompt(CHOSEN, CHOSEN)
    setup.master_key.rekey(PASSWORD)  # now protected by a password only
    setup.close()
    record = KeyRecords(setup.database).get()
    assert record is not None and record.kept_in == PASSWORD
    monkeypatch.delenv("WALLETDESK_MASTER_KEY")
    memory_keyring.failure = NoKeyringError()

    services = Services(_paths(data_dir), ServiceSettings(environ={}))
    desk = build_window(services)
    qtbot.addWidget(desk.window)
    desk.window.show()
    prompt = GuiPasswordPrompt(desk.window)
    services.password_prompt = prompt
    with qtbot.waitSignal(desk.loaded, timeout=15_000):
        desk.start()
    asked: list[str] = []

    for round_ in range(2):
        with qtbot.waitSignal(desk.refresh.finished, timeout=30_000):
            desk.refresh.start()
            if round_ == 0:
                qtbot.waitUntil(lambda: prompt.dialog is not None, timeout=15_000)
                dialog = prompt.dialog
                assert dialog is not None
                asked.append(dialog.explanation.text())
                dialog.grab().save(str(shots_dir / "password.png"))
                qtbot.keyClicks(dialog.password, CHOSEN)
                dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
            else:
                assert prompt.dialog is None
    assert len(asked) == 1 and "protected by a password" in asked[0]
    assert "Refreshed 1 key" in desk.status.text()
    desk.window.close()
    desk.bridge.shutdown()
    services.close()


def _paths(data_dir: Path) -> AppPaths:
    return resolve_paths(str(data_dir))


def test_choosing_a_password_needs_it_twice_and_long_enough(qtbot: QtBot, shots_dir: Path) -> None:
    from walletdesk.controllers.master_key import PasswordRequest
    from walletdesk.ui.dialogs.password_dialog import PasswordDialog

    dialog = PasswordDialog(PasswordRequest(new=True, again=False, key="9f1c03ab"))
    qtbot.addWidget(dialog)
    dialog.show()
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    qtbot.keyClicks(dialog.password, "short")
    qtbot.keyClicks(dialog.again, "short")
    ok.click()
    assert dialog.isVisible() and "too short" in dialog.problem.text()
    dialog.password.setText(CHOSEN)
    dialog.again.setText(CHOSEN + "!")
    ok.click()
    assert dialog.isVisible() and "differ" in dialog.problem.text()
    dialog.grab().save(str(shots_dir / "choose-password.png"))
    dialog.again.setText(CHOSEN)
    with qtbot.waitSignal(dialog.accepted, timeout=5_000):
        ok.click()
    assert dialog.answer() == CHOSEN
