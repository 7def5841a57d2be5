"""The History tab: range buttons and an asset choice above the value chart, and the
selected asset's detail pane beside it. Layout only: ``HistoryPresenter`` fills it."""

from __future__ import annotations

from PySide6.QtCore import QStringListModel, Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMenu,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from walletdesk.ui.formatting import Formatter
from walletdesk.ui.widgets.net_worth_chart import RANGES, NetWorthChart

PORTFOLIO_CHOICE = "Whole portfolio"


class HistoryView(QWidget):
    def __init__(self, formatter: Formatter, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ranges = QButtonGroup(self)
        bar = QHBoxLayout()
        for index, (label, _span) in enumerate(RANGES):
            button = QToolButton()
            button.setText(label)
            button.setCheckable(True)
            button.setAutoRaise(True)  # only the chosen range is drawn as a button
            button.setAccessibleName(f"Show {label}")
            self.ranges.addButton(button, index)
            bar.addWidget(button)
        bar.addStretch(1)
        self.forget = QToolButton()
        self.forget.setText("Delete history…")
        self.forget.setToolTip("Delete the history of an exchange whose keys you removed")
        self.forget.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.forget.setMenu(QMenu(self.forget))
        self.forget.setVisible(False)
        bar.addWidget(self.forget)
        self.export = QToolButton()
        self.export.setText("Export history…")
        self.export.setToolTip("Write the series shown (all its points) as CSV, XLSX or JSON")
        self.export.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.export.setMenu(QMenu(self.export))
        bar.addWidget(self.export)
        # Its items in a string list: 10,000 assets as QStandardItems (addItems) cost the
        # first paint ~2 ms more.
        self.assets = QStringListModel([PORTFOLIO_CHOICE], self)
        self.asset = QComboBox()
        self.asset.setModel(self.assets)
        self.asset.setAccessibleName("Asset shown")
        # Sized by 16 characters, not by its items: measuring each of 10,000 asset names
        # (Qt's default policy) cost the first paint ~17 ms; a longer name elides.
        self.asset.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.asset.setMinimumContentsLength(16)
        bar.addWidget(QLabel("Show:"))
        bar.addWidget(self.asset)
        self.chart = NetWorthChart(formatter)
        self.detail = AssetDetail()
        body = QHBoxLayout()
        body.addWidget(self.chart, 1)
        body.addWidget(self.detail, 0)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addLayout(bar)
        layout.addLayout(body, 1)


class AssetDetail(QFrame):
    """The selected asset: amount and value, price and its route, amount per exchange."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAccessibleName("Asset detail")
        self.setMinimumWidth(240)
        self.title = QLabel()
        font = self.title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.3)
        self.title.setFont(font)
        self.amount, self.value, self.price, self.route, self.places = (
            _value_label() for _ in range(5))
        form = QFormLayout()
        form.addRow("Amount", self.amount)
        form.addRow("Value", self.value)
        form.addRow("Price", self.price)
        form.addRow("Priced by", self.route)
        form.addRow("Held on", self.places)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addLayout(form)
        layout.addStretch(1)


def _value_label() -> QLabel:
    label = QLabel("—")
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label
