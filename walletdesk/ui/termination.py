"""Ending the window from outside, the way Ctrl+Q ends it.

SIGTERM (a desktop session logging out, a service manager, ``kill``), SIGINT (Ctrl+C in
the terminal that started WalletDesk) and SIGHUP (that terminal closed) close every window,
so the window's size, the open view and the table settings are saved and the single-instance
lock is released, instead of the process dying on the spot. A second signal while closing
ends the process at once.

Python runs signal handlers only between byte codes, while the GUI thread waits inside Qt's
event loop; so the handler does nothing itself: Python writes the signal's number to a
socket (``signal.set_wakeup_fd``) and a ``QSocketNotifier`` on the other end wakes the loop.
"""

from __future__ import annotations

import signal
import socket
from types import FrameType

from PySide6.QtCore import QObject, QSocketNotifier, Signal

SIGNALS = tuple(
    getattr(signal, name) for name in ("SIGTERM", "SIGINT", "SIGHUP") if hasattr(signal, name)
)


def _wake_only(number: int, frame: FrameType | None) -> None:
    """The Python-level handler: the wakeup socket has already been written to."""


class TerminationRequests(QObject):
    """Emits ``requested`` (with the signal's number) on the GUI thread. Main thread only."""

    requested = Signal(int)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._reader, self._writer = socket.socketpair()
        self._reader.setblocking(False)
        self._writer.setblocking(False)
        self._previous_fd = signal.set_wakeup_fd(self._writer.fileno(), warn_on_full_buffer=False)
        self._previous = {number: signal.signal(number, _wake_only) for number in SIGNALS}
        self._notifier = QSocketNotifier(self._reader.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._received)

    def stop(self) -> None:
        """Give the signals back to what handled them before."""
        self._notifier.setEnabled(False)
        for number, handler in self._previous.items():
            signal.signal(number, handler)
        signal.set_wakeup_fd(self._previous_fd)
        self._reader.close()
        self._writer.close()

    def _received(self) -> None:
        try:
            numbers = self._reader.recv(64)
        except OSError:
            return
        for number in numbers:
            if number in SIGNALS:
                for again in SIGNALS:  # a second signal, while closing, ends the process
                    signal.signal(again, signal.SIG_DFL)
                self.requested.emit(number)
                return
