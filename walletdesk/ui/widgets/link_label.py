"""A rich-text label whose links are drawn in the palette's link colour, readable on it.

Two things go wrong with a plain rich-text QLabel: Qt fixes the link colour when the text
is set, so a label made before a theme switch keeps the old palette's blue; and a custom
dark palette that sets no Link colour keeps Qt's default dark blue (#0000ff on #2b2b2b is a
contrast of 1.6:1). So the link is drawn again whenever the palette changes, in the
palette's Link colour, lightened (or darkened) until it reads on the window's colour.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QLabel, QWidget

MIN_CONTRAST = 4.5  # WCAG 2's minimum for normal text


class LinkLabel(QLabel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenExternalLinks(True)
        # One short line: a word-wrapped label is given room for two lines in a form and
        # shows a blank line around its one.
        self.setTextFormat(Qt.TextFormat.RichText)
        self._html = ""

    def set_link(self, url: str, text: str) -> None:
        """Show ``text`` linking to ``url``; an empty ``url`` shows nothing."""
        self.set_html(f'<a href="{escape(url, quote=True)}">{escape(text)}</a>' if url else "")

    def set_html(self, html: str) -> None:
        """Show ``html`` (already escaped where it quotes anything); its ``<a`` tags get the
        colour."""
        self._html = html
        self._render()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.StyleChange):
            self._render()

    def _render(self) -> None:
        colour = readable_link_colour(self.palette()).name()
        self.setText(self._html.replace("<a ", f'<a style="color: {colour}" '))


def readable_link_colour(palette: QPalette) -> QColor:
    """The palette's link colour, moved towards white on a dark window (black on a light
    one) in small steps until it has ``MIN_CONTRAST`` against the window colour."""
    link = palette.color(QPalette.ColorRole.Link)
    window = palette.color(QPalette.ColorRole.Window)
    towards = QColor("#ffffff") if _luminance(window) < 0.5 else QColor("#000000")
    for step in range(11):
        mixed = _mix(link, towards, step / 10)
        if contrast(mixed, window) >= MIN_CONTRAST:
            return mixed
    return towards


def _mix(a: QColor, b: QColor, share: float) -> QColor:
    return QColor(round(a.red() + (b.red() - a.red()) * share),
                  round(a.green() + (b.green() - a.green()) * share),
                  round(a.blue() + (b.blue() - a.blue()) * share))


def _luminance(colour: QColor) -> float:
    """WCAG 2's relative luminance."""
    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    return (0.2126 * channel(colour.redF()) + 0.7152 * channel(colour.greenF())
            + 0.0722 * channel(colour.blueF()))


def contrast(a: QColor, b: QColor) -> float:
    lighter, darker = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)
