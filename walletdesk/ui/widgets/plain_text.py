"""Labels and tooltips for text from elsewhere (a sign-in service's name for the user, an
error that quotes a server): shown as written, never interpreted as HTML.

A QLabel in its default AutoText format renders anything that looks like markup, so a name
such as ``<img src=...>`` or ``<a href=...>`` would become an image or a link. Tooltips have
no plain-text switch: the text is escaped inside ``<qt>``, which Qt always reads as rich text.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel


def plain_label(label: QLabel) -> QLabel:
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


def plain_tooltip(text: str) -> str:
    return f"<qt>{escape(text)}</qt>" if text else ""
