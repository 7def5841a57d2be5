"""Colours for gains and losses, readable on light and dark backgrounds.

Colour is never the only mark: every change is written with its sign ("+2.35 %", "-$101.00"),
so a reader who cannot tell green from red loses nothing. Each colour keeps a contrast of at
least 4.5:1 (WCAG AA) on the light palette's base and window (#ffffff, #efefef) and on the
dark one's (#1e1e1e, #2b2b2b).
"""

from __future__ import annotations

from PySide6.QtGui import QColor

_ON_LIGHT = {1: "#176f30", -1: "#b71c1c"}  # 5.4:1 and 5.7:1 at the least
_ON_DARK = {1: "#6cc070", -1: "#ff8a80"}  # 6.3:1 and 6.2:1 at the least


def change_colour(sign: int, background: QColor) -> QColor | None:
    """The text colour of a change whose sign is ``sign`` (0: none, the palette's own)."""
    colours = _ON_DARK if background.lightness() < 128 else _ON_LIGHT
    colour = colours.get(sign)
    return None if colour is None else QColor(colour)
