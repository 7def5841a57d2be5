"""A history table written as CSV, JSON or XLSX (to a file or a stream), or as a text table.

Each format follows its balance counterpart: CSV is RFC 4180 with CRLF and guarded text
cells (``csv_writer``), JSON an indented array of objects of strings (``json_writer``),
XLSX one sheet of numeric and date-time cells with the time as naive UTC
(``xlsx_writer``). openpyxl is imported only when a workbook is written.
"""

from __future__ import annotations

import csv
import json
import logging
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import IO, Any, TextIO

from walletdesk.core.errors import ValidationError
from walletdesk.export.atomic import Writer, as_text, write_atomically
from walletdesk.export.formats import export_format
from walletdesk.export.formula_guard import guard_formula
from walletdesk.export.history_table import HistoryTable
from walletdesk.export.rows import Kind, utc_seconds
from walletdesk.export.table_text import history_text

_log = logging.getLogger(__name__)
SHEET_TITLE = "History"


def write_history_csv(table: HistoryTable, out: TextIO) -> None:
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(table.names)
    kinds = [column.kind for column in table.columns]
    for row in table.text_rows():
        writer.writerow([guard_formula(text) if kind is Kind.TEXT else text
                         for kind, text in zip(kinds, row, strict=True)])


def write_history_json(table: HistoryTable, out: TextIO) -> None:
    json.dump([dict(zip(table.names, row, strict=True)) for row in table.text_rows()], out,
              indent=2, ensure_ascii=False)
    out.write("\n")


def write_history_xlsx(table: HistoryTable, out: IO[bytes]) -> None:
    from walletdesk.export.xlsx_in_memory import save_in_memory

    out.write(save_in_memory(_workbook(table)))


def write_history_text(table: HistoryTable, fmt: str, out: TextIO) -> None:
    """``history --format table|csv|json`` on a text stream."""
    if fmt == "table":
        kinds = [column.kind for column in table.columns]
        out.write(history_text(table.names, kinds, table.rows) + "\n")
    elif fmt == "csv":
        write_history_csv(table, out)
    elif fmt == "json":
        write_history_json(table, out)
    else:
        raise ValidationError("format", f"Unknown format {fmt[:20]!r}: choose table, csv or json.")


def export_history(table: HistoryTable, fmt: str, path: Path, *, replace: bool = False) -> Path:
    """Write ``table`` as ``fmt`` (csv, xlsx, json) to ``path`` atomically (``export.atomic``).

    An existing file is replaced only with ``replace=True``, as in ``export_balances``.
    """
    name = export_format(fmt).name  # the balance export's formats, names and checks
    written = write_atomically(path, _writer(name, table), replace=replace)
    _log.info("Exported %d history points as %s to %s", len(table), name, written)
    return written


def _writer(fmt: str, table: HistoryTable) -> Writer:
    if fmt == "xlsx":
        return partial(write_history_xlsx, table)
    if fmt == "json":
        return as_text(partial(write_history_json, table))
    return as_text(partial(write_history_csv, table))


def _workbook(table: HistoryTable) -> Any:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    from walletdesk.export.xlsx_writer import NUMBER_FORMATS

    workbook = Workbook()
    workbook.properties.creator = "WalletDesk"
    sheet = workbook.active
    sheet.title = SHEET_TITLE
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    for index, column in enumerate(table.columns, start=1):
        name = f"{column.name} (UTC)" if column.kind is Kind.TIMESTAMP else column.name
        sheet.cell(row=1, column=index, value=name).font = bold
    for row_number, row in enumerate(table.rows, start=2):
        for index, (column, value) in enumerate(zip(table.columns, row, strict=True), start=1):
            cell = sheet.cell(row=row_number, column=index, value=_sheet_value(column.kind, value))
            if column.kind is Kind.TEXT:
                cell.data_type = "s"
            if column.kind in NUMBER_FORMATS:
                cell.number_format = NUMBER_FORMATS[column.kind]
    return workbook


def _sheet_value(kind: Kind, value: object) -> object:
    if isinstance(value, datetime):
        return utc_seconds(value).replace(tzinfo=None)
    if kind is Kind.TEXT:
        return guard_formula(str(value))
    return value
