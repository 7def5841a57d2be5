"""What the credential form does as the user types, tests and saves."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QLineEdit

from walletdesk.core.errors import ValidationError, WalletDeskError
from walletdesk.core.models import Credential
from walletdesk.ui.dialogs.credential_dialog import CredentialDialog
from walletdesk.ui.dialogs.field_message import FieldMessage
from walletdesk.ui.presenters.credential_form_logic import (
    API_KEY,
    DEMO_NOTE,
    LABEL,
    SECRET,
    FormRules,
    FormValues,
)
from walletdesk.ui.worker import WorkerBridge

if TYPE_CHECKING:
    from walletdesk.controllers.credentials import CredentialsController
    from walletdesk.exchanges.base import KeyCheck

ControllerProvider = Callable[[], "CredentialsController"]


class CredentialEditor(QObject):
    """Binds one CredentialDialog to the rules and to the controller (through the bridge)."""

    saved = Signal(object)  # Credential
    tested = Signal(object)  # KeyCheck, or WalletDeskError

    def __init__(self, dialog: CredentialDialog, editing: Credential | None,
                 bridge: WorkerBridge, controller: ControllerProvider) -> None:
        super().__init__(dialog)
        self.dialog = dialog
        self._rules = FormRules(editing)
        self._bridge = bridge
        self._controller = controller
        self._touched: set[str] = set()
        self._busy = False
        d = dialog
        self._messages: dict[str, FieldMessage] = {
            LABEL: d.label_message, API_KEY: d.api_key_message, SECRET: d.secret_message}
        for field, edit in ((LABEL, d.label), (API_KEY, d.api_key), (SECRET, d.secret)):
            edit.textEdited.connect(lambda _text, f=field: self._edited(f))
        d.exchange.currentIndexChanged.connect(self._exchange_changed)
        d.show_secret.toggled.connect(self._show_secret)
        d.replace_secret.toggled.connect(self._replace_toggled)
        d.test.clicked.connect(self.test)
        d.save.clicked.connect(self.save)
        if editing is not None:
            d.exchange.setCurrentIndex(max(d.exchange.findData(editing.exchange), 0))
            d.exchange.setEnabled(False)
            d.label.setText(editing.label or "")
            d.api_key.setText(editing.api_key)
            self._replace_toggled(False)
        self._exchange_changed()

    # --- reading the form ------------------------------------------------------------------

    def values(self) -> FormValues:
        d = self.dialog
        return FormValues(
            exchange=str(d.exchange.currentData()),
            label=d.label.text(),
            api_key=d.api_key.text(),
            secret=d.secret.text(),
            replace_secret=self._rules.editing is None or d.replace_secret.isChecked(),
        )

    def _show_errors(self, *, everything: bool) -> dict[str, str]:
        errors = self._rules.errors(self.values())
        for field, message in self._messages.items():
            shown = everything or field in self._touched
            message.show_message(errors.get(field) if shown else None)
        return errors

    # --- reactions -------------------------------------------------------------------------

    def _edited(self, field: str) -> None:
        self._touched.add(field)
        self.dialog.test_result.clear()
        self.dialog.problem.show_message(None)
        self._show_errors(everything=False)

    def _exchange_changed(self) -> None:
        demo = not self._rules.needs_keys(self.values())
        self.dialog.set_key_rows_visible(not demo)
        self.dialog.demo_note.setText(DEMO_NOTE if demo else "")
        self.dialog.demo_note.setVisible(demo)
        self.dialog.test_result.clear()
        self._show_errors(everything=False)

    def _show_secret(self, shown: bool) -> None:
        mode = QLineEdit.EchoMode.Normal if shown else QLineEdit.EchoMode.Password
        self.dialog.secret.setEchoMode(mode)
        self.dialog.show_secret.setText("Hide" if shown else "Show")

    def _replace_toggled(self, replace: bool) -> None:
        d = self.dialog
        d.secret.setEnabled(replace)
        d.show_secret.setEnabled(replace)
        if not replace:
            d.secret.clear()
            self._touched.discard(SECRET)
        d.secret.setPlaceholderText("Enter the new secret" if replace
                                    else "The stored secret is kept")
        self._show_errors(everything=False)

    # --- actions ---------------------------------------------------------------------------

    def test(self) -> None:
        values = self.values()
        errors = self._show_errors(everything=True)
        if self._busy or {API_KEY, SECRET} & errors.keys():
            return
        try:
            call = self._rules.test(values)
        except ValidationError as error:
            self._messages[error.field].show_message(str(error))
            return
        self._set_busy(True, "Testing the key…")
        controller = self._controller
        (self._bridge.op(lambda: call(controller()))
         .success(self._test_passed).failure(self._test_failed)
         .done(lambda: self._set_busy(False)).run())

    def save(self) -> None:
        if self._busy or self._show_errors(everything=True):
            return
        call = self._rules.save(self.values())
        self._set_busy(True, "Saving…")
        controller = self._controller
        (self._bridge.op(lambda: call(controller()))
         .success(self._saved).failure(self._save_failed)
         .done(lambda: self._set_busy(False)).run())

    # --- results ---------------------------------------------------------------------------

    def _test_passed(self, check: KeyCheck) -> None:
        warn = bool(check.can_trade or check.can_withdraw)
        self.dialog.test_result.setText(("⚠ " if warn else "✓ ") + check.message)
        self.tested.emit(check)

    def _test_failed(self, error: WalletDeskError) -> None:
        if isinstance(error, ValidationError) and error.field in self._messages:
            self._messages[error.field].show_message(str(error))
            self.dialog.test_result.clear()
        else:
            self.dialog.test_result.setText(f"✗ {error}")
        self.tested.emit(error)

    def _saved(self, credential: Credential) -> None:
        self.saved.emit(credential)
        self.dialog.accept()

    def _save_failed(self, error: WalletDeskError) -> None:
        field = getattr(error, "field", None)
        if isinstance(error, ValidationError) and field in self._messages:
            self._messages[field].show_message(str(error))
        else:
            self.dialog.problem.show_message(str(error))

    def _set_busy(self, busy: bool, text: str = "") -> None:
        self._busy = busy
        self.dialog.test.setEnabled(not busy)
        self.dialog.save.setEnabled(not busy)
        if busy:
            self.dialog.test_result.setText(text)
        elif self.dialog.test_result.text() in ("Testing the key…", "Saving…"):
            self.dialog.test_result.clear()
