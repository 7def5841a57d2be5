"""The window's colours: the system's, or light or dark whatever the system says.

Light and dark use Qt's Fusion style with a palette of their own (Fusion draws every
widget from the palette); "system" puts back the style and palette the app started with.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

THEMES = ("system", "light", "dark")
_DARK = {
    QPalette.ColorRole.Window: "#2b2b2b", QPalette.ColorRole.WindowText: "#e6e6e6",
    QPalette.ColorRole.Base: "#1e1e1e", QPalette.ColorRole.AlternateBase: "#262626",
    QPalette.ColorRole.Text: "#e6e6e6", QPalette.ColorRole.Button: "#353535",
    QPalette.ColorRole.ButtonText: "#e6e6e6", QPalette.ColorRole.Highlight: "#3d6fb4",
    QPalette.ColorRole.HighlightedText: "#ffffff", QPalette.ColorRole.PlaceholderText: "#8a8a8a",
    QPalette.ColorRole.Mid: "#555555", QPalette.ColorRole.ToolTipBase: "#353535",
    QPalette.ColorRole.ToolTipText: "#e6e6e6", QPalette.ColorRole.Link: "#8ab4f8",
}


class ThemeSwitch:
    def __init__(self, app: QApplication) -> None:
        self._app = app
        self._system_style = app.style().name()
        self._system_palette = QPalette(app.palette())
        self.current = "system"

    def apply(self, theme: str) -> None:
        if theme not in THEMES:
            theme = "system"
        if theme == self.current:
            # Already so (a start in the system's colours): setting the style again would
            # make a new style object and polish every widget with it, ~0.7% of a start.
            return
        app = self._app
        if theme == "system":
            app.setStyle(self._system_style)
            app.setPalette(self._system_palette)
        else:
            app.setStyle("Fusion")
            app.setPalette(dark_palette() if theme == "dark" else app.style().standardPalette())
        self.current = theme


def dark_palette() -> QPalette:
    palette = QPalette()
    for role, colour in _DARK.items():
        palette.setColor(role, QColor(colour))
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.WindowText,
                 QPalette.ColorRole.ButtonText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor("#7a7a7a"))
    return palette
