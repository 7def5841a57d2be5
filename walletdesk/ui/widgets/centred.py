"""A column of widgets centred in the free space of a screen (first run, sign-in), and the
parts such a screen is made of."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QBoxLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)


def heading(text: str) -> QLabel:
    """The screen's title: large, bold, centred."""
    label = QLabel(text)
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * 1.6)
    font.setBold(True)
    label.setFont(font)
    label.setAlignment(Qt.AlignmentFlag.AlignHCenter)
    return label


def centred_text(text: str = "") -> QLabel:
    """A word-wrapped, centred paragraph."""
    label = QLabel(text)
    label.setWordWrap(True)
    label.setAlignment(Qt.AlignmentFlag.AlignHCenter)
    return label


def button_row(*buttons: QPushButton) -> QHBoxLayout:
    """Buttons side by side in the middle of the row."""
    row = QHBoxLayout()
    row.addStretch(1)
    for button in buttons:
        row.addWidget(button)
    row.addStretch(1)
    return row


def centred_column(parts: list[QWidget | QLayout | int], *, width_stretch: int = 4) -> QBoxLayout:
    """A layout that centres ``parts`` (ints are spacings) horizontally and vertically.

    Word-wrapped labels are added without an alignment flag, so Qt gives them the height
    their wrapped text needs at the column's width.
    """
    column = QVBoxLayout()
    for part in parts:
        if isinstance(part, int):
            column.addSpacing(part)
        elif isinstance(part, QLayout):
            column.addLayout(part)
        else:
            column.addWidget(part)
    row = QHBoxLayout()
    row.addStretch(1)
    row.addLayout(column, width_stretch)
    row.addStretch(1)
    outer = QVBoxLayout()
    outer.addStretch(2)
    outer.addLayout(row)
    outer.addStretch(3)
    return outer
