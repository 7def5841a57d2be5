"""WalletDesk's own icons as ``QIcon``s: the application icon and the toolbar's line icons,
drawn in the palette's text colour so they read on light and dark themes alike."""

from __future__ import annotations

from PySide6.QtGui import QIcon, QPalette, QPixmap
from PySide6.QtWidgets import QApplication

from walletdesk.resources import app_icon_paths, icon_svg

_TOOLBAR_SIZES = (24, 48)  # the 48 px pixmap serves high-DPI screens


def app_icon() -> QIcon:
    icon = QIcon()
    for path in app_icon_paths():
        icon.addFile(str(path))
    return icon


def toolbar_icon(name: str) -> QIcon:
    """A toolbar icon; disabled actions get Qt's greyed-out variant of it."""
    color = QApplication.palette().color(QPalette.ColorRole.WindowText).name()
    data = icon_svg(name, color)
    icon = QIcon()
    for size in _TOOLBAR_SIZES:
        pixmap = QPixmap(size, size)
        if pixmap.loadFromData(data, "SVG"):
            icon.addPixmap(pixmap)
    return icon
