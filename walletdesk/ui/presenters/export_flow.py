"""Ctrl+E: collect format, rows and file in the export dialog, then let the Qt-free
``export.files`` write the file in the background. The dialog stays open until the file is
written, so a failure is shown in it with every choice kept; an existing file is replaced
only when the user said so (the file chooser's question, or a second press)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject, QStandardPaths
from PySide6.QtWidgets import QFileDialog, QWidget

from walletdesk.core.currency import Rate
from walletdesk.core.errors import WalletDeskError
from walletdesk.core.models import Balance
from walletdesk.export.formats import SUFFIXES, export_format
from walletdesk.ui.error_words import in_window_words
from walletdesk.ui.presenters.status_reporter import StatusReporter
from walletdesk.ui.settings import UiSettings
from walletdesk.ui.worker import WorkerBridge

if TYPE_CHECKING:
    from walletdesk.ui.dialogs.export_dialog import ExportDialog


class BalanceRows(Protocol):
    """The balances table as the export reads it (see ``BalancesPresenter``)."""

    def shown_count(self) -> int: ...
    def all_count(self) -> int: ...
    def shown_balances(self) -> list[Balance]: ...
    def all_balances(self) -> list[Balance]: ...


class ExportFlow(QObject):
    def __init__(self, window: QWidget, bridge: WorkerBridge, *, settings: UiSettings,
                 status: StatusReporter, rows: BalanceRows,
                 rate: Callable[[], Rate | None] = lambda: None) -> None:
        """``rate``: the display currency's, when one is chosen: the file gains its columns
        (the same ones as ``export --currency``)."""
        super().__init__(window)
        self._window = window
        self._bridge = bridge
        self._settings = settings
        self._status = status
        self._rows = rows
        self._rate = rate
        self.dialog: ExportDialog | None = None
        self._path_edited = False
        self._replace_confirmed: Path | None = None  # the existing file the user let go

    def open(self) -> ExportDialog:
        from walletdesk.ui.dialogs.export_dialog import ExportDialog  # not needed at first paint

        # Counts only: the Balance records are built when the user exports.
        dialog = ExportDialog(self._rows.shown_count(), self._rows.all_count(), self._window)
        self.dialog = dialog
        self._path_edited = False
        self._replace_confirmed = None
        self._show_path(str(self._default_path(dialog.chosen_format())))
        dialog.path.textEdited.connect(self._edited)
        dialog.path.textChanged.connect(self._path_changed)
        dialog.formats.idToggled.connect(self._format_toggled)
        dialog.browse.clicked.connect(self._browse)
        dialog.export.clicked.connect(self._export)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    # --- dialog reactions ----------------------------------------------------------------

    def _edited(self) -> None:
        self._path_edited = True

    def _format_toggled(self, _id: int, checked: bool) -> None:
        dialog = self.dialog
        if dialog is None or not checked:
            return
        fmt = dialog.chosen_format()
        current = Path(dialog.path.text())
        if not self._path_edited:
            self._show_path(str(self._default_path(fmt)))
        elif current.suffix.lower() in SUFFIXES:
            self._show_path(str(current.with_suffix(export_format(fmt).suffix)))

    def _browse(self) -> None:
        dialog = self.dialog
        if dialog is None:
            return
        fmt = dialog.chosen_format()
        # The file chooser asks before pointing at an existing file: that is the consent.
        path, _ = QFileDialog.getSaveFileName(dialog, "Export balances", dialog.path.text(),
                                              export_format(fmt).file_filter)
        if path:
            self._show_path(path)
            self._path_edited = True
            self._replace_confirmed = Path(path)

    def _export(self) -> None:
        dialog = self.dialog
        if dialog is None:
            return
        text = dialog.path.text().strip()
        if not text:
            dialog.problem.show_message("Choose a file to export to.")
            return
        path = Path(text).expanduser()
        fmt = dialog.chosen_format()
        replace = self._replace_confirmed == path
        if path.exists() and not path.is_dir() and not replace:
            # A typed name of an existing file: say so, and let a second press replace it.
            self._replace_confirmed = path
            dialog.export.setText("Replace")
            dialog.problem.show_message(
                f"{path.name} already exists in {path.parent}. Press Replace to overwrite "
                "it, or change the file name.")
            return
        from walletdesk.ui.dialogs.export_dialog import EVERYTHING

        everything = dialog.chosen_scope() == EVERYTHING
        rows = self._rows.all_balances() if everything else self._rows.shown_balances()
        dialog.set_busy(True)
        dialog.problem.show_message(None)
        self._status.info(f"Exporting {len(rows):,} balances…")
        rate = self._rate()
        (self._bridge.op(lambda: _write(rows, fmt, path, replace=replace, rate=rate))
         .success(lambda written: self._written(dialog, fmt, path, len(rows), written))
         .failure(lambda error: self._failed(dialog, error))
         .run())

    def _written(self, dialog: ExportDialog, fmt: str, path: Path, count: int,
                 written: Path) -> None:
        from walletdesk.export.files import extension_mismatch

        self._settings.set_export_dir(str(path.parent))
        warning = extension_mismatch(fmt, path)
        note = f" Note: {warning}" if warning else ""
        self._status.info(f"Exported {count:,} balances to {written}.{note}")
        dialog.accept()

    def _failed(self, dialog: ExportDialog, error: WalletDeskError) -> None:
        """The dialog stays open with every choice as it was, and says what went wrong."""
        dialog.set_busy(False)
        dialog.problem.show_message(in_window_words(error))
        self._status.info("Export failed: nothing was written.")

    def _path_changed(self) -> None:
        self._replace_confirmed = None
        if self.dialog is not None:
            self.dialog.export.setText("Export")

    def _show_path(self, text: str) -> None:
        """Set the path and show its end (the file name), not the start of the folders."""
        if self.dialog is not None:
            self.dialog.path.setText(text)
            self.dialog.path.setCursorPosition(len(text))

    def _default_path(self, fmt: str) -> Path:
        from walletdesk.export.files import default_file_name

        return default_folder(self._settings.export_dir()) / default_file_name(
            fmt, datetime.now())


def default_folder(remembered: str | None) -> Path:
    """The last export's folder, else Documents, else home: the first that exists (a
    Documents folder is not there on every system, and a remembered one may be gone)."""
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    for candidate in (remembered, documents):
        if candidate and Path(candidate).is_dir():
            return Path(candidate)
    return Path.home()


def _write(rows: list[Balance], fmt: str, path: Path, *, replace: bool,
           rate: Rate | None) -> Path:
    from walletdesk.export.files import export_balances  # the writers load on first export

    return export_balances(rows, fmt, path, replace=replace, rate=rate)
