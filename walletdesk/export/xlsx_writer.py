"""Balances as an Excel workbook: one sheet "Balances" of real spreadsheet values.

Amounts and USD values are numeric cells (format ``0.00000000`` and ``#,##0.00000000``),
``priced`` is a boolean cell, ``wallet_updated`` a date-time cell. Excel has no time
zones, so the time is written as naive UTC under the header "wallet_updated (UTC)".
Excel keeps numbers as doubles (15-16 significant digits): an amount such as
9999999999.99999999 is shown rounded. The CSV and JSON exports are the exact formats.
The header is bold, frozen and has an auto-filter. openpyxl is imported here, lazily.

The workbook is built in memory and written to the stream in one piece: no part of the
balance table passes through a shared temporary folder, and a full disk fails that one
write instead of leaving a half-closed zip file behind.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime
from typing import IO, Any

from walletdesk.core.models import Balance
from walletdesk.export.formula_guard import guard_formula
from walletdesk.export.rows import COLUMNS, CellValue, Column, Columns, Kind, utc_seconds

SHEET_TITLE = "Balances"
NUMBER_FORMATS: dict[Kind, str] = {
    Kind.AMOUNT: "0.00000000",
    Kind.USD: "#,##0.00000000",
    Kind.TIMESTAMP: "yyyy-mm-dd hh:mm:ss",
}
MAX_COLUMN_WIDTH = 50
# Control characters that XLSX text cannot hold (openpyxl would refuse the whole file).
_NOT_ALLOWED_IN_XLSX = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def header(column: Column) -> str:
    return f"{column.name} (UTC)" if column.kind is Kind.TIMESTAMP else column.name


def sheet_value(column: Column, balance: Balance) -> CellValue:
    value = column.value(balance)
    if column.kind is Kind.TEXT:
        return guard_formula(_NOT_ALLOWED_IN_XLSX.sub("", str(value)))
    if isinstance(value, datetime):
        return utc_seconds(value).replace(tzinfo=None)
    return value


def column_width(column: Column, balances: Sequence[Balance]) -> float:
    """Wide enough for the header and the longest shown value, within reason."""
    longest = max((_shown_length(column, balance) for balance in balances), default=0)
    return min(max(len(header(column)), longest) + 2, MAX_COLUMN_WIDTH)


def _shown_length(column: Column, balance: Balance) -> int:
    if column.kind is Kind.TIMESTAMP:
        return len("yyyy-mm-dd hh:mm:ss")
    text = column.text(balance)
    if column.kind is Kind.USD:  # thousands separators
        integer_digits = len(text.split(".")[0].lstrip("-"))
        return len(text) + (integer_digits - 1) // 3
    return len(text)


def write_xlsx(balances: Sequence[Balance], out: IO[bytes], columns: Columns = COLUMNS) -> None:
    from walletdesk.export.xlsx_in_memory import save_in_memory

    out.write(save_in_memory(_workbook(balances, columns)))


def _workbook(balances: Sequence[Balance], columns: Columns) -> Any:
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    workbook.properties.creator = "WalletDesk"
    sheet = workbook.active
    sheet.title = SHEET_TITLE
    sheet.freeze_panes = "A2"
    for index, column in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = column_width(column, balances)
    last = f"{get_column_letter(len(columns))}{len(balances) + 1}"
    sheet.auto_filter.ref = f"A1:{last}"

    bold = Font(bold=True)
    for index, column in enumerate(columns, start=1):
        sheet.cell(row=1, column=index, value=header(column)).font = bold
    for row, balance in enumerate(balances, start=2):
        for index, column in enumerate(columns, start=1):
            cell = sheet.cell(row=row, column=index, value=sheet_value(column, balance))
            if column.kind is Kind.TEXT:
                cell.data_type = "s"  # text, never a formula, whatever it looks like
            if column.kind in NUMBER_FORMATS:
                cell.number_format = NUMBER_FORMATS[column.kind]
    return workbook
