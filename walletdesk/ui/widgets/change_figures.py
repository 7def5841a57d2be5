"""The header's change figures ("24h: +$12.00 (+0.50%)  ·  7d: ..."), each in the colour of
its sign: green for a gain, red for a loss, the palette's own for none (``change_colours``).

One word-wrapped label: in a narrow window the second figure moves to a line of its own
instead of holding the window wide.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from walletdesk.ui.change_colours import change_colour

SEPARATOR = "  ·  "


def _escape(text: str) -> str:
    """For Qt's rich text ("< 0.01 EUR" has a "<"); the html module would load its table of
    2,000 named entities at the first paint."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class Figure(NamedTuple):
    text: str  # written with its sign: colour is never the only mark
    sign: int  # 1 gain, -1 loss, 0 none


class ChangeFigures(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._figures: tuple[Figure, ...] = ()
        self.label = QLabel()
        self.label.setTextFormat(Qt.TextFormat.RichText)
        self.label.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)

    def set_figures(self, figures: Sequence[Figure]) -> None:
        self._figures = tuple(figures)
        self.setAccessibleDescription(self.text())
        self._write()

    def text(self) -> str:
        """The figures as one line of plain text."""
        return SEPARATOR.join(figure.text for figure in self._figures)

    def colours(self) -> list[QColor | None]:
        """Each figure's colour on the current palette (None: the palette's text colour)."""
        background = self.palette().color(QPalette.ColorRole.Window)
        return [change_colour(figure.sign, background) for figure in self._figures]

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:  # light <-> dark: other colours
            self._write()

    def _write(self) -> None:
        parts = []
        for figure, colour in zip(self._figures, self.colours(), strict=True):
            text = _escape(figure.text).replace(" ", "&nbsp;")  # a figure wraps as one word
            parts.append(text if colour is None
                         else f'<span style="color:{colour.name()}">{text}</span>')
        self.label.setText(_escape(SEPARATOR).replace("  ", "&nbsp; ").join(parts))
