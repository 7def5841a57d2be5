"""The one place the window tells the user how an action went: the status bar message.

Errors stay until the next message, with a warning icon in front; nothing pops up a modal
for a failure, so a burst of failures never becomes a storm of dialogs.
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from walletdesk.core.errors import WalletDeskError
from walletdesk.ui.error_words import in_window_words
from walletdesk.ui.widgets.plain_text import plain_label, plain_tooltip

_WARNING = "⚠ "


class StatusReporter:
    def __init__(self, label: QLabel) -> None:
        self._label = plain_label(label)  # messages quote servers and user names

    def info(self, text: str) -> None:
        self._label.setText(text)
        self._label.setToolTip(plain_tooltip(text))

    def error(self, error: WalletDeskError | str) -> None:
        text = in_window_words(error)
        self._label.setText(_WARNING + text)
        self._label.setToolTip(plain_tooltip(text))

    def text(self) -> str:
        return self._label.text()
