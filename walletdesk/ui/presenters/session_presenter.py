"""Who is using the window: the sign-in screen, the user shown in the toolbar, Sign out,
and the sign-in settings."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QLabel, QWidget

from walletdesk.core.errors import (
    AuthError,
    CancelledError,
    SessionExpiredError,
    SignInNotConfiguredError,
    ValidationError,
    WalletDeskError,
)
from walletdesk.core.models import LOCAL_USER, User
from walletdesk.ui.presenters.status import StatusReporter
from walletdesk.ui.views.actions import WindowActions
from walletdesk.ui.views.sign_in_view import SignInView
from walletdesk.ui.worker import WorkerBridge

if TYPE_CHECKING:
    from walletdesk.auth.config import SignInConfig
    from walletdesk.controllers.session import SessionController, SignOutResult
    from walletdesk.services import Services
    from walletdesk.ui.dialogs.settings_dialog import SettingsDialog

SIGN_IN_TIMEOUT_SECONDS = 300.0
NOT_SET_UP_HINT = ("Sign-in is not set up: WalletDesk runs as the local profile. To sign in "
                   "with Clerk, open File → Settings, or set WALLETDESK_CLERK_ISSUER and "
                   "WALLETDESK_CLERK_CLIENT_ID.")


def system_browser(url: str) -> object:
    """The platform's default browser (``BROWSER`` is honoured, as ``webbrowser`` does)."""
    import webbrowser

    return webbrowser.open(url)


@dataclass(frozen=True, slots=True)
class SessionState:
    configured: bool
    user: User | None  # None: the sign-in screen is needed
    note: str | None = None  # why (signed out, expired, misconfigured) or an offline notice


def check_session(session: SessionController) -> SessionState:
    """Run off the GUI thread: who is signed in, and is the session still alive?"""
    try:
        if not session.is_configured():
            return SessionState(False, LOCAL_USER)
    except SignInNotConfiguredError as error:
        return SessionState(True, None, str(error))
    try:
        user = session.current_user()
    except AuthError:
        return SessionState(True, None)
    try:
        return SessionState(True, session.check())
    except SessionExpiredError as error:
        return SessionState(True, None, str(error))
    except AuthError as error:  # offline: keep the session, say so
        return SessionState(True, user, f"Working offline: {error}")


class SessionPresenter(QObject):
    signed_in = Signal(object)  # User
    signed_out = Signal()

    def __init__(self, window: QWidget, services: Services, bridge: WorkerBridge, *,
                 view: SignInView, user_label: QLabel, actions: WindowActions,
                 status: StatusReporter) -> None:
        super().__init__(window)
        self._window = window
        self._services = services
        self._bridge = bridge
        self._view = view
        self._user_label = user_label
        self._actions = actions
        self._status = status
        self._cancel: threading.Event | None = None
        self.settings_dialog: SettingsDialog | None = None
        self.state: SessionState | None = None
        self.open_browser: Callable[[str], object] = system_browser
        view.sign_in.clicked.connect(self.sign_in)
        view.cancel.clicked.connect(self.cancel)
        view.settings.clicked.connect(self.open_settings)
        actions.sign_out.triggered.connect(self.sign_out)
        actions.settings.triggered.connect(self.open_settings)
        actions.sign_out.setEnabled(False)

    def show_state(self, state: SessionState) -> None:
        self.state = state
        user = state.user
        self._actions.sign_out.setEnabled(state.configured and user is not None)
        if user is None:
            self._user_label.setText("Signed out")
            self._user_label.setToolTip("")
            self._show_problem(state.note)
        elif not state.configured:
            self._user_label.setText("Local profile")
            self._user_label.setToolTip(NOT_SET_UP_HINT)
        else:
            name = user.name or user.email
            self._user_label.setText(f"{name} <{user.email}>" if user.name else name)
            self._user_label.setToolTip(f"Signed in with Clerk as {user.email} (id {user.id})")
        if state.note and user is not None:
            self._status.info(state.note)

    # --- sign in -------------------------------------------------------------------------

    def sign_in(self) -> None:
        if self._cancel is not None:
            return
        cancel = self._cancel = threading.Event()
        self._waiting(True)
        self._show_problem(None)
        self._view.waiting.setText("Waiting for you to sign in in the browser…")
        show_url = self._bridge.relay(self._show_url)
        show_hint = self._bridge.relay(self._show_hint)
        services, opener = self._services, self.open_browser
        (self._bridge.op(lambda: services.session.login(
            opener, timeout=SIGN_IN_TIMEOUT_SECONDS, cancel=cancel, on_url=show_url,
            on_hint=show_hint))
         .success(self._signed_in).failure(self._sign_in_failed)
         .done(lambda: self._waiting(False)).run())

    def cancel(self) -> None:
        if self._cancel is not None:
            self._cancel.set()

    def _show_url(self, url: str) -> None:
        if self._cancel is None:
            return
        link = escape(url, quote=True)
        self._view.waiting.setText(
            "Waiting for you to sign in in the browser…<br>If no browser opened, open "
            f'<a href="{link}">this sign-in link</a>.')

    def _show_hint(self, hint: str) -> None:
        if self._cancel is not None:
            self._view.hint.setText(f"Still waiting. {hint}")
            self._view.hint.setVisible(True)

    def _signed_in(self, user: User) -> None:
        self.show_state(SessionState(True, user))
        self._status.info(f"Signed in as {user.email}.")
        self.signed_in.emit(user)

    def _sign_in_failed(self, error: WalletDeskError) -> None:
        if isinstance(error, CancelledError):
            self._show_problem("Sign-in cancelled.")
            return
        self._show_problem(str(error))
        if getattr(error, "retryable", False):
            self._view.sign_in.setText("Try again")

    def _waiting(self, waiting: bool) -> None:
        if not waiting:
            self._cancel = None
        self._view.sign_in.setEnabled(not waiting)
        self._view.cancel.setVisible(waiting)
        self._view.waiting.setVisible(waiting)
        if not waiting:
            self._view.hint.setVisible(False)

    def _show_problem(self, text: str | None) -> None:
        self._view.error.setText(f"⚠ {text}" if text else "")
        self._view.error.setVisible(bool(text))

    # --- sign out ------------------------------------------------------------------------

    def sign_out(self) -> None:
        services = self._services

        def done(result: SignOutResult) -> None:
            if result.warning:
                self._status.error(result.message)
            else:
                self._status.info(result.message)
            self._view.sign_in.setText("Sign in with Clerk")
            self.show_state(SessionState(True, None))
            self.signed_out.emit()

        self._bridge.op(lambda: services.session.logout()).success(done).run()  # noqa: PLW0108

    # --- settings ------------------------------------------------------------------------

    def open_settings(self) -> SettingsDialog:
        from walletdesk.ui.dialogs.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self._window)
        self.settings_dialog = dialog
        services = self._services
        dialog.finished.connect(dialog.deleteLater)

        def fill(config: SignInConfig | None) -> None:
            if config is None:
                return
            for edit, value in ((dialog.issuer, config.issuer),
                                (dialog.client_id, config.client_id),
                                (dialog.redirect_uri, config.redirect_uri)):
                if not edit.isModified():  # never overwrite what the user typed meanwhile
                    edit.setText(value)

        def fill_failed(error: WalletDeskError) -> None:
            dialog.problem.show_message(str(error))

        def save() -> None:
            issuer, client_id = dialog.issuer.text(), dialog.client_id.text()
            redirect_uri = dialog.redirect_uri.text()
            clear = not issuer.strip() and not client_id.strip()
            for message in (dialog.issuer_message, dialog.client_id_message,
                            dialog.redirect_uri_message, dialog.problem):
                message.show_message(None)

            def call() -> None:
                if clear:
                    services.session.clear_config()
                else:
                    services.session.save_config(issuer, client_id, redirect_uri)

            dialog.save.setEnabled(False)
            (self._bridge.op(call).success(lambda _: saved())
             .failure(save_failed).done(lambda: dialog.save.setEnabled(True)).run())

        def saved() -> None:
            dialog.accept()
            self._status.info("Sign-in settings saved.")
            self.recheck()

        def save_failed(error: WalletDeskError) -> None:
            field = error.field if isinstance(error, ValidationError) else None
            target = {"issuer": dialog.issuer_message,
                      "client_id": dialog.client_id_message,
                      "redirect_uri": dialog.redirect_uri_message}.get(field or "", dialog.problem)
            target.show_message(str(error))

        dialog.save.clicked.connect(save)
        (self._bridge.op(lambda: services.session.config())  # noqa: PLW0108
         .success(fill).failure(fill_failed).run())
        dialog.open()
        return dialog

    def recheck(self) -> None:
        """Check the session again (after the settings changed), then show the result."""
        services = self._services
        (self._bridge.op(lambda: check_session(services.session))
         .success(self._rechecked).run())

    def _rechecked(self, state: SessionState) -> None:
        self.show_state(state)
        if state.user is None:
            self.signed_out.emit()
        else:
            self.signed_in.emit(state.user)
