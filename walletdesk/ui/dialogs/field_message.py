"""A small label under a form field that shows what is wrong with it (or nothing)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

_MARK = "⚠ "


class FieldMessage(QLabel):
    def __init__(self, field_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setAccessibleName(f"{field_name} problem")
        self.setVisible(False)

    def show_message(self, message: str | None) -> None:
        self.setText(_MARK + message if message else "")
        self.setVisible(bool(message))
        if message:
            _make_room(self.window())

    def message(self) -> str:
        return self.text().removeprefix(_MARK)


def buddy_label(text: str, buddy: QWidget) -> QLabel:
    """A form label whose mnemonic (``&``) moves the focus to ``buddy``."""
    label = QLabel(text)
    label.setBuddy(buddy)
    return label


def _make_room(window: QWidget) -> None:
    """Grow the dialog so a message that just appeared is not clipped (never shrink it)."""
    layout = window.layout()
    if layout is None or not window.isVisible():
        return
    layout.activate()
    needed = (layout.totalHeightForWidth(window.width()) if layout.hasHeightForWidth()
              else layout.totalSizeHint().height())
    if needed > window.height():
        window.resize(window.width(), needed)
