"""A small label under a form field that shows what is wrong with it (or nothing)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel, QLineEdit, QStyle, QWidget

_MARK = "⚠ "
_GROWN_FROM = "fieldMessageGrownFrom"  # the window's height before a message made it grow


class FieldMessage(QLabel):
    """What is wrong with one field, in plain words; hidden when nothing is.

    ``marks``: the field it is about. The message is then meant for one place below the
    form, named ("API key: …"), and the field shows a warning sign at its end with the
    message as its tooltip: the fields never move when a message comes or goes (a click
    aimed at one would land in another), and no room is kept under each field for a message
    that is not there.
    """

    def __init__(self, field_name: str, parent: QWidget | None = None, *,
                 marks: QLineEdit | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setVisible(False)
        self._message = ""
        self._marked = marks
        self._mark: QAction | None = None
        if marks is not None:
            icon = marks.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
            self._mark = marks.addAction(icon, QLineEdit.ActionPosition.TrailingPosition)
            self._mark.setVisible(False)
        self.set_field_name(field_name)

    def set_field_name(self, field_name: str) -> None:
        """The field's name as its form label says it now (it may follow the exchange)."""
        self._field_name = field_name
        self.setAccessibleName(f"{field_name} problem")
        self._show()

    def show_message(self, message: str | None) -> None:
        window = self.window()
        before = window.height()  # Qt may grow the window as soon as the label shows
        self._message = message or ""
        self._show()
        fit_grown(window, before)

    def message(self) -> str:
        return self._message

    def _show(self) -> None:
        message = self._message
        named = f"{self._field_name}: {message}" if self._marked is not None else message
        self.setText(_MARK + named if message else "")
        self.setVisible(bool(message))
        if self._mark is not None and self._marked is not None:
            self._mark.setVisible(bool(message))
            self._mark.setToolTip(message)
            self._marked.setAccessibleDescription(message)


def buddy_label(text: str, buddy: QWidget) -> QLabel:
    """A form label whose mnemonic (``&``) moves the focus to ``buddy``."""
    label = QLabel(text)
    label.setBuddy(buddy)
    return label


def needed_height(window: QWidget) -> int | None:
    """The height the window's content needs at its present width (None: no layout)."""
    layout = window.layout()
    if layout is None:
        return None
    layout.activate()
    return (layout.totalHeightForWidth(window.width()) if layout.hasHeightForWidth()
            else layout.totalSizeHint().height())


def fit_height(window: QWidget) -> None:
    """Give the window the height its content needs now (rows came or went)."""
    needed = needed_height(window)
    if window.isVisible() and needed is not None:
        window.setProperty(_GROWN_FROM, 0)
        window.resize(window.width(), needed)


def fit_grown(window: QWidget, before: int) -> None:
    """Grow the dialog so a message that just appeared is not clipped, and shrink it back
    (never below the height it had, ``before``, which may be the user's) once the messages
    need less."""
    if not window.isVisible() or (needed := needed_height(window)) is None:
        return
    grown_from = int(window.property(_GROWN_FROM) or 0)
    if needed > before:
        if not grown_from:
            window.setProperty(_GROWN_FROM, before)
        window.resize(window.width(), needed)
    elif grown_from:
        window.resize(window.width(), max(needed, grown_from))
        if needed <= grown_from:
            window.setProperty(_GROWN_FROM, 0)
