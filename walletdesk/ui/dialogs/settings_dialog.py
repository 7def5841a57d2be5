"""Sign-in settings: the Clerk issuer and client id (layout only; see presenters.settings_flow)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from walletdesk.ui.dialogs.field_message import FieldMessage


class SettingsDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Sign-in settings")
        self.setMinimumWidth(500)
        intro = QLabel(
            "To keep each person's data apart, WalletDesk can sign users in with Clerk "
            "through the browser. Enter your Clerk instance's issuer URL and the client id "
            "of its OAuth application (a public client with PKCE and the redirect URL "
            "http://127.0.0.1/callback). Leave both empty to use the local profile.\n"
            "WALLETDESK_CLERK_ISSUER and WALLETDESK_CLERK_CLIENT_ID, when set, take "
            "precedence.")
        intro.setWordWrap(True)
        self.issuer = QLineEdit()
        self.issuer.setAccessibleName("Clerk issuer URL")
        self.issuer.setPlaceholderText("https://your-app.clerk.accounts.dev")
        self.client_id = QLineEdit()
        self.client_id.setAccessibleName("Clerk client id")
        self.issuer_message = FieldMessage("Issuer")
        self.client_id_message = FieldMessage("Client id")
        self.problem = FieldMessage("Settings")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.save = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow("&Issuer:", self.issuer)
        form.addRow("", self.issuer_message)
        form.addRow("&Client id:", self.client_id)
        form.addRow("", self.client_id_message)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
