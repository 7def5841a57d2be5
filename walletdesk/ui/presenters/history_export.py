"""History tab > Export history: the series on screen (the portfolio's or the chosen
asset's, all points, in the display currency too when one is chosen) written by the
Qt-free ``export.history_files`` in the background, as CSV, XLSX or JSON."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QObject, QStandardPaths, Signal
from PySide6.QtWidgets import QFileDialog, QWidget

from walletdesk.core.errors import WalletDeskError
from walletdesk.export.formats import FORMATS, export_format
from walletdesk.export.history_table import HistoryTable
from walletdesk.ui.presenters.status_reporter import StatusReporter
from walletdesk.ui.settings import UiSettings
from walletdesk.ui.worker import WorkerBridge


class HistoryExport(QObject):
    written = Signal(Path)

    def __init__(self, parent: QWidget, table: Callable[[], HistoryTable], bridge: WorkerBridge,
                 *, settings: UiSettings, status: StatusReporter) -> None:
        super().__init__(parent)
        self._parent, self._table, self._bridge = parent, table, bridge
        self._settings, self._status = settings, status
        self.chooser: QFileDialog | None = None

    def choose_file(self, fmt: str) -> None:
        """Ask where (the file chooser asks before replacing a file), then export there;
        ``chooser`` is the open file chooser."""
        chosen = export_format(fmt)
        folder = self._settings.export_dir() or QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation)
        name = f"walletdesk-history-{datetime.now():%Y%m%d-%H%M}{chosen.suffix}"
        chooser = QFileDialog(self._parent, "Export history", str(Path(folder) / name),
                              chosen.file_filter)
        chooser.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        chooser.fileSelected.connect(lambda path: self.export_to(Path(path), fmt))
        chooser.finished.connect(chooser.deleteLater)
        self.chooser = chooser
        chooser.open()

    def export_to(self, path: Path, fmt: str) -> None:
        """Write the shown series to ``path`` (replacing it: the user confirmed)."""
        from walletdesk.export.history_files import export_history

        table = self._table()
        self._settings.set_export_dir(str(path.parent))

        def done(written: Path) -> None:
            self._status.info(f"Exported {len(table)} history points to {written}.")
            self.written.emit(written)

        def failed(error: WalletDeskError) -> None:
            self._status.error(error)

        self._bridge.op(lambda: export_history(table, fmt, path, replace=True)).success(
            done).failure(failed).run()


FORMAT_CHOICES: tuple[tuple[str, str], ...] = tuple((f.name, f.label) for f in FORMATS)
