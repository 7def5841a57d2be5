"""A small label under a form field that shows what is wrong with it (or nothing)."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QLabel, QWidget

_MARK = "⚠ "
_GROWN_FROM = "fieldMessageGrownFrom"  # the window's height before a message made it grow


class FieldMessage(QLabel):
    def __init__(self, field_name: str, parent: QWidget | None = None, *,
                 reserve_lines: int = 0) -> None:
        """``reserve_lines``: lay out ``room`` (not the message), which keeps that many lines
        while the message is hidden, so the fields below do not move when a message comes or
        goes (a click aimed at one field would land in another). A QFormLayout ignores a
        hidden widget's retained size, hence a room that stays visible."""
        super().__init__(parent)
        self.setWordWrap(True)
        self.setAccessibleName(f"{field_name} problem")
        self.setVisible(False)
        self.room: QWidget = _Room(self, reserve_lines) if reserve_lines else self

    def show_message(self, message: str | None) -> None:
        self.setText(_MARK + message if message else "")
        self.setVisible(bool(message))
        self.room.updateGeometry()
        _fit(self.window())

    def message(self) -> str:
        return self.text().removeprefix(_MARK)


class _Room(QWidget):
    """Keeps ``lines`` lines for its message, shown or not, and grows to a longer one's height
    at the width it is given (a wrapped label's own size hint guesses a narrower width)."""

    def __init__(self, message: QLabel, lines: int) -> None:
        super().__init__(message.parentWidget())
        message.setParent(self)
        self._message = message
        self.setMinimumHeight(lines * message.fontMetrics().lineSpacing())

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        shown = self._message.isVisibleTo(self)
        return max(self.minimumHeight(), self._message.heightForWidth(width) if shown else 0)

    def sizeHint(self) -> QSize:
        return QSize(self._message.sizeHint().width(), self.heightForWidth(self.width()))

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._message.setGeometry(0, 0, self.width(), self.heightForWidth(self.width()))
        super().resizeEvent(event)


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


def _fit(window: QWidget) -> None:
    """Grow the dialog so a message that just appeared is not clipped, and shrink it back
    (never below the height it had, which may be the user's) once the messages need less."""
    if not window.isVisible() or (needed := needed_height(window)) is None:
        return
    grown_from = int(window.property(_GROWN_FROM) or 0)
    if needed > window.height():
        if not grown_from:
            window.setProperty(_GROWN_FROM, window.height())
        window.resize(window.width(), needed)
    elif grown_from:
        window.resize(window.width(), max(needed, grown_from))
        if needed <= grown_from:
            window.setProperty(_GROWN_FROM, 0)
