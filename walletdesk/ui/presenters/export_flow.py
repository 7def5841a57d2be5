"""Ctrl+E: collect format, rows and file in the export dialog, then let the Qt-free
ExportController write the file in the background."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QStandardPaths
from PySide6.QtWidgets import QFileDialog, QWidget

from walletdesk.core.models import Balance
from walletdesk.ui.dialogs.export_dialog import EVERYTHING, ExportDialog
from walletdesk.ui.presenters.status import StatusReporter
from walletdesk.ui.settings import UiSettings
from walletdesk.ui.worker import WorkerBridge

if TYPE_CHECKING:
    from walletdesk.services import Services

_FILTERS = {"csv": "CSV files (*.csv)", "xlsx": "Excel workbooks (*.xlsx)",
            "json": "JSON files (*.json)"}


class ExportFlow(QObject):
    def __init__(self, window: QWidget, services: Services, bridge: WorkerBridge, *,
                 settings: UiSettings, status: StatusReporter,
                 shown: Callable[[], list[Balance]],
                 everything: Callable[[], list[Balance]]) -> None:
        super().__init__(window)
        self._window = window
        self._services = services
        self._bridge = bridge
        self._settings = settings
        self._status = status
        self._shown = shown
        self._everything = everything
        self.dialog: ExportDialog | None = None
        self._path_edited = False

    def open(self) -> ExportDialog:
        dialog = ExportDialog(len(self._shown()), len(self._everything()), self._window)
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
        elif current.suffix.lower() in {".csv", ".xlsx", ".json"}:
            dialog.path.setText(str(current.with_suffix(f".{fmt}")))

    def _browse(self) -> None:
        dialog = self.dialog
        if dialog is None:
            return
        fmt = dialog.chosen_format()
        path, _ = QFileDialog.getSaveFileName(dialog, "Export balances", dialog.path.text(),
                                              _FILTERS[fmt])
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
        rows = self._everything() if dialog.chosen_scope() == EVERYTHING else self._shown()
        dialog.accept()
        self._settings.set_export_dir(str(path.parent))
        self._status.info(f"Exporting {len(rows):,} balances…")
        services = self._services
        (self._bridge.op(lambda: services.export.export(rows, fmt, path))
         .success(lambda written: self._status.info(
             f"Exported {len(rows):,} balances to {written}."))
         .run())

    def _default_path(self, fmt: str) -> Path:
        from walletdesk.controllers.export import default_export_name

        folder = self._settings.export_dir() or QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation) or str(Path.home())
        return Path(folder) / default_export_name(fmt, datetime.now())
