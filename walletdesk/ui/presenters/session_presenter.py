"""Who is using the window: the sign-in screen, the user shown in the toolbar, Sign out,
and the sign-in settings."""

from __future__ import annotations

import threading
from collections.abc import Callable
from functools import cached_property
from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QLabel, QWidget

from walletdesk.controllers.session_state import SessionState
from walletdesk.core.errors import CancelledError, WalletDeskError
from walletdesk.core.models import LOCAL_USER, User
from walletdesk.ui.presenters.settings_flow import SettingsFlow
from walletdesk.ui.presenters.status_reporter import StatusReporter
from walletdesk.ui.views.actions import WindowActions
from walletdesk.ui.widgets.plain_text import plain_tooltip
from walletdesk.ui.worker import WorkerBridge

if TYPE_CHECKING:
    from walletdesk.controllers.session import SessionController, SignOutResult
    from walletdesk.ui.dialogs.settings_dialog import SettingsDialog
    from walletdesk.ui.views.sign_in_view import SignInView

SIGN_IN_TIMEOUT_SECONDS = 300.0
NOT_SET_UP_HINT = ("Sign-in is not set up: WalletDesk runs as the local profile on this "
                   "computer. To let each person sign in, see File → Settings → Account.")
LOCAL_CHOSEN_HINT = ("Not signed in: this is the local profile on this computer, with keys "
                     "and balances of its own. File → Sign in… signs in.")
LOCAL_CHOSEN_STATUS = "Using the local profile on this computer. File → Sign in… signs in later."


def system_browser(url: str) -> object:
    """The platform's default browser (``BROWSER`` is honoured, as ``webbrowser`` does)."""
    import webbrowser

    return webbrowser.open(url)


class SessionPresenter(QObject):
    signed_in = Signal(object)  # User
    signed_out = Signal()

    def __init__(self, window: QWidget, session: Callable[[], SessionController],
                 bridge: WorkerBridge, *, view: Callable[[], SignInView], user_label: QLabel,
                 actions: WindowActions, status: StatusReporter) -> None:
        """``view`` makes the sign-in screen: only a start with nobody signed in shows it."""
        super().__init__(window)
        self._session = session
        self._bridge = bridge
        self._make_view = view
        self._user_label = user_label
        self._actions = actions
        self._status = status
        self._cancel: threading.Event | None = None
        self.settings = SettingsFlow(window, session, bridge, status=status,
                                     changed=self.recheck)
        self.state: SessionState | None = None
        self.open_browser: Callable[[str], object] = system_browser
        actions.sign_in.triggered.connect(self.offer_sign_in)
        actions.sign_out.triggered.connect(self.sign_out)
        actions.settings.triggered.connect(self.open_settings)
        actions.sign_out.setEnabled(False)
        actions.sign_in.setVisible(False)

    @cached_property
    def view(self) -> SignInView:
        """The sign-in screen, made and wired the first time it is needed."""
        view = self._make_view()
        view.sign_in.clicked.connect(self.sign_in)
        view.cancel.clicked.connect(self.cancel)
        view.local.clicked.connect(self.continue_locally)
        view.settings.clicked.connect(self.open_settings)
        return view

    def show_state(self, state: SessionState) -> None:
        self.state = state
        user = state.user
        local = user == LOCAL_USER
        self._actions.sign_out.setEnabled(state.configured and user is not None and not local)
        self._actions.sign_in.setVisible(state.configured and local)
        if user is None:
            self._user_label.setText("Signed out")
            self._user_label.setToolTip("")
            self._show_problem(state.note)
        elif local:
            self._user_label.setText("Local profile")
            self._user_label.setToolTip(LOCAL_CHOSEN_HINT if state.configured
                                        else NOT_SET_UP_HINT)
        else:
            name = user.name or user.email
            self._user_label.setText(f"{name} <{user.email}>" if user.name else name)
            self._user_label.setToolTip(
                plain_tooltip(f"Signed in as {user.email} (id {user.id})"))
        if state.note and user is not None:
            self._status.info(state.note)

    # --- sign in -------------------------------------------------------------------------

    def sign_in(self) -> None:
        if self._cancel is not None:
            return
        cancel = self._cancel = threading.Event()
        self._waiting(True)
        self._show_problem(None)
        self.view.waiting.set_html("Waiting for you to sign in in the browser…")
        show_url = self._bridge.relay(self._show_url)
        show_hint = self._bridge.relay(self._show_hint)
        session, opener = self._session, self.open_browser
        (self._bridge.op(lambda: session().login(
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
        self.view.waiting.set_html(
            "Waiting for you to sign in in the browser…<br>If no browser opened, open "
            f'<a href="{link}">this sign-in link</a>.')

    def _show_hint(self, hint: str) -> None:
        if self._cancel is not None:
            self.view.hint.setText(f"Still waiting. {hint}")
            self.view.hint.setVisible(True)

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
            self.view.sign_in.setText("Try again")

    def _waiting(self, waiting: bool) -> None:
        if not waiting:
            self._cancel = None
        self.view.sign_in.setEnabled(not waiting)
        self.view.local.setEnabled(not waiting)
        self.view.cancel.setVisible(waiting)
        self.view.waiting.setVisible(waiting)
        if not waiting:
            self.view.hint.setVisible(False)

    def _show_problem(self, text: str | None) -> None:
        self.view.error.setText(f"⚠ {text}" if text else "")
        self.view.error.setVisible(bool(text))

    # --- the local profile ---------------------------------------------------------------

    def continue_locally(self) -> None:
        """Continue without signing in; remembered until someone signs in."""
        if self._cancel is not None:
            return
        self._show_problem(None)
        session = self._session

        def chosen(user: User) -> None:
            self.show_state(SessionState(True, user))
            self._status.info(LOCAL_CHOSEN_STATUS)
            self.signed_in.emit(user)

        (self._bridge.op(lambda: session().use_local_profile()).success(chosen)
         .failure(lambda error: self._show_problem(str(error))).run())

    def offer_sign_in(self) -> None:
        """From the local profile: the sign-in screen (its data is hidden, not touched; the
        choice holds until a sign-in succeeds)."""
        self.view.reset_sign_in()
        self.show_state(SessionState(True, None))
        self.signed_out.emit()

    # --- sign out ------------------------------------------------------------------------

    def sign_out(self) -> None:
        session = self._session

        def done(result: SignOutResult) -> None:
            if result.warning:
                self._status.error(result.message)
            else:
                self._status.info(result.message)
            self.view.reset_sign_in()
            self.show_state(SessionState(True, None))
            self.signed_out.emit()

        self._bridge.op(lambda: session().logout()).success(done).run()

    # --- settings ------------------------------------------------------------------------

    def open_settings(self) -> SettingsDialog:
        return self.settings.open()

    def recheck(self) -> None:
        """Check the session again (after the settings changed), then show the result."""
        session = self._session
        self._bridge.op(lambda: session().check_session()).success(self._rechecked).run()

    def _rechecked(self, state: SessionState) -> None:
        self.show_state(state)
        if state.user is None:
            self.signed_out.emit()
        else:
            self.signed_in.emit(state.user)
