"""The status-bar part that shows a running refresh: progress and a Cancel button."""

from __future__ import annotations

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QToolButton, QWidget


class RefreshStatusView(QWidget):
    def __init__(self, cancel: QAction, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = QLabel()
        self.progress = QProgressBar()
        self.progress.setAccessibleName("Refresh progress")
        self.progress.setMaximumWidth(160)
        self.progress.setTextVisible(False)
        self.cancel = QToolButton()
        self.cancel.setDefaultAction(cancel)
        self.cancel.setAccessibleName("Cancel refresh")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.progress)
        layout.addWidget(self.cancel)
        self.setVisible(False)

    def show_progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1) if total else 0)  # 0..0: busy indicator
        self.progress.setValue(done)
        self.label.setText(f"Refreshing: {done} of {total} keys done" if total
                           else "Refreshing…")
        self.setVisible(True)
