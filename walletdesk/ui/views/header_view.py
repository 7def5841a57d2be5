"""The portfolio header: total value, when it was last refreshed, stale and demo markers,
and the allocation chart."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QStyle, QVBoxLayout, QWidget

from walletdesk.ui.formatting import Formatter, age
from walletdesk.ui.portfolio_summary import STALE_AFTER, Summary
from walletdesk.ui.widgets.allocation_chart import AllocationChart


class PortfolioHeader(QWidget):
    def __init__(self, formatter: Formatter, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._format = formatter
        caption = QLabel("Total value")
        self.total = QLabel("—")
        self.total.setAccessibleName("Total portfolio value")
        self.total.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = self.total.font()
        font.setPointSizeF(font.pointSizeF() * 2.2)
        font.setBold(True)
        self.total.setFont(font)
        self.updated = QLabel("Not refreshed yet")
        self.updated.setAccessibleName("Last refresh")
        self.stale = _marker(self, QStyle.StandardPixmap.SP_MessageBoxWarning,
                             f"Older than {int(STALE_AFTER.total_seconds() // 3600)} hour: "
                             "refresh (Ctrl+R) for current values")
        self.demo = _marker(self, QStyle.StandardPixmap.SP_MessageBoxInformation,
                            "Includes demo data (offline sample), not a real account")
        self.chart = AllocationChart(formatter)

        text = QVBoxLayout()
        text.setSpacing(2)
        text.addWidget(caption)
        text.addWidget(self.total)
        text.addWidget(self.updated)
        text.addWidget(self.stale)
        text.addWidget(self.demo)
        text.addStretch(1)
        row = QHBoxLayout(self)
        row.setContentsMargins(12, 8, 12, 4)
        row.addLayout(text, 1)
        row.addWidget(self.chart, 0, Qt.AlignmentFlag.AlignTop)

    def show_summary(self, summary: Summary) -> None:
        fmt = self._format
        self.total.setText(fmt.usd(summary.total_usd))
        self.total.setToolTip(f"Exactly ${fmt.exact(summary.total_usd)}")
        last = summary.last_updated
        self.updated.setText(f"Updated {fmt.when(last)} ({age(last)})" if last
                             else "Not refreshed yet")
        self.stale.setVisible(summary.stale)
        self.demo.setVisible(summary.has_demo)
        self.chart.set_slices(summary.slices)


def _marker(parent: QWidget, pixmap: QStyle.StandardPixmap, text: str) -> QWidget:
    """A small icon + text line, hidden until needed."""
    box = QWidget(parent)
    layout = QHBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    icon = QLabel()
    size = parent.fontMetrics().height()
    icon.setPixmap(parent.style().standardIcon(pixmap).pixmap(size, size))
    label = QLabel(text)
    label.setWordWrap(True)
    layout.addWidget(icon, 0)
    layout.addWidget(label, 1)
    box.setAccessibleName(text)
    box.setVisible(False)
    return box
