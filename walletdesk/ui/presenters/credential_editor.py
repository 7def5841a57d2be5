"""What the credential form does as the user types, tests and saves."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFileDialog, QLineEdit

from walletdesk.controllers.credential_form import (
    API_KEY,
    DEMO_NOTE,
    LABEL,
    PASSPHRASE,
    SECRET,
    FormRules,
    FormValues,
)
from walletdesk.core.errors import ValidationError, WalletDeskError
from walletdesk.core.models import Credential
from walletdesk.exchanges.catalog import profile
from walletdesk.ui.dialogs.credential_dialog import CredentialDialog
from walletdesk.ui.dialogs.field_message import FieldMessage, fit_grown, fit_height
from walletdesk.ui.error_words import in_window_words
from walletdesk.ui.worker import WorkerBridge

if TYPE_CHECKING:
    from walletdesk.controllers.credentials import CredentialsController
    from walletdesk.core.keys import KeyCheck

ControllerProvider = Callable[[], "CredentialsController"]
KEY_FILE_MAX_BYTES = 64 * 1024  # a CDP key file is under 1 KB


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
            LABEL: d.label_message, API_KEY: d.api_key_message, SECRET: d.secret_message,
            PASSPHRASE: d.passphrase_message}
        for field, edit in ((LABEL, d.label), (API_KEY, d.api_key), (SECRET, d.secret),
                            (PASSPHRASE, d.passphrase)):
            edit.textEdited.connect(lambda _text, f=field: self._edited(f))
        d.secret_text.textChanged.connect(self._secret_text_edited)
        d.load_key_file.clicked.connect(self._choose_key_file)
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
            secret=d.secret_text.toPlainText() if d.secret_text.isVisible() else d.secret.text(),
            replace_secret=self._rules.editing is None or d.replace_secret.isChecked(),
            passphrase=d.passphrase.text(),
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
        values = self.values()
        demo = not self._rules.needs_keys(values)
        if self.dialog.show_secret.isChecked():
            self.dialog.show_secret.setChecked(False)  # mask again, in the new field's way
        self.dialog.set_key_rows_visible(not demo)
        if not demo:
            fields = values.secret_fields
            exchange = profile(values.exchange)
            self.dialog.set_secret_kind(
                label=fields[SECRET].label,
                multiline=fields[SECRET].multiline,
                passphrase=PASSPHRASE in fields,
                help_url=exchange.help_url,
                exchange=exchange.display_name,
            )
        self.dialog.demo_note.setText(DEMO_NOTE if demo else "")
        self.dialog.demo_note.setVisible(demo)
        self.dialog.test_result.clear()
        self._show_errors(everything=False)
        fit_height(self.dialog)  # Qt grows a dialog for rows that appear, never shrinks it

    def _show_secret(self, shown: bool) -> None:
        d = self.dialog
        mode = QLineEdit.EchoMode.Normal if shown else QLineEdit.EchoMode.Password
        d.passphrase.setEchoMode(mode)
        d.show_secret.setText("Hide" if shown else "Show")
        if not self._multiline():
            d.secret.setEchoMode(mode)
            return
        # A multi-line key is edited in the text box while shown, masked in the line otherwise.
        if shown:
            d.secret_text.setPlainText(d.secret.text())
        else:
            d.secret.setText(d.secret_text.toPlainText())
            d.secret_text.clear()
        d.secret.setVisible(not shown)
        d.secret_text.setVisible(shown)

    def _multiline(self) -> bool:
        return self.values().secret_fields[SECRET].multiline

    def _secret_text_edited(self) -> None:
        if self.dialog.secret_text.isVisible():
            self._edited(SECRET)

    # --- the key file ----------------------------------------------------------------------

    def _choose_key_file(self) -> None:
        field = self.values().secret_fields[SECRET]
        path, _ = QFileDialog.getOpenFileName(
            self.dialog, "Load key file", "", field.key_file_filter
        )
        if path:
            self.load_key_file(Path(path))

    def load_key_file(self, path: Path) -> None:
        """Put the key file's content in the secret field; a file that names its key fills
        the API key too. Nothing of the file is shown."""
        d = self.dialog
        try:
            with path.open("rb") as handle:
                data = handle.read(KEY_FILE_MAX_BYTES + 1)
            if len(data) > KEY_FILE_MAX_BYTES:
                raise ValueError
            text = data.decode("utf-8")
        except (OSError, ValueError):
            self._touched.add(SECRET)
            self._messages[SECRET].show_message(
                "That file cannot be read as a key file: choose the file the exchange "
                "downloaded when the key was created."
            )
            return
        if d.secret_text.isVisible():
            d.secret_text.setPlainText(text)
        else:
            d.secret.setText(text)
        field = self.values().secret_fields[SECRET]
        named = field.key_name(text) if field.key_name else None
        if named:
            d.api_key.setText(named)
            self._touched.add(API_KEY)
        self._edited(SECRET)

    def _replace_toggled(self, replace: bool) -> None:
        d = self.dialog
        for widget in (d.secret, d.secret_text, d.show_secret, d.load_key_file, d.passphrase):
            widget.setEnabled(replace)
        if not replace:
            d.secret.clear()
            d.secret_text.clear()
            d.passphrase.clear()
            self._touched.discard(SECRET)
            self._touched.discard(PASSPHRASE)
        d.secret.setPlaceholderText("Enter the new secret" if replace
                                    else "The stored secret is kept")
        self._show_errors(everything=False)

    # --- actions ---------------------------------------------------------------------------

    def test(self) -> None:
        values = self.values()
        errors = self._show_errors(everything=True)
        if self._busy or {API_KEY, SECRET, PASSPHRASE} & errors.keys():
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
        self._show_result(("⚠ " if check.warns else "✓ ") + check.message)
        self.tested.emit(check)

    def _test_failed(self, error: WalletDeskError) -> None:
        if isinstance(error, ValidationError) and error.field in self._messages:
            self._messages[error.field].show_message(str(error))
            self._show_result("")
        else:
            self._show_result(f"✗ {error}")
        self.tested.emit(error)

    def _show_result(self, text: str) -> None:
        """The test's result beside its button, the dialog grown to show all of it (a
        warning takes two or three lines) and shrunk back when a shorter one follows."""
        before = self.dialog.height()
        self.dialog.test_result.setText(text)
        fit_grown(self.dialog, before)

    def _saved(self, credential: Credential) -> None:
        self.saved.emit(credential)
        self.dialog.accept()

    def _save_failed(self, error: WalletDeskError) -> None:
        field = getattr(error, "field", None)
        if isinstance(error, ValidationError) and field in self._messages:
            self._messages[field].show_message(str(error))
        else:
            self.dialog.problem.show_message(in_window_words(error))

    def _set_busy(self, busy: bool, text: str = "") -> None:
        self._busy = busy
        self.dialog.test.setEnabled(not busy)
        self.dialog.save.setEnabled(not busy)
        if busy:
            self.dialog.test_result.setText(text)
        elif self.dialog.test_result.text() in ("Testing the key…", "Saving…"):
            self.dialog.test_result.clear()
