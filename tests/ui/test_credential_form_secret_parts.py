"""The API key form asks for the secret parts each exchange's keys have: a passphrase for
OKX, KuCoin and Bitget; a multi-line private key, or its downloaded key file, for Coinbase."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ed25519
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot

from tests.exchange_server.coinbase import CoinbaseVenue
from tests.exchange_server.okx import OkxVenue
from tests.exchange_server.samples import SCENARIOS
from tests.exchange_server.venue import VenueServer
from tests.ui.conftest import OpenDesk
from tests.ui.test_credential_form import open_form
from walletdesk.services import Services
from walletdesk.ui.presenters.credential_editor import CredentialEditor


def choose(editor: CredentialEditor, exchange: str) -> None:
    d = editor.dialog
    d.exchange.setCurrentIndex(d.exchange.findData(exchange))


@pytest.mark.parametrize("exchange", ["OKX", "KUCOIN", "BITGET"])
def test_passphrase_exchanges_show_a_masked_passphrase_field(
    qtbot: QtBot, open_desk: OpenDesk, exchange: str
) -> None:
    editor = open_form(qtbot, open_desk())
    d = editor.dialog
    assert not d.passphrase.isVisible()  # MEXC first: no passphrase
    choose(editor, exchange)
    assert d.passphrase.isVisible()
    assert d.passphrase.echoMode() == QLineEdit.EchoMode.Password
    assert "How to create a read-only" in d.help_link.text()
    qtbot.keyClicks(d.passphrase, "x")
    qtbot.keyClick(d.passphrase, Qt.Key.Key_Backspace)
    assert "Enter the passphrase" in d.passphrase_message.message()
    choose(editor, "MEXC")
    assert not d.passphrase.isVisible()


def test_an_okx_key_with_its_passphrase_is_tested_and_saved(
    qtbot: QtBot, open_desk: OpenDesk, services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    with VenueServer(OkxVenue) as server:
        monkeypatch.setenv(server.base_url_variable, server.url)
        account = server.venue.add_wallets("my pass 1", trading={"BTC": "0.5"})
        desk = open_desk()
        editor = open_form(qtbot, desk)
        d = editor.dialog
        choose(editor, "OKX")
        qtbot.keyClicks(d.api_key, account.api_key)
        qtbot.keyClicks(d.secret, account.secret)
        qtbot.keyClicks(d.passphrase, "wrong")
        with qtbot.waitSignal(editor.tested, timeout=10_000):
            qtbot.mouseClick(d.test, Qt.MouseButton.LeftButton)
        assert "passphrase is wrong" in d.test_result.text()
        d.passphrase.clear()
        qtbot.keyClicks(d.passphrase, "my pass 1")
        with qtbot.waitSignal(editor.tested, timeout=10_000):
            qtbot.mouseClick(d.test, Qt.MouseButton.LeftButton)
        assert d.test_result.text() == "✓ Key works and is read-only."
        with qtbot.waitSignal(desk.refresh.finished, timeout=15_000):
            qtbot.mouseClick(d.save, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: desk.balances.model.rowCount() == 1, timeout=10_000)
    [stored] = services.credentials.list()
    assert stored.exchange == "OKX"


def test_coinbase_takes_a_masked_multi_line_key_shown_on_request(
    qtbot: QtBot, open_desk: OpenDesk
) -> None:
    editor = open_form(qtbot, open_desk())
    d = editor.dialog
    choose(editor, "COINBASE")
    assert d.load_key_file.isVisible() and "Private key" in d.secret_label.text()
    pem = CoinbaseVenue.new_secret(None)  # type: ignore[arg-type]
    d.secret.setText(pem.replace("\n", "\\n"))  # pasted from the JSON file: literal \n
    d.secret.textEdited.emit(d.secret.text())
    assert d.secret.echoMode() == QLineEdit.EchoMode.Password
    assert not d.secret_text.isVisible()
    assert not d.secret_message.isVisible()  # literal \n sequences are accepted
    qtbot.mouseClick(d.show_secret, Qt.MouseButton.LeftButton)
    assert d.secret_text.isVisible() and not d.secret.isVisible()
    assert d.secret_text.toPlainText().startswith("-----BEGIN EC PRIVATE KEY-----")
    qtbot.mouseClick(d.show_secret, Qt.MouseButton.LeftButton)
    assert not d.secret_text.isVisible() and d.secret_text.toPlainText() == ""


def test_an_ed25519_key_is_refused_while_typing_with_what_to_create(
    qtbot: QtBot, open_desk: OpenDesk
) -> None:
    editor = open_form(qtbot, open_desk())
    d = editor.dialog
    choose(editor, "COINBASE")
    pem = ed25519.Ed25519PrivateKey.generate().private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ).decode()
    d.secret.setText(pem)
    d.secret.textEdited.emit(pem)
    assert "ECDSA" in d.secret_message.message()


def test_loading_the_cdp_key_file_fills_the_key_name_and_the_key(
    qtbot: QtBot, open_desk: OpenDesk, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with VenueServer(CoinbaseVenue) as server:
        monkeypatch.setenv(server.base_url_variable, server.url)
        account = server.venue.add_wallets({"BTC": "1"})
        key_file = tmp_path / "cdp_api_key.json"
        key_file.write_text(json.dumps({"name": account.api_key, "privateKey": account.secret}))
        editor = open_form(qtbot, open_desk())
        d = editor.dialog
        choose(editor, "COINBASE")
        editor.load_key_file(key_file)
        assert d.api_key.text() == account.api_key
        assert d.secret.echoMode() == QLineEdit.EchoMode.Password
        with qtbot.waitSignal(editor.tested, timeout=10_000):
            qtbot.mouseClick(d.test, Qt.MouseButton.LeftButton)
        assert d.test_result.text() == "✓ Key works and is read-only."


def test_a_file_that_is_not_text_is_refused_next_to_the_key(
    qtbot: QtBot, open_desk: OpenDesk, tmp_path: Path
) -> None:
    editor = open_form(qtbot, open_desk())
    choose(editor, "COINBASE")
    junk = tmp_path / "photo.jpg"
    junk.write_bytes(b"\xff\xd8\xff\xe0" * 100)
    editor.load_key_file(junk)
    assert "cannot be read as a key file" in editor.dialog.secret_message.message()


@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_each_new_exchange_is_added_through_the_form_and_shows_its_balances(
    qtbot: QtBot, open_desk: OpenDesk, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    chosen = SCENARIOS[name]
    with VenueServer(chosen.venue) as server:
        monkeypatch.setenv(server.base_url_variable, server.url)
        account = chosen.open_account(server.venue)
        secret, _, passphrase = chosen.stdin(account).partition("\n")
        desk = open_desk()
        editor = open_form(qtbot, desk)
        d = editor.dialog
        choose(editor, name.upper())
        qtbot.keyClicks(d.api_key, account.api_key)
        if name == "coinbase":
            d.secret.setText(account.secret)  # a multi-line paste
        else:
            qtbot.keyClicks(d.secret, secret)
        if d.passphrase.isVisible():
            qtbot.keyClicks(d.passphrase, passphrase.rstrip("\n"))
        with qtbot.waitSignal(editor.tested, timeout=10_000):
            qtbot.mouseClick(d.test, Qt.MouseButton.LeftButton)
        assert "Key works" in d.test_result.text()
        with qtbot.waitSignal(desk.refresh.finished, timeout=15_000):
            qtbot.mouseClick(d.save, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(
            lambda: desk.balances.model.rowCount() == len(chosen.expected), timeout=10_000
        )
