"""The API key form holds still: messages neither move the fields nor leave the dialog grown,
and every placeholder fits its field (looked at in screenshots, checked here)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QLabel, QWidget
from pytestqt.qtbot import QtBot

from tests.ui.conftest import OpenDesk
from tests.ui.test_credential_form import open_form
from walletdesk.exchanges.catalog import PROFILES
from walletdesk.ui.dialogs.credential_dialog import CredentialDialog
from walletdesk.ui.widgets.link_label import MIN_CONTRAST, contrast


def _top(dialog: CredentialDialog, edit: QWidget) -> int:
    return edit.mapTo(dialog, QPoint(0, 0)).y()


def _tops(d: CredentialDialog) -> list[int]:
    return [_top(d, edit) for edit in (d.label, d.api_key, d.secret)]


def test_messages_move_no_field_and_name_their_field_below_the_form(
        qtbot: QtBot, open_desk: OpenDesk, shots_dir: Path) -> None:
    d = open_form(qtbot, open_desk()).dialog
    QApplication.processEvents()
    before = _tops(d)
    assert d.grab().save(str(shots_dir / "credential_form_quiet.png"))
    qtbot.keyClicks(d.api_key, "has spaces")  # "without spaces" for API key
    qtbot.keyClicks(d.secret, "x")
    qtbot.keyClick(d.secret, Qt.Key.Key_Backspace)  # and "Enter the API secret"
    d.label_message.show_message("A label this long is refused. " * 6)  # four lines or so
    QApplication.processEvents()
    assert d.grab().save(str(shots_dir / "credential_form_messages.png"))
    assert _tops(d) == before  # nothing moved, however long the messages
    for message, field in ((d.label_message, d.label), (d.api_key_message, d.api_key),
                           (d.secret_message, d.secret)):
        assert message.isVisible() and message.text().startswith(f"⚠ {field.accessibleName()}: ")
        assert _top(d, message) > _top(d, d.secret)  # below the fields, in one place
        assert message.height() >= message.heightForWidth(message.width())  # not clipped
        [mark] = [a for a in field.actions() if a.isVisible()]  # the field is marked
        assert mark.toolTip() == message.message() == field.accessibleDescription()


def test_no_room_is_kept_under_a_quiet_field(qtbot: QtBot, open_desk: OpenDesk) -> None:
    d = open_form(qtbot, open_desk()).dialog
    QApplication.processEvents()
    gap = _top(d, d.api_key) - (_top(d, d.label) + d.label.height())
    assert gap < d.fontMetrics().lineSpacing()  # the form's spacing, not a blank line
    quiet = d.height()
    qtbot.keyClicks(d.api_key, "has spaces")
    QApplication.processEvents()
    assert d.api_key_message.isVisible() and d.height() > quiet  # room made below, for it
    d.api_key.selectAll()
    qtbot.keyClicks(d.api_key, "mx0vglGoodKey")
    QApplication.processEvents()
    assert not d.api_key_message.isVisible()
    assert not any(action.isVisible() for action in d.api_key.actions())
    assert d.height() == quiet  # and given back


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


def test_the_help_link_reads_on_a_dark_palette_set_after_the_form_opened(
        qtbot: QtBot, open_desk: OpenDesk, qapp: QApplication) -> None:
    d = open_form(qtbot, open_desk()).dialog
    link = d.help_link
    link.setAutoFillBackground(True)  # so that its pixels are the text on the window colour
    light = qapp.palette()
    dark = QPalette(light)  # a custom dark palette, as a desktop may set: no Link colour
    dark.setColor(QPalette.ColorRole.Window, QColor("#2b2b2b"))
    dark.setColor(QPalette.ColorRole.WindowText, QColor("#e6e6e6"))
    qapp.setPalette(dark)
    try:
        QApplication.processEvents()
        drawn = _link_colour(link)
        assert contrast(drawn, QColor("#2b2b2b")) >= MIN_CONTRAST, drawn.name()
        dark.setColor(QPalette.ColorRole.Link, QColor("#8ab4f8"))  # one that reads: used as is
        qapp.setPalette(dark)
        QApplication.processEvents()
        assert _link_colour(link).name() == "#8ab4f8"
    finally:
        qapp.setPalette(light)


def _link_colour(label: QLabel) -> QColor:
    """The most common colour of the label's pixels other than its background."""
    image = label.grab().toImage()
    background = label.palette().color(QPalette.ColorRole.Window).name()
    counts: Counter[str] = Counter(
        image.pixelColor(x, y).name() for x in range(image.width())
        for y in range(image.height()))
    del counts[background]
    return QColor(counts.most_common(1)[0][0])
