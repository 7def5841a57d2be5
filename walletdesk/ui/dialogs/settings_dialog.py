"""Sign-in settings: the Clerk issuer, client id and redirect URI, with the set-up steps
(layout only; the logic is in presenters.session_presenter)."""

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

from walletdesk.auth.redirect import ANY_PORT_REDIRECT_URI, DEFAULT_REDIRECT_URI
from walletdesk.ui.dialogs.field_message import FieldMessage

INTRO = (
    "WalletDesk can sign each person in with Clerk through the browser, so that everyone "
    "sees only their own keys and balances. Leave the issuer and client id empty to use "
    "the local profile."
)
CLERK_STEPS = (
    "In the Clerk Dashboard, open OAuth applications and add one:",
    "Choose Public when you create it (Clerk cannot change this later).",
    "Enable the scopes openid, email, profile and offline_access.",
    f"Add the redirect URI below (by default {DEFAULT_REDIRECT_URI}) to its Redirect URIs, "
    "exactly as written.",
    "Copy its issuer (your Frontend API URL, e.g. https://your-app.clerk.accounts.dev) and "
    "its client id into the fields below.",
)
FOOTNOTE = (
    f"A redirect URI without a port ({ANY_PORT_REDIRECT_URI}) lets WalletDesk pick any free "
    "port, for sign-in services that accept any port (RFC 8252). WALLETDESK_CLERK_ISSUER, "
    "WALLETDESK_CLERK_CLIENT_ID and WALLETDESK_CLERK_REDIRECT_URI, when set, take precedence."
)


def _paragraph(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


class SettingsDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Sign-in settings")
        self.setMinimumWidth(540)
        steps = "\n".join(
            [CLERK_STEPS[0]] + [f"{n}. {step}" for n, step in enumerate(CLERK_STEPS[1:], 1)])
        self.guide = _paragraph(steps)
        self.guide.setAccessibleName("How to set up Clerk")
        self.guide.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.issuer = QLineEdit()
        self.issuer.setAccessibleName("Clerk issuer URL")
        self.issuer.setPlaceholderText("https://your-app.clerk.accounts.dev")
        self.client_id = QLineEdit()
        self.client_id.setAccessibleName("Clerk client id")
        self.redirect_uri = QLineEdit()
        self.redirect_uri.setAccessibleName("Redirect URI")
        self.redirect_uri.setPlaceholderText(DEFAULT_REDIRECT_URI)
        self.issuer_message = FieldMessage("Issuer")
        self.client_id_message = FieldMessage("Client id")
        self.redirect_uri_message = FieldMessage("Redirect URI")
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
        form.addRow("&Redirect URI:", self.redirect_uri)
        form.addRow("", self.redirect_uri_message)
        layout = QVBoxLayout(self)
        layout.addWidget(_paragraph(INTRO))
        layout.addWidget(self.guide)
        layout.addLayout(form)
        layout.addWidget(_paragraph(FOOTNOTE))
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
