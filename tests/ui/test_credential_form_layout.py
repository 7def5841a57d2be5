"""The API key form holds still: messages neither move the fields nor leave the dialog grown,
and every placeholder fits its field (looked at in screenshots, checked here)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QLineEdit
from pytestqt.qtbot import QtBot

from tests.ui.conftest import OpenDesk
from tests.ui.test_credential_form import open_form
from walletdesk.exchanges.catalog import PROFILES
from walletdesk.ui.dialogs.credential_dialog import CredentialDialog


def _top(dialog: CredentialDialog, edit: QLineEdit) -> int:
    return edit.mapTo(dialog, QPoint(0, 0)).y()


def test_a_message_under_a_field_moves_no_field_below_it(
        qtbot: QtBot, open_desk: OpenDesk, shots_dir: Path) -> None:
    d = open_form(qtbot, open_desk()).dialog
    QApplication.processEvents()
    before = (_top(d, d.secret), _top(d, d.passphrase), d.height())
    assert d.grab().save(str(shots_dir / "credential_form_quiet.png"))
    qtbot.keyClicks(d.api_key, "has spaces")  # "without spaces" appears under API key
    qtbot.keyClicks(d.secret, "x")
    qtbot.keyClick(d.secret, Qt.Key.Key_Backspace)  # and "Enter the API secret" under Secret
    QApplication.processEvents()
    assert d.api_key_message.isVisible() and d.secret_message.isVisible()
    assert d.grab().save(str(shots_dir / "credential_form_messages.png"))
    assert (_top(d, d.secret), _top(d, d.passphrase), d.height()) == before


def test_the_dialog_shrinks_back_when_a_long_message_goes(
        qtbot: QtBot, open_desk: OpenDesk) -> None:
    d = open_form(qtbot, open_desk()).dialog
    QApplication.processEvents()
    height = d.height()
    d.problem.show_message("The key could not be saved. " * 8)  # several lines
    assert d.height() > height
    d.problem.show_message(None)
    assert d.height() == height


def test_every_exchange_s_secret_placeholder_fits_its_field(
        qtbot: QtBot, open_desk: OpenDesk) -> None:
    d = open_form(qtbot, open_desk()).dialog
    for profile in PROFILES:
        if profile.is_demo:
            continue  # no key fields
        d.exchange.setCurrentIndex(d.exchange.findData(profile.name))
        QApplication.processEvents()
        for edit in (d.secret, d.api_key, d.label, d.passphrase):
            if edit.isVisible():
                room = edit.width() - 12  # the frame and the text margins
                needed = edit.fontMetrics().horizontalAdvance(edit.placeholderText())
                assert needed <= room, (profile.name, edit.placeholderText())
                assert edit.toolTip()  # the whole hint, whatever the font


def test_switching_exchanges_leaves_the_dialog_as_tall_as_its_rows(
        qtbot: QtBot, open_desk: OpenDesk) -> None:
    d = open_form(qtbot, open_desk()).dialog
    QApplication.processEvents()
    height = d.height()  # MEXC: no passphrase
    d.exchange.setCurrentIndex(d.exchange.findData("OKX"))  # a passphrase row more
    QApplication.processEvents()
    assert d.height() > height
    d.exchange.setCurrentIndex(d.exchange.findData("MEXC"))
    QApplication.processEvents()
    assert d.height() == height
    d.exchange.setCurrentIndex(d.exchange.findData("DEMO"))  # no key rows at all
    QApplication.processEvents()
    assert d.height() < height
