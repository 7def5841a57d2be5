"""Asking for the master key's password, or choosing one (typed twice), in a dialog."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from walletdesk.controllers.master_key import PasswordRequest
from walletdesk.core.errors import MasterKeyError
from walletdesk.security.password_key import check_new_password


class PasswordDialog(QDialog):
    def __init__(self, request: PasswordRequest, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.request = request
        self.setWindowTitle("Master key password")
        self.explanation = QLabel(_explanation(request))
        self.explanation.setTextFormat(Qt.TextFormat.PlainText)
        self.explanation.setWordWrap(True)
        self.password = _secret_field("password")
        self.again = _secret_field("password_again")
        self.problem = QLabel("Wrong password: try again." if request.again else "")
        self.problem.setObjectName("problem")
        self.problem.setTextFormat(Qt.TextFormat.PlainText)
        form = QFormLayout()
        form.addRow("Password:", self.password)
        if request.new:
            form.addRow("Again:", self.again)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self._accept_if_valid)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.explanation)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(420)

    def answer(self) -> str:
        return self.password.text()

    def _accept_if_valid(self) -> None:
        if self.request.new:
            try:
                check_new_password(self.password.text())
            except MasterKeyError as error:
                self.problem.setText(str(error))
                return
            if self.again.text() != self.password.text():
                self.problem.setText("The two passwords differ: type the same one twice.")
                return
        self.accept()


def _secret_field(name: str) -> QLineEdit:
    field = QLineEdit()
    field.setObjectName(name)
    field.setEchoMode(QLineEdit.EchoMode.Password)
    return field


def _explanation(request: PasswordRequest) -> str:
    if request.new:
        return ("This computer has no system keychain to keep WalletDesk's master key in. "
                "Choose a password to protect it instead; WalletDesk asks for it once each "
                "time it starts. Without it the saved API secrets cannot be used: keep it safe.")
    return (f"WalletDesk's master key {request.key} is protected by a password. Enter it to "
            "use your saved API keys.")
