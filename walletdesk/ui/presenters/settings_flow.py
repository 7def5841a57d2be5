"""File → Settings: show the sign-in settings, save them off the GUI thread, recheck the
session when they change.

Answers from the worker arrive after the user may have closed the dialog (and Qt deleted
it): every reaction asks ``self.dialog`` first, which is None once the dialog has finished.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from walletdesk.core.errors import ValidationError, WalletDeskError
from walletdesk.ui.presenters.status_reporter import StatusReporter
from walletdesk.ui.worker import WorkerBridge

if TYPE_CHECKING:
    from walletdesk.auth.config import SignInConfig
    from walletdesk.controllers.session import SessionController
    from walletdesk.ui.dialogs.settings_dialog import SettingsDialog


class SettingsFlow(QObject):
    opened = Signal(object)  # SettingsDialog: its General section is filled by the desk

    def __init__(self, window: QWidget, session: Callable[[], SessionController],
                 bridge: WorkerBridge, *, status: StatusReporter,
                 changed: Callable[[], None]) -> None:
        super().__init__(window)
        self._window = window
        self._session = session
        self._bridge = bridge
        self._status = status
        self._changed = changed
        self.dialog: SettingsDialog | None = None

    def open(self) -> SettingsDialog:
        from walletdesk.ui.dialogs.settings_dialog import SettingsDialog  # not for first paint

        dialog = self.dialog = SettingsDialog(self._window)
        dialog.save.clicked.connect(self._save)
        dialog.finished.connect(self._finished)
        session = self._session
        self._bridge.op(lambda: session().config()).success(self._fill).failure(
            self._fill_failed).run()
        dialog.open()
        self.opened.emit(dialog)
        return dialog

    def _finished(self) -> None:
        if self.dialog is not None:
            self.dialog.deleteLater()
            self.dialog = None

    def _fill(self, config: SignInConfig | None) -> None:
        dialog = self.dialog
        if dialog is None or config is None:
            return
        for edit, value in ((dialog.issuer, config.issuer), (dialog.client_id, config.client_id),
                            (dialog.redirect_uri, config.redirect_uri)):
            if not edit.isModified():  # never overwrite what the user typed meanwhile
                edit.setText(value)

    def _fill_failed(self, error: WalletDeskError) -> None:
        if self.dialog is not None:
            self.dialog.problem.show_message(str(error))

    def _save(self) -> None:
        dialog = self.dialog
        if dialog is None:
            return
        issuer, client_id = dialog.issuer.text(), dialog.client_id.text()
        redirect_uri = dialog.redirect_uri.text()
        for message in (dialog.issuer_message, dialog.client_id_message,
                        dialog.redirect_uri_message, dialog.problem):
            message.show_message(None)
        session = self._session

        def call() -> None:
            if not issuer.strip() and not client_id.strip():
                session().clear_config()
            else:
                session().save_config(issuer, client_id, redirect_uri)

        dialog.save.setEnabled(False)
        self._bridge.op(call).success(lambda _: self._saved()).failure(
            self._save_failed).done(self._save_done).run()

    def _saved(self) -> None:
        self._status.info("Sign-in settings saved.")
        if self.dialog is not None:
            self.dialog.accept()
        self._changed()

    def _save_failed(self, error: WalletDeskError) -> None:
        dialog = self.dialog
        if dialog is None:
            self._status.error(error)
            return
        field = error.field if isinstance(error, ValidationError) else None
        target = {"issuer": dialog.issuer_message, "client_id": dialog.client_id_message,
                  "redirect_uri": dialog.redirect_uri_message}.get(field or "", dialog.problem)
        if target is not dialog.problem:
            dialog.show_account()  # the field at fault must be in sight
        target.show_message(str(error))

    def _save_done(self) -> None:
        if self.dialog is not None:
            self.dialog.save.setEnabled(True)
