"""The portfolio header: total value, when it was last refreshed, stale and demo markers,
and the allocation chart."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QStyle, QVBoxLayout, QWidget

from walletdesk.controllers.freshness import Staleness, age
from walletdesk.core.portfolio_summary import Summary
from walletdesk.ui.formatting import Formatter
from walletdesk.ui.widgets.allocation_chart import AllocationChart

if TYPE_CHECKING:
    from walletdesk.ui.widgets.change_figures import ChangeFigures, Figure


class PortfolioHeader(QWidget):
    def __init__(self, formatter: Formatter, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._format = formatter
        self.caption = caption = QLabel("Total value")
        self.total = QLabel("—")
        self.total.setAccessibleName("Total portfolio value")
        self.total.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._base_size = self.total.font().pointSizeF()
        self.compact = False
        self._set_total_size(2.2)
        self.updated = QLabel("Not refreshed yet")
        self.updated.setAccessibleName("Last refresh")
        self.in_currency = QLabel()
        self.in_currency.setAccessibleName("Total in the display currency")
        self.in_currency.setVisible(False)
        self._changes: ChangeFigures | None = None  # made when history has figures to show
        self.stale = _Marker(self, QStyle.StandardPixmap.SP_MessageBoxWarning)
        self.demo = _Marker(self, QStyle.StandardPixmap.SP_MessageBoxInformation)
        self._last: datetime | None = None
        self.chart = AllocationChart(formatter)

        self._text = text = QVBoxLayout()
        text.setSpacing(2)
        text.addWidget(caption)
        text.addWidget(self.total)
        text.addWidget(self.in_currency)
        text.addWidget(self.updated)
        text.addWidget(self.stale)  # the change figures go above it (``changes``)
        text.addWidget(self.demo)
        text.addStretch(1)
        # Never taller than its content: spare height belongs to the table below.
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        row = QHBoxLayout(self)
        row.setContentsMargins(12, 8, 12, 4)
        row.addLayout(text, 1)
        row.addWidget(self.chart, 0, Qt.AlignmentFlag.AlignTop)

    def show_summary(self, summary: Summary) -> None:
        fmt = self._format
        totals = summary.totals
        self.caption.setText("Demo sample value" if totals.demo_only else "Total value")
        self.total.setText(fmt.usd(summary.total_usd))
        self.total.setToolTip(f"Exactly ${fmt.exact(summary.total_usd)}")
        if totals.demo_only:
            self.demo.show_text("Demo data (offline sample), not a real account.")
        elif totals.demo_rows:
            self.demo.show_text(f"Demo sample ({fmt.usd(totals.demo)}) is not counted in "
                                "this total.")
        else:
            self.demo.show_text(None)
        self._last = summary.last_updated
        self.chart.set_slices(summary.slices)

    def set_compact(self, compact: bool) -> None:
        """A small window: a smaller total, no chart, markers on one line each (the whole
        sentence in the tooltip), so the table keeps most of the height."""
        if compact == self.compact:
            return
        self.compact = compact
        self._set_total_size(1.4 if compact else 2.2)
        self.chart.setVisible(not compact)
        self.caption.setVisible(not compact)
        for marker in (self.stale, self.demo):
            marker.set_one_line(compact)
        self.updateGeometry()

    def _set_total_size(self, factor: float) -> None:
        font = self.total.font()
        font.setPointSizeF(self._base_size * factor)
        font.setBold(True)
        self.total.setFont(font)

    def show_freshness(self, stale: Mapping[str, Staleness], now: datetime) -> None:
        """Asked again on a timer: an open window's "just now" must not last all day."""
        fmt, last = self._format, self._last
        self.updated.setText(f"Updated {fmt.when(last)} ({age(last, now)})" if last
                             else "Not refreshed yet")
        self.stale.show_text(" ".join(s.describe(fmt.when, now) for s in stale.values())
                             or None)

    def show_in_currency(self, text: str, tooltip: str) -> None:
        """The total in the display currency, the rate in the tooltip (CurrencyPresenter)."""
        self.in_currency.setText(text)
        self.in_currency.setToolTip(tooltip)
        self.in_currency.setVisible(bool(text))

    @property
    def changes(self) -> ChangeFigures:
        """The change figures, made on first use: history is read after the first paint, so
        the first paint neither imports nor builds them."""
        if self._changes is None:
            from walletdesk.ui.widgets.change_figures import ChangeFigures

            self._changes = ChangeFigures()
            self._changes.setAccessibleName("Change over 24 hours and 7 days")
            self._text.insertWidget(self._text.indexOf(self.stale), self._changes)
        return self._changes

    def show_changes(self, figures: Sequence[Figure], tooltip: str) -> None:
        """The change over 24h and 7d (``HistoryPresenter``)."""
        self.changes.set_figures(figures)
        self.changes.setToolTip(tooltip)


class _Marker(QWidget):
    """A small icon + text line, hidden while it has nothing to say."""

    def __init__(self, parent: QWidget, pixmap: QStyle.StandardPixmap) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        icon = QLabel()
        size = parent.fontMetrics().height()
        icon.setPixmap(parent.style().standardIcon(pixmap).pixmap(size, size))
        self.label = QLabel()
        self.label.setWordWrap(True)
        layout.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.label, 1)
        self.setVisible(False)

        self._text = ""
        self._one_line = False

    def show_text(self, text: str | None) -> None:
        self._text = text or ""
        self.setAccessibleName(self._text)
        self.setToolTip(self._text)
        self.setVisible(bool(text))
        self._show()

    def set_one_line(self, one_line: bool) -> None:
        self._one_line = one_line
        self.label.setWordWrap(not one_line)
        self._show()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._one_line:
            self._show()

    def _show(self) -> None:
        text = self._text
        if self._one_line:
            room = max(self.label.width(), 40)
            text = self.label.fontMetrics().elidedText(text, Qt.TextElideMode.ElideRight, room)
        self.label.setText(text)

    def text(self) -> str:
        return self._text
