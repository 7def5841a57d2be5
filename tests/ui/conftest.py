"""GUI test set-up: QSettings in a temp dir, a fixed locale, real services on a temp data dir."""

from __future__ import annotations

import gc
import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, QSettings
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tests.exchange_server.fixtures import binance_server, mexc_server  # noqa: F401 - fixtures
from walletdesk.paths import resolve_paths
from walletdesk.services import Services
from walletdesk.ui.gui_main import build_window
from walletdesk.ui.presenters.desk_presenter import DeskPresenter
from walletdesk.ui.settings import APPLICATION, ORGANIZATION

SHOTS_ENV = "WALLETDESK_SCREENSHOTS"


@pytest.fixture(autouse=True)
def qt_settings_in_tmp(tmp_path: Path, qapp: QApplication) -> Iterator[Path]:
    """Every test gets a QApplication, empty QSettings of its own and the en_US locale."""
    QCoreApplication.setOrganizationName(ORGANIZATION)
    QCoreApplication.setApplicationName(APPLICATION)
    folder = tmp_path / "qsettings"
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    yield folder


@pytest.fixture
def services(data_dir: Path, master_key: bytes) -> Iterator[Services]:
    built = Services(resolve_paths(str(data_dir)))
    yield built
    built.close()


OpenDesk = Callable[..., DeskPresenter]


@pytest.fixture
def open_desk(qtbot: QtBot, services: Services) -> Iterator[OpenDesk]:
    """Open the real main window on the test data dir; by default wait until it loaded."""
    opened: list[DeskPresenter] = []

    def open_(*, start: bool = True) -> DeskPresenter:
        presenter = build_window(services)
        opened.append(presenter)
        qtbot.addWidget(presenter.window)
        presenter.window.show()
        if start:
            with qtbot.waitSignal(presenter.loaded, timeout=15_000):
                presenter.start()
        return presenter

    yield open_
    for presenter in opened:
        presenter.window.close()  # saves settings, cancels work, waits for the workers
        presenter.bridge.shutdown()
    gc.unfreeze()  # the window froze its long-lived objects; let the next test collect them


@pytest.fixture
def shots_dir(tmp_path: Path) -> Path:
    """Where screenshots go: $WALLETDESK_SCREENSHOTS if set (to look at them), else tmp."""
    folder = Path(os.environ.get(SHOTS_ENV) or tmp_path / "shots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder
