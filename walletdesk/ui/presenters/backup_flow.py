"""File → Back up… and File → Restore from backup…: choose a file, confirm, run it off the
GUI thread, say what happened (a failure in a dialog: nothing was changed)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from walletdesk.core.errors import WalletDeskError
from walletdesk.ui.presenters.status_reporter import StatusReporter
from walletdesk.ui.worker import WorkerBridge

if TYPE_CHECKING:  # the store loads after the first paint
    from walletdesk.controllers.backup import Restored
    from walletdesk.services import Services

FILTER = "WalletDesk backups (*.db);;All files (*)"


class BackupFlow:
    def __init__(self, window: QWidget, services: Services, bridge: WorkerBridge, *,
                 status: StatusReporter, busy: Callable[[], bool],
                 restored: Callable[[], None]) -> None:
        self._window = window
        self._services = services
        self._bridge = bridge
        self._status = status
        self._busy = busy  # a refresh is running: a restore waits for it
        self._restored = restored

    def back_up(self) -> None:
        suggested = Path.home() / f"walletdesk-backup-{date.today():%Y-%m-%d}.db"
        chosen, _ = QFileDialog.getSaveFileName(self._window, "Back up WalletDesk",
                                                str(suggested), FILTER)
        if not chosen:
            return
        backups = self._services.backups
        self._status.info("Backing up…")
        # The file dialog asked before replacing a file, so replacing is what was chosen.
        self._bridge.op(lambda: backups.backup(Path(chosen), replace=True)).success(
            lambda path: self._status.info(f"Backed up to {path}.")).failure(
            self._failed("The backup was not written")).run()

    def restore(self) -> None:
        if self._busy():
            self._status.info("Wait for the refresh to finish, then restore.")
            return
        chosen, _ = QFileDialog.getOpenFileName(self._window, "Restore WalletDesk from a backup",
                                                str(Path.home()), FILTER)
        if not chosen:
            return
        answer = QMessageBox.question(
            self._window, "Restore from backup",
            f"Replace the API keys and balances shown here with those in {chosen}?\n\n"
            "The backup is checked first; the current database is kept beside it.")
        if answer != QMessageBox.StandardButton.Yes:
            return
        backups = self._services.backups
        self._status.info("Restoring…")
        self._bridge.op(lambda: backups.restore(Path(chosen), replace=True)).success(
            self._done).failure(self._failed("Nothing was restored")).run()

    def _done(self, restored: Restored) -> None:
        kept = ""
        if restored.previous is not None:
            kept = f" The previous database is kept as {restored.previous}."
        self._status.info(f"Restored {restored.secrets} API key(s) from the backup.{kept}")
        self._restored()

    def _failed(self, title: str) -> Callable[[WalletDeskError], None]:
        def show(error: WalletDeskError) -> None:
            self._status.error(error)
            box = QMessageBox(QMessageBox.Icon.Warning, title, str(error),
                              QMessageBox.StandardButton.Close, self._window)
            box.setObjectName("backup_failure")
            box.finished.connect(box.deleteLater)
            box.open()

        return show
