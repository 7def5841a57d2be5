"""View > Display currency: USD, or one other currency the values are also shown in."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMenu, QWidget

from walletdesk.core.currency import DISPLAY_CURRENCIES, USD


def currency_label(code: str) -> str:
    """How a display-currency choice reads in the menu and in Settings."""
    return "US dollar only (USD)" if code == USD else code


class CurrencyMenu(QMenu):
    chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Display &currency", parent)
        self._group = QActionGroup(self)
        self._group.setExclusive(True)
        self.choices: dict[str, QAction] = {}
        for code in DISPLAY_CURRENCIES:
            action = QAction(currency_label(code), self)
            action.setCheckable(True)
            action.triggered.connect(lambda _checked=False, c=code: self.chosen.emit(c))
            self._group.addAction(action)
            self.addAction(action)
            self.choices[code] = action
        self.choices[USD].setChecked(True)

    def show_choice(self, code: str) -> None:
        self.choices[code].setChecked(True)
