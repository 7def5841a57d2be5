"""A column of widgets centred in the free space of a screen (first run, sign-in)."""

from __future__ import annotations

from PySide6.QtWidgets import QBoxLayout, QHBoxLayout, QLayout, QVBoxLayout, QWidget


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
