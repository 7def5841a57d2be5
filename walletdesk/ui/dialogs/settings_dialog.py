"""Settings: General (auto-refresh, theme, display currency, where data is kept) and
Account (sign-in: the Clerk issuer, client id and redirect URI, with the set-up steps).
Layout only; the logic is in presenters.settings_flow (Account) and
presenters.general_settings (General)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from walletdesk.auth.redirect import ANY_PORT_REDIRECT_URI, DEFAULT_REDIRECT_URI
from walletdesk.core.currency import DISPLAY_CURRENCIES
from walletdesk.ui.dialogs.field_message import FieldMessage
from walletdesk.ui.views.currency_menu import currency_label

INTRO = (
    "Optional. WalletDesk can sign each person in through the browser, so that everyone "
    "sees only their own keys and balances. This needs a sign-in service (Clerk) set up "
    "once by whoever runs it. Leave both fields empty to keep using the local profile on "
    "this computer."
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
        self.setWindowTitle("Settings")
        self.setMinimumWidth(min(540, parent.width() - 40) if parent else 540)
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
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Settings sections")
        self.general = GeneralSection()
        self.tabs.addTab(self.general, "General")
        account = QWidget()
        self.tabs.addTab(account, "Account")
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.addRow("&Issuer:", self.issuer)
        form.addRow("", self.issuer_message)
        form.addRow("&Client id:", self.client_id)
        form.addRow("", self.client_id_message)
        form.addRow("&Redirect URI:", self.redirect_uri)
        form.addRow("", self.redirect_uri_message)
        section = QVBoxLayout(account)
        section.addWidget(_paragraph(INTRO))
        section.addWidget(self.guide)
        section.addLayout(form)
        section.addWidget(_paragraph(FOOTNOTE))
        section.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        self._account = account
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)


    def show_account(self) -> None:
        self.tabs.setCurrentWidget(self._account)


THEMES = (("system", "Same as the system"), ("light", "Light"), ("dark", "Dark"))


class GeneralSection(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.auto_refresh = QSpinBox()
        self.auto_refresh.setAccessibleName("Refresh automatically every")
        self.auto_refresh.setRange(0, 24 * 60)
        self.auto_refresh.setSpecialValueText("Off")
        self.auto_refresh.setSuffix(" min")
        self.theme = QComboBox()
        self.theme.setAccessibleName("Theme")
        for key, text in THEMES:
            self.theme.addItem(text, key)
        self.currency = QComboBox()  # the same choice as View > Display currency
        self.currency.setAccessibleName("Display currency")
        for code in DISPLAY_CURRENCIES:
            self.currency.addItem(currency_label(code), code)
        self.data_folder = QLineEdit()  # read-only: scrolls and can be copied, never clipped
        self.data_folder.setReadOnly(True)
        self.data_folder.setAccessibleName("Data folder")
        self.open_folder = QPushButton("Open folder")
        self.open_folder.setAccessibleName("Open the data folder")
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.data_folder, 1)
        folder_row.addWidget(self.open_folder)
        form = QFormLayout(self)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.addRow("&Refresh every:", self.auto_refresh)
        form.addRow("", _paragraph("While the window is open (at least every 5 minutes, so "
                                   "the exchanges' limits are respected). 0 turns it off."))
        form.addRow("&Theme:", self.theme)
        form.addRow("Display &currency:", self.currency)
        form.addRow("", _paragraph("Values are stored in USD; this also shows them in "
                                   "another currency, at the day's rate."))
        form.addRow("Data folder:", folder_row)
