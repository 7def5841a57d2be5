"""The form to add or change an exchange API key (layout only; see presenters.credential_editor)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from walletdesk.core.models import Credential
from walletdesk.core.validation import API_KEY_MAX, LABEL_MAX, PASSPHRASE_MAX, SECRET_MAX
from walletdesk.exchanges.catalog import SUPPORTED, display_name
from walletdesk.ui.dialogs.field_message import FieldMessage, buddy_label
from walletdesk.ui.widgets.link_label import LinkLabel

# Placeholders short enough for the field beside Show and Load key file at the smallest
# width; the tooltip says it in full.
_ONE_LINE_HINT = "Shown once, when the key was made"
_KEY_FILE_HINT = "Paste the key, or load its file"
_HINT_IN_FULL = {
    _ONE_LINE_HINT: "The secret is shown once by the exchange, when the key was made.",
    _KEY_FILE_HINT: "Paste the whole private key (several lines), or load the key file.",
}


class CredentialDialog(QDialog):
    def __init__(self, editing: Credential | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Change API key" if editing else "Add API key")
        self.setMinimumWidth(460)
        self.exchange = QComboBox()
        self.exchange.setAccessibleName("Exchange")
        for name in SUPPORTED:
            self.exchange.addItem(display_name(name), name)
        self.label = _line("Label", "Optional, e.g. “Main account”", LABEL_MAX)
        self.api_key = _line("API key", "The public part of the key pair", API_KEY_MAX)
        self.secret = _line("API secret", _ONE_LINE_HINT, SECRET_MAX)
        self.secret.setEchoMode(QLineEdit.EchoMode.Password)
        # A multi-line key (Coinbase's PEM) is edited here while shown; masked, it sits in
        # ``secret`` (a password field keeps line breaks), so it never shows in full unasked.
        self.secret_text = QPlainTextEdit()
        self.secret_text.setAccessibleName("Private key")
        self.secret_text.setPlaceholderText(
            "-----BEGIN EC PRIVATE KEY-----\n…\n-----END EC PRIVATE KEY-----"
        )
        self.secret_text.setTabChangesFocus(True)
        lines = self.secret_text.fontMetrics().lineSpacing()
        self.secret_text.setFixedHeight(lines * 7)  # a P-256 PEM is five lines
        self.secret_text.setVisible(False)
        self.load_key_file = QPushButton("Load key file…")
        self.load_key_file.setAccessibleName("Load key file")
        self.passphrase = _line("Passphrase", "Chosen when you created the key", PASSPHRASE_MAX)
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase_message = FieldMessage("Passphrase", marks=self.passphrase)
        self.help_link = LinkLabel()
        self.help_link.setAccessibleName("How to create a read-only key")
        self.show_secret = QToolButton()
        self.show_secret.setText("Show")
        self.show_secret.setCheckable(True)
        self.show_secret.setAccessibleName("Show the secret while typing")
        self.replace_secret = QCheckBox("Replace secret (the stored one is never shown)")
        self.replace_secret.setAccessibleName("Replace secret")
        self.label_message = FieldMessage("Label", marks=self.label)
        self.api_key_message = FieldMessage("API key", marks=self.api_key)
        self.secret_message = FieldMessage("API secret", marks=self.secret)
        self.demo_note = QLabel()
        self.demo_note.setWordWrap(True)
        self.test = QPushButton("Test connection")
        self.test.setAccessibleName("Test connection")
        self.test_result = QLabel()
        self.test_result.setWordWrap(True)
        self.test_result.setAccessibleName("Connection test result")
        self.problem = FieldMessage("Saving")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.save = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save.setAccessibleName("Save API key")
        self.buttons.rejected.connect(self.reject)
        self._editing = editing is not None
        self._lay_out()

    def _lay_out(self) -> None:
        secret_row = QHBoxLayout()
        secret_row.addWidget(self.secret, 1)
        secret_row.addWidget(self.secret_text, 1)
        secret_row.addWidget(self.show_secret)
        secret_row.addWidget(self.load_key_file)
        form = QFormLayout()
        form.addRow("&Exchange:", self.exchange)
        form.addRow("", self.demo_note)
        form.addRow("&Label:", self.label)
        form.addRow("API &key:", self.api_key)
        form.addRow("", self.replace_secret)
        self.secret_label = buddy_label("&Secret:", self.secret)
        form.addRow(self.secret_label, secret_row)
        form.addRow(buddy_label("&Passphrase:", self.passphrase), self.passphrase)
        form.addRow("", self.help_link)
        # Every field's message in one place below the fields (see FieldMessage).
        messages = QVBoxLayout()
        for message in (self.label_message, self.api_key_message, self.secret_message,
                        self.passphrase_message):
            messages.addWidget(message)
        test_row = QHBoxLayout()
        test_row.addWidget(self.test)
        test_row.addWidget(self.test_result, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(messages)
        layout.addLayout(test_row)
        layout.addWidget(self.problem)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self._form = form
        self._secret_row = secret_row
        form.setRowVisible(self.replace_secret, self._editing)

    def set_key_rows_visible(self, visible: bool) -> None:
        """Hide the key fields (the demo needs none, nor a connection test) or show them."""
        for row in (self.api_key, self.help_link):
            self._form.setRowVisible(row, visible)
        self._form.setRowVisible(self._secret_row, visible)
        self.test.setVisible(visible)
        self._form.setRowVisible(self.replace_secret, visible and self._editing)

    def set_secret_kind(
        self, *, label: str, multiline: bool, passphrase: bool, help_url: str, exchange: str
    ) -> None:
        """The secret rows this exchange's keys need, and its help page (the key is masked:
        the one-line field shows, the text box only while the key is shown)."""
        self.secret_label.setText(f"&{label}:")
        self.secret.setVisible(True)
        self.secret_text.setVisible(False)
        self.secret_message.set_field_name(label)
        self.load_key_file.setVisible(multiline)
        hint = _KEY_FILE_HINT if multiline else _ONE_LINE_HINT
        self.secret.setPlaceholderText(hint)
        self.secret.setToolTip(_HINT_IN_FULL[hint])
        self._form.setRowVisible(self.passphrase, passphrase)
        self.help_link.set_link(help_url, f"How to create a read-only {exchange} key")


def _line(name: str, placeholder: str, max_length: int) -> QLineEdit:
    edit = QLineEdit()
    edit.setAccessibleName(name)
    edit.setPlaceholderText(placeholder)
    edit.setToolTip(_HINT_IN_FULL.get(placeholder, placeholder))
    edit.setMaxLength(max_length + 20)  # a little over, so the form can say it is too long
    return edit

