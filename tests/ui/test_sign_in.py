"""The sign-in screen, the user in the window, and Sign out (a real OpenID provider)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, Qt
from pytestqt.qtbot import QtBot

from tests.oidc.accounts import ALICE, MALLORY
from tests.oidc.browser import FakeBrowser
from tests.oidc.provider import OidcProvider
from tests.ui.conftest import OpenDesk
from tests.ui.seeding import seed, valued
from walletdesk.auth import browser_sign_in
from walletdesk.auth.config import ENV_ISSUER
from walletdesk.auth.redirect import DEFAULT_REDIRECT_URI
from walletdesk.services import Services
from walletdesk.ui.presenters.session_presenter import LOCAL_CHOSEN_HINT, LOCAL_CHOSEN_STATUS

_QUIRK = "?error=unsupported_response_type&state="


def test_without_sign_in_set_up_the_window_runs_as_the_local_profile(
        qtbot: QtBot, open_desk: OpenDesk) -> None:
    desk = open_desk(start=False)
    assert desk.window.user.text() == "Local profile"  # already at first paint
    with qtbot.waitSignal(desk.loaded, timeout=15_000):
        desk.start()
    assert desk.window.user.text() == "Local profile"
    assert "Sign-in is not set up" in desk.window.user.toolTip()
    assert not desk.window.commands.sign_out.isEnabled()
    assert desk.window.screens.currentWidget() is desk.window.empty


def test_half_a_configuration_is_explained_on_the_sign_in_screen(
        open_desk: OpenDesk, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENV_ISSUER, "https://example.clerk.accounts.dev")
    desk = open_desk()
    assert desk.window.screens.currentWidget() is desk.window.sign_in
    assert "WALLETDESK_CLERK_CLIENT_ID is not" in desk.window.sign_in.error.text()


@pytest.mark.oidc
def test_signed_out_shows_the_sign_in_screen_first_and_no_data(
        open_desk: OpenDesk, oidc: OidcProvider, services: Services) -> None:
    seed(services.paths.database, {"MEXC": [valued("BTC", "1", usd="65000")]})
    desk = open_desk(start=False)
    assert desk.window.screens.currentWidget() is desk.window.sign_in  # already at first paint
    assert desk.balances.model.rowCount() == 0
    assert not desk.window.commands.add_credential.isEnabled()


@pytest.mark.oidc
def test_sign_in_through_the_browser_then_sign_out(
        qtbot: QtBot, open_desk: OpenDesk, oidc: OidcProvider) -> None:
    desk = open_desk()
    view = desk.window.sign_in
    desk.session.open_browser = FakeBrowser(ALICE.sub)
    with qtbot.waitSignal(desk.loaded, timeout=30_000):
        qtbot.mouseClick(view.sign_in, Qt.MouseButton.LeftButton)
    assert desk.window.user.text() == f"{ALICE.name} <{ALICE.email}>"
    assert desk.window.screens.currentWidget() is desk.window.empty
    assert desk.window.commands.sign_out.isEnabled()
    with qtbot.waitSignal(desk.session.signed_out, timeout=15_000):
        desk.window.commands.sign_out.trigger()
    assert desk.window.screens.currentWidget() is desk.window.sign_in
    assert desk.window.user.text() == "Signed out"
    assert desk.status.text() == "Signed out."


@pytest.mark.oidc
def test_the_providers_name_is_shown_as_plain_text_never_as_markup(
        qtbot: QtBot, open_desk: OpenDesk, oidc: OidcProvider) -> None:
    desk = open_desk()
    desk.session.open_browser = FakeBrowser(MALLORY.sub)
    with qtbot.waitSignal(desk.loaded, timeout=30_000):
        qtbot.mouseClick(desk.window.sign_in.sign_in, Qt.MouseButton.LeftButton)
    label = desk.window.user
    assert label.textFormat() == Qt.TextFormat.PlainText
    assert "<b>bold</b><img src=x>" in label.text()
    assert label.toolTip().startswith("<qt>Signed in as mallory@")  # escaped
    assert desk.window.message.textFormat() == Qt.TextFormat.PlainText


@pytest.mark.oidc
def test_the_next_start_shows_the_signed_in_user_at_first_paint(
        qtbot: QtBot, open_desk: OpenDesk, oidc: OidcProvider) -> None:
    first = open_desk()
    first.session.open_browser = FakeBrowser(ALICE.sub)
    with qtbot.waitSignal(first.loaded, timeout=30_000):
        qtbot.mouseClick(first.window.sign_in.sign_in, Qt.MouseButton.LeftButton)
    first.window.close()
    again = open_desk(start=False)
    assert again.window.user.text() == f"{ALICE.name} <{ALICE.email}>"
    assert again.window.screens.currentWidget() is again.window.empty
    assert again.window.commands.sign_out.isEnabled()


@pytest.mark.oidc
def test_cancel_stops_waiting_for_the_browser(
        qtbot: QtBot, open_desk: OpenDesk, oidc: OidcProvider,
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(browser_sign_in, "NO_ANSWER_HINT_SECONDS", 0.2)
    desk = open_desk()
    view = desk.window.sign_in
    opened: list[str] = []
    desk.session.open_browser = opened.append  # a browser that never comes back
    qtbot.mouseClick(view.sign_in, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(opened) and "sign-in link" in view.waiting.text(),
                    timeout=15_000)
    assert oidc.issuer.split("//")[1] in opened[0]
    qtbot.waitUntil(view.hint.isVisible, timeout=15_000)
    assert "must list exactly http://127.0.0.1:" in view.hint.text()
    assert view.cancel.isVisible() and not view.sign_in.isEnabled()
    qtbot.mouseClick(view.cancel, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(view.sign_in.isEnabled, timeout=15_000)
    assert view.error.text() == "⚠ Sign-in cancelled."
    assert not view.cancel.isVisible() and not view.hint.isVisible()


@pytest.mark.oidc
def test_the_known_clerk_quirk_offers_to_try_again(
        qtbot: QtBot, open_desk: OpenDesk, oidc: OidcProvider) -> None:
    desk = open_desk()
    view = desk.window.sign_in
    desk.session.open_browser = FakeBrowser(ALICE.sub, tamper=lambda url: url.split("?")[0]
                                            + _QUIRK)
    qtbot.mouseClick(view.sign_in, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.sign_in.text() == "Try again", timeout=30_000)
    assert view.error.isVisible()
    desk.session.open_browser = FakeBrowser(ALICE.sub)
    with qtbot.waitSignal(desk.loaded, timeout=30_000):
        qtbot.mouseClick(view.sign_in, Qt.MouseButton.LeftButton)
    assert ALICE.email in desk.window.user.text()


@pytest.mark.oidc
def test_continue_without_signing_in_shows_the_local_profile_and_is_remembered(
        qtbot: QtBot, open_desk: OpenDesk, oidc: OidcProvider, services: Services) -> None:
    seed(services.paths.database, {"MEXC": [valued("BTC", "1", usd="65000")]})  # the local's
    desk = open_desk()
    assert desk.window.screens.currentWidget() is desk.window.sign_in
    with qtbot.waitSignal(desk.loaded, timeout=15_000):
        qtbot.mouseClick(desk.window.sign_in.local, Qt.MouseButton.LeftButton)
    assert desk.window.screens.currentWidget() is desk.window.desk
    assert desk.balances.model.rowCount() == 1
    assert desk.window.user.text() == "Local profile"
    assert desk.window.user.toolTip() == LOCAL_CHOSEN_HINT
    assert desk.status.text() == LOCAL_CHOSEN_STATUS
    actions = desk.window.commands
    assert actions.sign_in.isVisible() and not actions.sign_out.isEnabled()
    desk.window.close()

    again = open_desk(start=False)  # the next start: the local portfolio at first paint
    assert again.window.screens.currentWidget() is again.window.desk
    assert again.balances.model.rowCount() == 1
    assert again.window.commands.sign_in.isVisible()
    assert again.window.user.toolTip() == LOCAL_CHOSEN_HINT
    with qtbot.waitSignal(again.loaded, timeout=15_000):
        again.start()
    assert again.window.user.text() == "Local profile"
    assert again.window.commands.sign_in.isVisible()


@pytest.mark.oidc
def test_sign_in_from_the_local_profile_shows_only_the_accounts_data(
        qtbot: QtBot, open_desk: OpenDesk, oidc: OidcProvider, services: Services) -> None:
    seed(services.paths.database, {"MEXC": [valued("BTC", "1", usd="65000")]})  # the local's
    services.session.use_local_profile()
    desk = open_desk()
    assert desk.balances.model.rowCount() == 1
    with qtbot.waitSignal(desk.session.signed_out, timeout=15_000):
        desk.window.commands.sign_in.trigger()  # File → Sign in…
    assert desk.window.screens.currentWidget() is desk.window.sign_in
    assert desk.balances.model.rowCount() == 0  # hidden while nobody is chosen
    desk.session.open_browser = FakeBrowser(ALICE.sub)
    with qtbot.waitSignal(desk.loaded, timeout=30_000):
        qtbot.mouseClick(desk.window.sign_in.sign_in, Qt.MouseButton.LeftButton)
    assert desk.window.user.text() == f"{ALICE.name} <{ALICE.email}>"
    assert desk.window.screens.currentWidget() is desk.window.empty  # none of the local's
    assert desk.balances.model.rowCount() == 0
    assert not desk.window.commands.sign_in.isVisible()
    assert desk.window.commands.sign_out.isEnabled()


def test_continue_without_signing_in_leaves_a_misconfigured_sign_in(
        qtbot: QtBot, open_desk: OpenDesk, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENV_ISSUER, "https://example.clerk.accounts.dev")  # no client id
    desk = open_desk()
    view = desk.window.sign_in
    assert view.local.isVisible() and view.local.isEnabled()
    with qtbot.waitSignal(desk.loaded, timeout=15_000):
        qtbot.mouseClick(view.local, Qt.MouseButton.LeftButton)
    assert desk.window.screens.currentWidget() is desk.window.empty
    assert desk.window.user.text() == "Local profile"
    assert desk.window.commands.add_credential.isEnabled()


def test_settings_dialog_saves_the_issuer_and_client_id(
        qtbot: QtBot, open_desk: OpenDesk, services: Services, data_dir: Path) -> None:
    desk = open_desk()
    dialog = desk.session.open_settings()
    qtbot.keyClicks(dialog.issuer, "not a url")
    qtbot.keyClicks(dialog.client_id, "walletdesk-desktop")
    qtbot.mouseClick(dialog.save, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(dialog.issuer_message.isVisible, timeout=10_000)
    assert "https://" in dialog.issuer_message.message()
    dialog.issuer.clear()
    qtbot.keyClicks(dialog.issuer, "https://example.clerk.accounts.dev/")
    with qtbot.waitSignal(desk.session.signed_out, timeout=10_000):
        qtbot.mouseClick(dialog.save, Qt.MouseButton.LeftButton)
    config = services.session.config()
    assert config is not None
    assert (config.issuer, config.client_id) == ("https://example.clerk.accounts.dev",
                                                 "walletdesk-desktop")
    assert desk.window.screens.currentWidget() is desk.window.sign_in


def test_settings_dialog_checks_and_saves_the_redirect_uri(
        qtbot: QtBot, open_desk: OpenDesk, services: Services) -> None:
    desk = open_desk()
    dialog = desk.session.open_settings()
    assert "Choose Public" in dialog.guide.text() and "offline_access" in dialog.guide.text()
    assert dialog.redirect_uri.placeholderText() == DEFAULT_REDIRECT_URI
    qtbot.keyClicks(dialog.issuer, "https://example.clerk.accounts.dev")
    qtbot.keyClicks(dialog.client_id, "walletdesk-desktop")
    qtbot.keyClicks(dialog.redirect_uri, "http://localhost:40000/callback")
    qtbot.mouseClick(dialog.save, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(dialog.redirect_uri_message.isVisible, timeout=10_000)
    assert "instead of localhost" in dialog.redirect_uri_message.message()
    dialog.redirect_uri.clear()
    qtbot.keyClicks(dialog.redirect_uri, "http://127.0.0.1:40000/callback")
    with qtbot.waitSignal(desk.session.signed_out, timeout=10_000):
        qtbot.mouseClick(dialog.save, Qt.MouseButton.LeftButton)
    config = services.session.config()
    assert config is not None and config.redirect_uri == "http://127.0.0.1:40000/callback"


def test_settings_saved_after_the_dialog_closed_still_take_effect(
        qtbot: QtBot, open_desk: OpenDesk, services: Services) -> None:
    desk = open_desk()
    dialog = desk.session.open_settings()
    qtbot.keyClicks(dialog.issuer, "https://example.clerk.accounts.dev")
    qtbot.keyClicks(dialog.client_id, "walletdesk-desktop")
    with qtbot.waitSignal(desk.session.signed_out, timeout=10_000):
        qtbot.mouseClick(dialog.save, Qt.MouseButton.LeftButton)
        dialog.reject()  # closed (and deleted) before the worker's answer arrives
        QCoreApplication.sendPostedEvents(dialog, QEvent.Type.DeferredDelete)
        assert desk.session.settings.dialog is None
    assert desk.status.text() == "Sign-in settings saved."
    config = services.session.config()
    assert config is not None and config.client_id == "walletdesk-desktop"


def test_the_sign_in_screen_speaks_plainly(open_desk: OpenDesk,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """Users do not know what Clerk is, nor what a discovery document is."""
    from walletdesk.auth.config import ENV_CLIENT_ID, ENV_ISSUER
    from walletdesk.ui.presenters.session_presenter import NOT_SET_UP_HINT

    monkeypatch.setenv(ENV_ISSUER, "https://127.0.0.1:9/")  # nobody listens: unreachable
    monkeypatch.setenv(ENV_CLIENT_ID, "walletdesk-desktop")
    desk = open_desk()
    view = desk.window.sign_in
    assert desk.window.screens.currentWidget() is view
    assert "Clerk" not in view.sign_in.text()
    assert "Clerk" not in NOT_SET_UP_HINT and "WALLETDESK_" not in NOT_SET_UP_HINT
