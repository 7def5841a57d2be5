"""Without a system keychain the window says plainly what is missing and what to do, in
its own words: no environment variable to set, no raw backticks."""

from __future__ import annotations

from pathlib import Path

import pytest
from keyring.errors import NoKeyringError
from pytestqt.qtbot import QtBot

from tests.auth.memory_keyring import MemoryKeyring
from walletdesk.paths import resolve_paths
from walletdesk.services import Services, ServiceSettings
from walletdesk.ui.error_words import NO_KEYCHAIN
from walletdesk.ui.gui_main import build_window


def test_try_the_demo_without_a_keychain_says_what_to_do(
        qtbot: QtBot, data_dir: Path, memory_keyring: MemoryKeyring,
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("WALLETDESK_MASTER_KEY", raising=False)
    setup = Services(resolve_paths(str(data_dir)), ServiceSettings(environ={}))
    setup.credentials.remove(setup.credentials.add_demo().id)  # the folder has a keychain key
    setup.close()
    memory_keyring.failure = NoKeyringError()  # ... and now no keychain

    services = Services(resolve_paths(str(data_dir)), ServiceSettings(environ={}))
    desk = build_window(services)
    qtbot.addWidget(desk.window)
    desk.window.show()
    with qtbot.waitSignal(desk.loaded, timeout=15_000):
        desk.start()
    desk.window.empty.try_demo.click()
    qtbot.waitUntil(lambda: desk.status.text().startswith("⚠"), timeout=15_000)
    text = desk.status.text()
    assert NO_KEYCHAIN in text and "`" not in text
    assert "WALLETDESK_MASTER_KEY" not in text and "openssl" not in text
    assert desk.status.text() == "⚠ " + NO_KEYCHAIN
    desk.window.close()
    desk.bridge.shutdown()
    services.close()
