"""The sign-in screen shown when sign-in is set up and nobody is signed in (or when someone
using the local profile chose Sign in…)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton, QWidget

from walletdesk.ui.widgets.centred import button_row, centred_column, centred_text, heading
from walletdesk.ui.widgets.link_label import LinkLabel
from walletdesk.ui.widgets.plain_text import plain_label

SIGN_IN = "Sign in…"
CONTINUE_LOCALLY = "Continue without signing in"


class SignInView(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        title = heading("Sign in to WalletDesk")
        intro = centred_text(
            "Your browser opens the sign-in page; come back here when it says so. "
            "Each person's keys and balances stay separate on this computer."
        )
        self.sign_in = QPushButton(SIGN_IN)
        self.sign_in.setAccessibleName("Sign in in your browser")
        self.sign_in.setDefault(True)
        self.cancel = QPushButton("Cancel")
        self.cancel.setAccessibleName("Cancel sign-in")
        self.cancel.setVisible(False)
        self.local = QPushButton(CONTINUE_LOCALLY)
        self.local.setAccessibleName("Continue with the local profile, without signing in")
        self.local.setToolTip(
            "For when the sign-in service cannot be reached, or you have no account: "
            "WalletDesk keeps a local profile on this computer, with keys and balances of "
            "its own. File → Sign in… signs in later.")
        self.settings = QPushButton("Sign-in settings…")
        self.settings.setAccessibleName("Sign-in settings")
        self.waiting = LinkLabel()  # the sign-in link, for when no browser opened
        self.waiting.setWordWrap(True)
        self.waiting.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.waiting.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.waiting.setVisible(False)
        self.hint = centred_text()
        self.hint.setTextFormat(Qt.TextFormat.PlainText)  # names the redirect URI to register
        self.hint.setAccessibleName("Sign-in hint")
        self.hint.setVisible(False)
        self.error = plain_label(centred_text())  # may quote the sign-in service
        self.error.setAccessibleName("Sign-in problem")
        self.error.setVisible(False)

        buttons = button_row(self.sign_in, self.cancel, self.local, self.settings)
        self.setLayout(centred_column([title, 8, intro, 16, buttons, 12, self.waiting,
                                       self.hint, self.error]))

    def reset_sign_in(self) -> None:
        """The Sign in button as first shown (a failed try may have made it "Try again")."""
        self.sign_in.setText(SIGN_IN)
