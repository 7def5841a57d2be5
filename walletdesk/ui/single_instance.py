"""One WalletDesk window per data folder.

The first instance takes a lock file in the data folder (``QLockFile``: a lock left by a
crashed instance is recognised as stale, so a crash never blocks the next start) and, once
its window is up, watches the folder for a raise request. A second instance finds the lock
taken, drops a request file there, waits (a little) for the first one to take it away, which
it does after bringing its window to the front, says so and exits; it never opens the
database. QtCore only: the bundle carries no QtNetwork for a local socket.

Use from the GUI's start-up::

    guard = SingleInstance(data_dir, app)
    if not guard.claim():
        return defer_to_running_instance(guard)   # 0 once the first window is in front
    guard.activation_requested.connect(lambda: bring_to_front(window))
    window.first_painted.connect(guard.listen)
    ...
    guard.release()                               # after the event loop ends
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path
from typing import TextIO

from PySide6.QtCore import (
    QDeadlineTimer,
    QFileSystemWatcher,
    QLockFile,
    QObject,
    Qt,
    QThread,
    QTimer,
    Signal,
)
from PySide6.QtWidgets import QWidget

log = logging.getLogger(__name__)

LOCK_FILE = "walletdesk.lock"
RAISE_REQUEST_FILE = "walletdesk.raise-request"
ALREADY_RUNNING = "WalletDesk is already running; its window was brought to front."
NOT_ANSWERING = (
    "WalletDesk is already running for this data folder but did not answer: switch to its "
    "window, or close it and start WalletDesk again."
)
DEFAULT_TIMEOUT_MS = 3000
_POLL_MS = 25


class SingleInstance(QObject):
    """The data folder's instance guard; ``activation_requested`` fires in the first
    instance each time a second one starts."""

    activation_requested = Signal()

    def __init__(
        self, data_dir: Path, parent: QObject | None = None, *, timeout_ms: int = DEFAULT_TIMEOUT_MS
    ) -> None:
        super().__init__(parent)
        self._folder = data_dir
        self._lock = QLockFile(str(data_dir / LOCK_FILE))
        self._lock.setStaleLockTime(0)  # stale only when its process is gone, never by age
        self._request = data_dir / RAISE_REQUEST_FILE
        self._timeout_ms = timeout_ms
        self._watcher: QFileSystemWatcher | None = None

    def claim(self) -> bool:
        """True when this is the first instance: it now holds the data folder's lock."""
        if self._lock.tryLock(0):
            return True
        if self._lock.error() == QLockFile.LockError.LockFailedError:
            return False
        # No lock file can be made (a read-only folder...): do not block the start; opening
        # the database then says what is wrong with the folder.
        log.warning("instance lock unavailable (%s)", self._lock.error().name)
        return True

    def listen(self) -> None:
        """Start answering second instances (the first instance, once its window is up)."""
        if self._watcher is not None or not self._lock.isLocked():
            return
        self._watcher = QFileSystemWatcher([str(self._folder)], self)
        self._watcher.directoryChanged.connect(self._answer)
        # A second instance may have asked while this one was starting: answer it from
        # the event loop, like every later request.
        QTimer.singleShot(0, self._answer)

    def ask_running_instance_to_raise(self) -> bool:
        """Ask the first instance to bring its window to the front; True once it confirms
        (by taking the request away). Waits while the first instance is still starting."""
        try:
            self._request.write_text(str(os.getpid()), encoding="ascii")
        except OSError as error:
            log.warning("cannot ask the running instance: %s", error.strerror)
            return False
        deadline = QDeadlineTimer(self._timeout_ms)
        while self._request.exists():
            if deadline.hasExpired():
                self._request.unlink(missing_ok=True)
                return False
            QThread.msleep(_POLL_MS)
        return True

    def release(self) -> None:
        """Stop watching and free the lock (the first instance, at exit)."""
        if self._watcher is not None:
            self._watcher.deleteLater()
            self._watcher = None
        self._lock.unlock()

    def _answer(self) -> None:
        try:
            self._request.unlink()
        except FileNotFoundError:
            return
        except OSError as error:
            log.warning("cannot take the raise request: %s", error.strerror)
            return
        self.activation_requested.emit()


def defer_to_running_instance(guard: SingleInstance, stream: TextIO | None = None) -> int:
    """In a second instance: have the first one come to the front, say so, return the exit
    status (0 when it answered, 1 when it did not)."""
    if guard.ask_running_instance_to_raise():
        print(ALREADY_RUNNING, file=stream or sys.stdout)
        return 0
    print(NOT_ANSWERING, file=stream or sys.stderr)
    return 1


def bring_to_front(window: QWidget) -> None:
    """Show ``window`` un-minimised, on top and active (as far as the window system allows)."""
    window.setWindowState(window.windowState() & ~Qt.WindowState.WindowMinimized)
    window.show()
    window.raise_()
    window.activateWindow()
