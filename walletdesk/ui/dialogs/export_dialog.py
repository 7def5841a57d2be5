"""The export dialog: format, scope and file (layout only; see presenters.export_flow)."""

from __future__ import annotations

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from walletdesk.export.formats import FORMATS
from walletdesk.ui.dialogs.field_message import FieldMessage, buddy_label

SHOWN, EVERYTHING = "shown", "everything"


class ExportDialog(QDialog):
    def __init__(self, shown: int, everything: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export balances")
        self.setMinimumWidth(480)
        self.formats = QButtonGroup(self)
        format_box = QVBoxLayout()
        for index, fmt in enumerate(FORMATS):
            button = QRadioButton(fmt.label)
            button.setAccessibleName(fmt.label)
            self.formats.addButton(button, index)
            format_box.addWidget(button)
        self.formats.button(0).setChecked(True)
        locale = QLocale()
        self.scope_shown = QRadioButton(f"What the table shows ({locale.toString(shown)} "
                                        "balances)")
        self.scope_all = QRadioButton(f"Everything ({locale.toString(everything)} balances)")
        self.scope_shown.setChecked(True)
        scope_box = QVBoxLayout()
        scope_box.addWidget(self.scope_shown)
        scope_box.addWidget(self.scope_all)
        self.path = QLineEdit()
        self.path.setAccessibleName("Export file")
        self.browse = QPushButton("Choose…")
        self.browse.setAccessibleName("Choose the export file")
        self.problem = FieldMessage("Export")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.export = self.buttons.addButton("Export", QDialogButtonBox.ButtonRole.AcceptRole)
        self.export.setDefault(True)
        self.buttons.rejected.connect(self.reject)

        file_row = QHBoxLayout()
        file_row.addWidget(self.path, 1)
        file_row.addWidget(self.browse)
        form = QFormLayout()
        form.addRow("Format:", format_box)
        form.addRow("Rows:", scope_box)
        form.addRow(buddy_label("&File:", self.path), file_row)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)

    def set_busy(self, busy: bool) -> None:
        """While the file is written: nothing to change, nothing to press twice."""
        for widget in (self.export, self.browse, self.path, *self.formats.buttons(),
                       self.scope_shown, self.scope_all):
            widget.setEnabled(not busy)
        self.export.setText("Exporting…" if busy else "Export")

    def chosen_format(self) -> str:
        return FORMATS[max(self.formats.checkedId(), 0)].name

    def chosen_scope(self) -> str:
        return EVERYTHING if self.scope_all.isChecked() else SHOWN
