"""A donut of value per asset (top N plus "Other") with a legend, drawn with QPainter.

Series colours are the only fixed colours in the app; text and the background follow the
palette, so the chart reads well in light and dark themes.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from walletdesk.core.portfolio_summary import OTHER, Slice
from walletdesk.ui.formatting import Formatter

SERIES = ("#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#b07aa1", "#76b7b2", "#edc948")
OTHER_COLOUR = "#9c9c9c"
_DONUT = 112
_RING = 22
_GAP = 14


class AllocationChart(QWidget):
    def __init__(self, formatter: Formatter, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._format = formatter
        self._slices: tuple[Slice, ...] = ()
        self.setAccessibleName("Allocation chart")
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)

    def set_slices(self, slices: Sequence[Slice]) -> None:
        self._slices = tuple(slices)
        described = ", ".join(f"{s.label} {self._format.share(s.share)}" for s in self._slices)
        self.setAccessibleDescription(f"Share of value per asset: {described}" if described
                                      else "No valued balances yet.")
        self.setToolTip("\n".join(f"{s.label}: {self._format.usd(s.usd_value)}"
                                  for s in self._slices))
        self.updateGeometry()
        self.update()

    def slices(self) -> tuple[Slice, ...]:
        return self._slices

    def sizeHint(self) -> QSize:
        line = self.fontMetrics().height() + 4
        legend = max(len(self._slices), 1) * line
        return QSize(_DONUT + _GAP + 220, max(_DONUT, legend) + 8)

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        top = (self.height() - _DONUT) / 2
        ring = QRectF(_RING / 2 + 2, top + _RING / 2, _DONUT - _RING, _DONUT - _RING)
        if not self._slices:
            painter.setPen(QPen(palette.color(QPalette.ColorRole.Mid), _RING))
            painter.drawEllipse(ring)
            painter.end()
            return
        start = 90 * 16  # twelve o'clock, clockwise
        for index, piece in enumerate(self._slices):
            span = -round(float(piece.share) * 360 * 16)  # a pixel angle: float is fine here
            pen = QPen(self._colour(index, piece), _RING)
            pen.setCapStyle(Qt.PenCapStyle.FlatCap)
            painter.setPen(pen)
            painter.drawArc(ring, start, span)
            start += span
        self._paint_legend(painter, palette)
        painter.end()

    def _paint_legend(self, painter: QPainter, palette: QPalette) -> None:
        metrics = self.fontMetrics()
        line = metrics.height() + 4
        x = _DONUT + _GAP
        y = (self.height() - line * len(self._slices)) / 2
        text = QPen(palette.color(QPalette.ColorRole.WindowText))
        for index, piece in enumerate(self._slices):
            swatch = QRectF(x, y + (line - 10) / 2, 10, 10)
            # A filled rectangle drawn, not fillRect(rect, colour): PySide6 matches that call
            # against fillRect(rect, QGradient.Preset) too, which makes it build QGradient's
            # five enum types (169 presets), ~1% of a whole start's work.
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(self._colour(index, piece))
            painter.drawRect(swatch)
            painter.setPen(text)
            label = f"{piece.label}  {self._format.share(piece.share)}"
            shown = metrics.elidedText(label, Qt.TextElideMode.ElideRight, self.width() - x - 20)
            painter.drawText(QPointF(x + 16, y + (line + metrics.ascent() - metrics.descent()) / 2),
                             shown)
            y += line

    @staticmethod
    def _colour(index: int, piece: Slice) -> QColor:
        if piece.label == OTHER:
            return QColor(OTHER_COLOUR)
        return QColor(SERIES[index % len(SERIES)])
