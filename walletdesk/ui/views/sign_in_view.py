"""The sign-in screen shown when Clerk sign-in is set up and nobody is signed in."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from walletdesk.ui.widgets.centred import centred_column


class SignInView(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        title = QLabel("Sign in to WalletDesk")
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        title.setFont(font)
        intro = QLabel("Your browser opens the sign-in page; come back here when it says so. "
                       "Each person's keys and balances stay separate on this computer.")
        intro.setWordWrap(True)
        intro.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        title.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.sign_in = QPushButton("Sign in with Clerk")
        self.sign_in.setAccessibleName("Sign in with Clerk")
        self.sign_in.setDefault(True)
        self.cancel = QPushButton("Cancel")
        self.cancel.setAccessibleName("Cancel sign-in")
        self.cancel.setVisible(False)
        self.settings = QPushButton("Sign-in settings…")
        self.settings.setAccessibleName("Sign-in settings")
        self.waiting = QLabel()
        self.waiting.setWordWrap(True)
        self.waiting.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.waiting.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.waiting.setOpenExternalLinks(True)
        self.waiting.setVisible(False)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.error.setAccessibleName("Sign-in problem")
        self.error.setVisible(False)

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.sign_in)
        buttons.addWidget(self.cancel)
        buttons.addWidget(self.settings)
        buttons.addStretch(1)
        self.setLayout(centred_column([title, 8, intro, 16, buttons, 12, self.waiting,
                                       self.error]))
