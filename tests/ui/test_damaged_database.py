"""A damaged database gets a blocking screen (never the first-run one): what happened, the
path, Open folder, and Start afresh, which moves the file aside and never deletes it."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from pytestqt.qtbot import QtBot

from tests.ui.conftest import OpenDesk
from walletdesk.services import Services

GARBAGE = b"this is not an SQLite file, it is a shopping list\n" * 100


def test_a_damaged_database_blocks_with_a_way_out(
        qtbot: QtBot, open_desk: OpenDesk, services: Services,
        monkeypatch: pytest.MonkeyPatch) -> None:
    database = services.paths.database
    database.parent.mkdir(parents=True, exist_ok=True)
    database.write_bytes(GARBAGE)
    desk = open_desk(start=False)
    desk.start()
    window = desk.window
    qtbot.waitUntil(lambda: window.screens.currentWidget() is window.damaged, timeout=15_000)
    assert "is not an SQLite file" in window.damaged.explanation.text()
    assert window.damaged.path.text() == str(database)
    assert "--data-dir" not in desk.status.text()
    assert not window.commands.add_credential.isEnabled()
    assert not window.commands.refresh.isEnabled()

    opened: list[str] = []

    def open_url(url: QUrl) -> bool:
        opened.append(url.toLocalFile())
        return True

    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(open_url))
    window.damaged.open_folder.click()
    assert opened == [str(database.parent)]

    with qtbot.waitSignal(desk.loaded, timeout=15_000):
        window.damaged.start_afresh.click()
    kept = [p for p in database.parent.iterdir() if p.name.startswith("walletdesk.db.damaged-")]
    assert len(kept) == 1 and kept[0].read_bytes() == GARBAGE  # set aside, not deleted
    assert window.screens.currentWidget() is window.empty
    assert database.exists() and database.read_bytes() != GARBAGE
    assert isinstance(kept[0], Path)
