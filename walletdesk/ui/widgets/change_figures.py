"""The header's change figures ("24h: +$12.00 (+0.50%)  ·  7d: ..."), each in the colour of
its sign: green for a gain, red for a loss, the palette's own for none (``change_colours``)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from PySide6.QtCore import QEvent
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from walletdesk.ui.change_colours import change_colour

SEPARATOR = "  ·  "


class Figure(NamedTuple):
    text: str  # written with its sign: colour is never the only mark
    sign: int  # 1 gain, -1 loss, 0 none


class ChangeFigures(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._figures: tuple[Figure, ...] = ()
        self._labels: list[QLabel] = []
        self._row = QHBoxLayout(self)
        self._row.setContentsMargins(0, 0, 0, 0)
        self._row.setSpacing(0)
        self._row.addStretch(1)

    def set_figures(self, figures: Sequence[Figure]) -> None:
        self._figures = tuple(figures)
        texts = [part for figure in figures for part in (SEPARATOR, figure.text)][1:]
        while len(self._labels) < len(texts):
            label = QLabel()
            self._row.insertWidget(len(self._labels), label)
            self._labels.append(label)
        for position, label in enumerate(self._labels):
            label.setVisible(position < len(texts))
            label.setText(texts[position] if position < len(texts) else "")
        self.setAccessibleDescription(self.text())
        self._colour()

    def text(self) -> str:
        """The figures as one line of plain text."""
        return SEPARATOR.join(figure.text for figure in self._figures)

    def figure_labels(self) -> list[QLabel]:
        """The labels the figures are written in (every other shown label is a separator)."""
        return [label for label in self._labels if label.isVisibleTo(self)][::2]

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:  # light <-> dark: other colours
            self._colour()

    def _colour(self) -> None:
        background = self.palette().color(QPalette.ColorRole.Window)
        for label, figure in zip(self.figure_labels(), self._figures, strict=False):
            colour = change_colour(figure.sign, background)
            palette = QPalette()  # sets no role of its own: the label inherits the rest
            if colour is not None:
                palette.setColor(QPalette.ColorRole.WindowText, colour)
            label.setPalette(palette)
