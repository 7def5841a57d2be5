"""Ctrl+E: collect format, rows and file in the export dialog, then let the Qt-free
``export.files`` write the file in the background."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QObject, QStandardPaths
from PySide6.QtWidgets import QFileDialog, QWidget

from walletdesk.core.models import Balance
from walletdesk.export.formats import SUFFIXES, export_format
from walletdesk.ui.dialogs.export_dialog import EVERYTHING, ExportDialog
from walletdesk.ui.presenters.status import StatusReporter
from walletdesk.ui.settings import UiSettings
from walletdesk.ui.worker import WorkerBridge


class BalanceRows(Protocol):
    """The balances table as the export reads it (see ``BalancesPresenter``)."""

    def shown_count(self) -> int: ...
    def all_count(self) -> int: ...
    def shown_balances(self) -> list[Balance]: ...
    def all_balances(self) -> list[Balance]: ...


class ExportFlow(QObject):
    def __init__(self, window: QWidget, bridge: WorkerBridge, *, settings: UiSettings,
                 status: StatusReporter, rows: BalanceRows) -> None:
        super().__init__(window)
        self._window = window
        self._bridge = bridge
        self._settings = settings
        self._status = status
        self._rows = rows
        self.dialog: ExportDialog | None = None
        self._path_edited = False

    def open(self) -> ExportDialog:
        # Counts only: the Balance records are built when the user exports.
        dialog = ExportDialog(self._rows.shown_count(), self._rows.all_count(), self._window)
        self.dialog = dialog
        self._path_edited = False
        dialog.path.setText(str(self._default_path(dialog.chosen_format())))
        dialog.path.textEdited.connect(self._edited)
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
            dialog.path.setText(str(self._default_path(fmt)))
        elif current.suffix.lower() in SUFFIXES:
            dialog.path.setText(str(current.with_suffix(export_format(fmt).suffix)))

    def _browse(self) -> None:
        dialog = self.dialog
        if dialog is None:
            return
        fmt = dialog.chosen_format()
        path, _ = QFileDialog.getSaveFileName(dialog, "Export balances", dialog.path.text(),
                                              export_format(fmt).file_filter)
        if path:
            dialog.path.setText(path)
            self._path_edited = True

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
        everything = dialog.chosen_scope() == EVERYTHING
        rows = self._rows.all_balances() if everything else self._rows.shown_balances()
        dialog.accept()
        self._settings.set_export_dir(str(path.parent))
        self._status.info(f"Exporting {len(rows):,} balances…")
        (self._bridge.op(lambda: _write(rows, fmt, path))
         .success(lambda written: self._status.info(
             f"Exported {len(rows):,} balances to {written}."))
         .run())

    def _default_path(self, fmt: str) -> Path:
        from walletdesk.export.files import default_file_name

        folder = self._settings.export_dir() or QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation) or str(Path.home())
        return Path(folder) / default_file_name(fmt, datetime.now())


def _write(rows: list[Balance], fmt: str, path: Path) -> Path:
    from walletdesk.export.files import export_balances  # the writers load on first export

    return export_balances(rows, fmt, path)
