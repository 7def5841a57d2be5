"""The value over time as a line, drawn with QPainter (like ``allocation_chart``).

It holds every point it is given and shows one range of them (24h, 7d, 30d, 1y, all),
counted back from the newest point, so switching the range needs no new data. The value
at the range's start (the point before it) opens the line, as the value stood then.
Hovering shows the nearest point's exact value and time. With fewer than two points the
chart says when it will start. Pixel positions are floats (geometry only); every value
shown is the exact ``Decimal`` it was given. Text and the background follow the palette;
the line is the palette's highlight, so light and dark themes both read well.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta
from decimal import Decimal

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPalette,
    QPen,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

from walletdesk.ui.formatting import Formatter

RANGES: tuple[tuple[str, timedelta | None], ...] = (
    ("24h", timedelta(hours=24)), ("7d", timedelta(days=7)), ("30d", timedelta(days=30)),
    ("1y", timedelta(days=365)), ("All", None))
EMPTY_TEXT = "The chart starts after the second refresh: refresh again later to see it."
Point = tuple[datetime, Decimal]
_LEFT, _RIGHT, _TOP, _BOTTOM = 84, 16, 12, 26


class NetWorthChart(QWidget):
    def __init__(self, formatter: Formatter, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._format = formatter
        self.money: Callable[[Decimal], str] = formatter.usd
        self._points: tuple[Point, ...] = ()
        self._moments: list[datetime] = []
        self._span: timedelta | None = timedelta(days=7)
        self._shown: tuple[Point, ...] = ()
        self._hover: int | None = None
        self._left = float(_LEFT)  # room for the value labels, set at each paint
        self.setAccessibleName("Value over time")
        self.setMouseTracking(True)
        self.setMinimumHeight(160)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    # --- data ----------------------------------------------------------------------------

    def set_points(self, points: Sequence[Point]) -> None:
        """All points, oldest first."""
        self._points = tuple(points)
        self._moments = [at for at, _ in self._points]
        self._select()

    def set_span(self, span: timedelta | None) -> None:
        """How far back from the newest point to show; None: everything."""
        self._span = span
        self._select()

    def shown_points(self) -> tuple[Point, ...]:
        return self._shown

    def is_empty(self) -> bool:
        return len(self._points) < 2

    def hover_text(self) -> str:
        if self._hover is None:
            return ""
        at, value = self._shown[self._hover]
        return f"{self.money(value)}\n{self._format.when(at)}"

    def _select(self) -> None:
        points = self._points
        if self._span is not None and points:
            start = points[-1][0] - self._span
            first = bisect_left(self._moments, start)
            opening = [(start, points[first - 1][1])] if first > 0 else []
            points = (*opening, *points[first:])
        self._shown = tuple(points)
        self._hover = None
        self._describe()
        self.update()

    def _describe(self) -> None:
        if self.is_empty():
            self.setAccessibleDescription(EMPTY_TEXT)
            return
        (first_at, first), (last_at, last) = self._shown[0], self._shown[-1]
        self.setAccessibleDescription(
            f"From {self.money(first)} on {self._format.when(first_at)} to {self.money(last)} "
            f"on {self._format.when(last_at)}")

    # --- geometry (floats: pixels only) -------------------------------------------------

    def sizeHint(self) -> QSize:
        return QSize(480, 220)

    def _plot(self) -> QRectF:
        return QRectF(self._left, _TOP, max(1, self.width() - self._left - _RIGHT),
                      max(1, self.height() - _TOP - _BOTTOM))

    def _bounds(self) -> tuple[float, float, float, float]:
        times = [at.timestamp() for at, _ in self._shown]
        values = [float(value) for _, value in self._shown]
        low, high = min(values), max(values)
        if high == low:
            low, high = low - 1, high + 1
        return times[0], max(times[-1], times[0] + 1), low, high

    def _xy(self, index: int) -> QPointF:
        plot = self._plot()
        t0, t1, low, high = self._bounds()
        at, value = self._shown[index]
        x = plot.left() + (at.timestamp() - t0) / (t1 - t0) * plot.width()
        y = plot.bottom() - (float(value) - low) / (high - low) * plot.height()
        return QPointF(x, y)

    # --- events --------------------------------------------------------------------------

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self.is_empty() or len(self._shown) < 1:
            return
        x = event.position().x()
        nearest = min(range(len(self._shown)), key=lambda i: abs(self._xy(i).x() - x))
        if nearest != self._hover:
            self._hover = nearest
            self.setToolTip(self.hover_text())
            self.update()

    def leaveEvent(self, event: object) -> None:
        self._hover = None
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        text = palette.color(QPalette.ColorRole.WindowText)
        if self.is_empty():
            painter.setPen(palette.color(QPalette.ColorRole.PlaceholderText))
            painter.drawText(QRectF(self.rect()).adjusted(16, 0, -16, 0),
                             Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, EMPTY_TEXT)
            painter.end()
            return
        self._paint_axes(painter, palette, text)
        self._paint_line(painter, palette.color(QPalette.ColorRole.Highlight))
        if self._hover is not None:
            self._paint_hover(painter, palette, text)
        painter.end()

    def _value_labels(self) -> list[str]:
        _t0, _t1, low, high = self._bounds()
        return [self.money(Decimal(str(round(low + step / 2 * (high - low), 2))))
                for step in range(3)]

    def _paint_axes(self, painter: QPainter, palette: QPalette, text: QColor) -> None:
        labels = self._value_labels()
        metrics = self.fontMetrics()
        self._left = max(float(_LEFT), max(metrics.horizontalAdvance(t) for t in labels) + 14.0)
        plot = self._plot()
        grid = palette.color(QPalette.ColorRole.Mid)
        grid.setAlpha(90)
        for step, label in enumerate(labels):
            y = plot.bottom() - step / 2 * plot.height()
            painter.setPen(QPen(grid, 1))
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            painter.setPen(text)
            painter.drawText(QRectF(0, y - metrics.height() / 2, self._left - 8, metrics.height()),
                             Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, label)
        first, last = self._shown[0][0], self._shown[-1][0]
        baseline = plot.bottom() + 4
        painter.drawText(QRectF(plot.left(), baseline, plot.width(), metrics.height()),
                         Qt.AlignmentFlag.AlignLeft, self._format.when(first))
        painter.drawText(QRectF(plot.left(), baseline, plot.width(), metrics.height()),
                         Qt.AlignmentFlag.AlignRight, self._format.when(last))

    def _paint_line(self, painter: QPainter, colour: QColor) -> None:
        plot = self._plot()
        line = QPainterPath(self._xy(0))
        for index in range(1, len(self._shown)):
            line.lineTo(self._xy(index))
        area = QPainterPath(line)
        area.lineTo(QPointF(self._xy(len(self._shown) - 1).x(), plot.bottom()))
        area.lineTo(QPointF(self._xy(0).x(), plot.bottom()))
        area.closeSubpath()
        fill = QColor(colour)
        fill.setAlpha(40)
        painter.fillPath(area, fill)
        painter.setPen(QPen(colour, 2))
        painter.drawPath(line)

    def _paint_hover(self, painter: QPainter, palette: QPalette, text: QColor) -> None:
        assert self._hover is not None
        plot = self._plot()
        spot = self._xy(self._hover)
        painter.setPen(QPen(palette.color(QPalette.ColorRole.Mid), 1, Qt.PenStyle.DashLine))
        painter.drawLine(QPointF(spot.x(), plot.top()), QPointF(spot.x(), plot.bottom()))
        painter.setBrush(palette.color(QPalette.ColorRole.Highlight))
        painter.drawEllipse(spot, 4, 4)
        lines = self.hover_text().split("\n")
        metrics = self.fontMetrics()
        width = max(metrics.horizontalAdvance(line) for line in lines) + 16
        height = metrics.height() * len(lines) + 10
        x = min(max(spot.x() + 10, plot.left()), plot.right() - width)
        box = QRectF(x, plot.top() + 4, width, height)
        painter.setPen(QPen(palette.color(QPalette.ColorRole.Mid), 1))
        painter.setBrush(palette.color(QPalette.ColorRole.ToolTipBase))
        painter.drawRoundedRect(box, 4, 4)
        painter.setPen(palette.color(QPalette.ColorRole.ToolTipText))
        painter.drawText(box.adjusted(8, 5, -8, -5), Qt.AlignmentFlag.AlignLeft, "\n".join(lines))
