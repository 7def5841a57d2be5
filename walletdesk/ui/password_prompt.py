"""The window's ``PasswordPrompt``: the controllers ask from a worker thread, the dialog
opens on the GUI thread, and the worker waits for the answer."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

from PySide6.QtCore import QObject, QThread, Signal, Slot
from PySide6.QtWidgets import QDialog, QWidget

from walletdesk.controllers.master_key import PasswordRequest
from walletdesk.core.errors import CancelledError
from walletdesk.ui.dialogs.password_dialog import PasswordDialog


@dataclass
class _Question:
    request: PasswordRequest
    answered: threading.Event = field(default_factory=threading.Event)
    answer: str | None = None


class GuiPasswordPrompt(QObject):
    _asked = Signal(object)

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self._window = window
        self._asked.connect(self._ask)  # queued: the prompt lives on the GUI thread
        self.dialog: PasswordDialog | None = None  # the one open, for tests

    def __call__(self, request: PasswordRequest) -> str:
        question = _Question(request)
        if QThread.currentThread() is self.thread():  # no worker to wait: a modal loop
            dialog = PasswordDialog(request, self._window)
            if dialog.exec() == QDialog.DialogCode.Accepted:
                question.answer = dialog.answer()
            dialog.deleteLater()
        else:
            self._asked.emit(question)
            question.answered.wait()
        if question.answer is None:
            raise CancelledError(
                "No password was given, so your saved API keys cannot be used now: refresh "
                "again to be asked once more."
            )
        return question.answer

    @Slot(object)
    def _ask(self, question: _Question) -> None:
        """Open the dialog window-modal and return to the event loop; its answer releases
        the waiting worker."""
        dialog = PasswordDialog(question.request, self._window)
        self.dialog = dialog

        def answered(result: int) -> None:
            if result == QDialog.DialogCode.Accepted.value:
                question.answer = dialog.answer()
            self.dialog = None
            dialog.deleteLater()
            question.answered.set()

        dialog.finished.connect(answered)
        dialog.destroyed.connect(question.answered.set)  # the window closed: no answer
        dialog.open()
