"""The API key form, driven by typing into the real widgets."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot
from shiboken6 import isValid

from tests.exchange_server import ExchangeServer
from tests.exchange_server.handler import FUNDING_PATH
from tests.ui.conftest import OpenDesk
from walletdesk.exchanges.catalog import PROFILES
from walletdesk.services import Services
from walletdesk.ui.presenters.credential_editor import CredentialEditor
from walletdesk.ui.presenters.desk_presenter import DeskPresenter


@pytest.fixture
def mexc(mexc_server: ExchangeServer, monkeypatch: pytest.MonkeyPatch) -> ExchangeServer:
    monkeypatch.setenv("WALLETDESK_MEXC_BASE_URL", mexc_server.url)
    mexc_server.set_prices({"BTCUSDT": "65000", "ETHUSDT": "3000"})
    return mexc_server


@pytest.fixture
def binance(binance_server: ExchangeServer, monkeypatch: pytest.MonkeyPatch) -> ExchangeServer:
    monkeypatch.setenv("WALLETDESK_BINANCE_BASE_URL", binance_server.url)
    return binance_server


def open_form(qtbot: QtBot, desk: DeskPresenter) -> CredentialEditor:
    qtbot.keyClick(desk.window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    editor = desk.credentials.editor
    assert editor is not None
    qtbot.waitExposed(editor.dialog)
    return editor


def fill(qtbot: QtBot, editor: CredentialEditor, *, key: str, secret: str, label: str = "",
         exchange: str = "MEXC") -> None:
    d = editor.dialog
    d.exchange.setCurrentIndex(d.exchange.findData(exchange))
    for edit, text in ((d.label, label), (d.api_key, key), (d.secret, secret)):
        edit.clear()
        qtbot.keyClicks(edit, text)


def test_ctrl_n_opens_an_empty_form_with_the_secret_masked(
        qtbot: QtBot, open_desk: OpenDesk) -> None:
    editor = open_form(qtbot, open_desk())
    d = editor.dialog
    assert d.windowTitle() == "Add API key"
    assert [d.exchange.itemText(i) for i in range(d.exchange.count())] == [
        profile.display_name for profile in PROFILES]
    assert d.exchange.itemText(0) == "MEXC" and d.exchange.itemData(1) == "BINANCE"
    assert d.secret.echoMode() == QLineEdit.EchoMode.Password
    assert not d.api_key_message.isVisible()


def test_messages_appear_next_to_each_field_as_the_user_types(
        qtbot: QtBot, open_desk: OpenDesk) -> None:
    editor = open_form(qtbot, open_desk())
    d = editor.dialog
    qtbot.keyClicks(d.api_key, "has space")
    assert d.api_key_message.isVisible()
    assert "without spaces" in d.api_key_message.message()
    assert not d.secret_message.isVisible()  # untouched fields stay quiet
    d.api_key.selectAll()
    qtbot.keyClick(d.api_key, Qt.Key.Key_Backspace)
    assert d.api_key_message.message() == "Enter the API key (the public part of the key pair)."
    qtbot.keyClicks(d.api_key, "mx0vglGoodKey")
    assert not d.api_key_message.isVisible()
    qtbot.keyClicks(d.label, "x" * 51)
    assert "at most 50 characters" in d.label_message.message()


def test_save_with_missing_fields_shows_every_message_and_stores_nothing(
        qtbot: QtBot, open_desk: OpenDesk, services: Services) -> None:
    editor = open_form(qtbot, open_desk())
    qtbot.mouseClick(editor.dialog.save, Qt.MouseButton.LeftButton)
    assert editor.dialog.isVisible()
    assert "Enter the API key" in editor.dialog.api_key_message.message()
    assert "Enter the API secret" in editor.dialog.secret_message.message()
    assert services.credentials.list() == []


def test_show_toggle_reveals_the_secret_while_typing(qtbot: QtBot, open_desk: OpenDesk) -> None:
    d = open_form(qtbot, open_desk()).dialog
    qtbot.keyClicks(d.secret, "s3cret")
    qtbot.mouseClick(d.show_secret, Qt.MouseButton.LeftButton)
    assert d.secret.echoMode() == QLineEdit.EchoMode.Normal
    assert d.show_secret.text() == "Hide"
    qtbot.mouseClick(d.show_secret, Qt.MouseButton.LeftButton)
    assert d.secret.echoMode() == QLineEdit.EchoMode.Password


def test_the_demo_exchange_needs_no_key(qtbot: QtBot, open_desk: OpenDesk) -> None:
    d = open_form(qtbot, open_desk()).dialog
    d.exchange.setCurrentIndex(d.exchange.findData("DEMO"))
    assert not d.api_key.isVisible()
    assert not d.secret.isVisible()
    assert "needs no key" in d.demo_note.text()
    assert not d.test.isVisible()  # nothing to test: the demo is offline
    d.exchange.setCurrentIndex(d.exchange.findData("MEXC"))
    assert d.test.isVisible()


def test_test_connection_with_empty_fields_says_what_is_missing(
        qtbot: QtBot, open_desk: OpenDesk) -> None:
    editor = open_form(qtbot, open_desk())
    editor.dialog.exchange.setCurrentIndex(editor.dialog.exchange.findData("MEXC"))
    qtbot.mouseClick(editor.dialog.test, Qt.MouseButton.LeftButton)
    assert editor.dialog.api_key_message.isVisible()
    assert editor.dialog.api_key_message.message()


def test_test_connection_reports_a_read_only_key(
        qtbot: QtBot, open_desk: OpenDesk, binance: ExchangeServer) -> None:
    account = binance.add_account(balances={"BTC": "0.5"})
    editor = open_form(qtbot, open_desk())
    fill(qtbot, editor, key=account.api_key, secret=account.secret, exchange="BINANCE")
    qtbot.mouseClick(editor.dialog.test, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "read-only" in editor.dialog.test_result.text(), timeout=10_000)
    assert editor.dialog.test_result.text() == "✓ Key works and is read-only."


def test_test_connection_says_when_the_exchange_cannot_tell_what_a_key_may_do(
        qtbot: QtBot, open_desk: OpenDesk, mexc: ExchangeServer) -> None:
    account = mexc.add_account(can_trade=True)  # the account's flag, not the key's
    editor = open_form(qtbot, open_desk())
    fill(qtbot, editor, key=account.api_key, secret=account.secret)
    with qtbot.waitSignal(editor.tested, timeout=10_000):
        qtbot.mouseClick(editor.dialog.test, Qt.MouseButton.LeftButton)
    assert "MEXC did not say whether it can trade or withdraw" in editor.dialog.test_result.text()


def test_test_connection_warns_when_the_key_can_trade(
        qtbot: QtBot, open_desk: OpenDesk, binance: ExchangeServer) -> None:
    account = binance.add_account(can_trade=True)
    editor = open_form(qtbot, open_desk())
    fill(qtbot, editor, key=account.api_key, secret=account.secret, exchange="BINANCE")
    with qtbot.waitSignal(editor.tested, timeout=10_000):
        qtbot.mouseClick(editor.dialog.test, Qt.MouseButton.LeftButton)
    assert editor.dialog.test_result.text().startswith("⚠ Key works, but it can trade.")


def test_test_connection_names_the_problem_with_a_wrong_secret(
        qtbot: QtBot, open_desk: OpenDesk, mexc: ExchangeServer) -> None:
    account = mexc.add_account()
    editor = open_form(qtbot, open_desk())
    fill(qtbot, editor, key=account.api_key, secret="0" * 64)
    with qtbot.waitSignal(editor.tested, timeout=10_000):
        qtbot.mouseClick(editor.dialog.test, Qt.MouseButton.LeftButton)
    text = editor.dialog.test_result.text()
    assert text.startswith("✗ ")
    assert "0" * 64 not in text
    assert account.secret not in text


def test_saving_a_key_lists_it_and_shows_its_balances(
        qtbot: QtBot, open_desk: OpenDesk, mexc: ExchangeServer) -> None:
    account = mexc.add_account(balances={"BTC": ("0.5", "0.25"), "ETH": "2"})
    desk = open_desk()
    editor = open_form(qtbot, desk)
    fill(qtbot, editor, key=account.api_key, secret=account.secret, label="Main")
    with qtbot.waitSignal(desk.refresh.finished, timeout=15_000):
        qtbot.mouseClick(editor.dialog.save, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: desk.balances.model.rowCount() == 2, timeout=10_000)
    assert not isValid(editor.dialog)  # closed and deleted
    assert desk.window.screens.currentWidget() is desk.window.desk
    assert desk.credentials_model.index(0, 1).data() == "Main"
    assert desk.window.desk.header.total.text() == "$54,750.00"
    assert desk.credentials_model.index(0, 4).data() == "Refreshed: 2 assets"


def test_a_second_key_with_the_same_label_is_refused_next_to_the_label(
        qtbot: QtBot, open_desk: OpenDesk, services: Services, mexc: ExchangeServer) -> None:
    account = mexc.add_account()
    services.credentials.add(exchange="MEXC", api_key=account.api_key, secret=account.secret,
                             label="Main")
    editor = open_form(qtbot, open_desk())
    fill(qtbot, editor, key="mx0vglOtherKey", secret="other-secret", label="Main")
    qtbot.mouseClick(editor.dialog.save, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(editor.dialog.label_message.isVisible, timeout=10_000)
    assert "labelled “Main” is saved already" in editor.dialog.label_message.message()
    assert editor.dialog.isVisible()
    assert len(services.credentials.list()) == 1


def test_editing_never_shows_the_stored_secret_and_only_offers_to_replace_it(
        qtbot: QtBot, open_desk: OpenDesk, services: Services, mexc: ExchangeServer) -> None:
    account = mexc.add_account()
    stored = services.credentials.add(exchange="MEXC", api_key=account.api_key,
                                      secret=account.secret, label="Main")
    desk = open_desk()
    desk.window.desk.tabs.setCurrentIndex(0)
    desk.window.desk.credentials.table.selectRow(0)
    editor = desk.credentials.edit()
    assert editor is not None
    d = editor.dialog
    assert d.windowTitle() == "Change API key"
    assert d.secret.text() == ""
    assert not d.secret.isEnabled()
    assert not d.exchange.isEnabled()
    d.label.clear()
    qtbot.keyClicks(d.label, "Savings")
    with qtbot.waitSignal(desk.loaded, timeout=10_000):
        qtbot.mouseClick(d.save, Qt.MouseButton.LeftButton)
    assert services.credentials.get(stored.id).label == "Savings"
    check = services.credentials.test_stored(stored.id)  # the secret was kept
    assert "read-only" in check.message


def test_replacing_the_secret_stores_the_new_one(
        qtbot: QtBot, open_desk: OpenDesk, services: Services, mexc: ExchangeServer) -> None:
    account = mexc.add_account()
    stored = services.credentials.add(exchange="MEXC", api_key=account.api_key,
                                      secret="old-secret-that-fails", label=None)
    desk = open_desk()
    desk.window.desk.tabs.setCurrentIndex(0)
    desk.window.desk.credentials.table.selectRow(0)
    editor = desk.credentials.edit()
    assert editor is not None
    d = editor.dialog
    qtbot.mouseClick(d.replace_secret, Qt.MouseButton.LeftButton)
    assert d.secret.isEnabled()
    qtbot.keyClicks(d.secret, account.secret)
    with qtbot.waitSignal(desk.loaded, timeout=10_000):
        qtbot.mouseClick(d.save, Qt.MouseButton.LeftButton)
    assert "read-only" in services.credentials.test_stored(stored.id).message


def test_test_connection_warns_about_wallets_the_key_may_not_read(
        qtbot: QtBot, open_desk: OpenDesk, binance: ExchangeServer) -> None:
    account = binance.add_account()
    account.unreadable = {FUNDING_PATH}
    editor = open_form(qtbot, open_desk())
    fill(qtbot, editor, key=account.api_key, secret=account.secret, exchange="BINANCE")
    with qtbot.waitSignal(editor.tested, timeout=10_000):
        qtbot.mouseClick(editor.dialog.test, Qt.MouseButton.LeftButton)
    text = editor.dialog.test_result.text()
    assert text.startswith("⚠ Key works and is read-only. Binance does not let it read the "
                           "Funding wallet")
    result = editor.dialog.test_result  # three lines of it, none clipped: the dialog grew
    assert result.height() >= result.heightForWidth(result.width()) > 2 * result.fontMetrics(
        ).height()
