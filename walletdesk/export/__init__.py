"""Balance tables exported to files (CSV, XLSX, JSON) and to text for the command line.

Qt-free and cheap to import: a name below is imported from its module when first used, so
the command-line parser (built at every start, the GUI's too) can read ``export.formats``
without loading the writers; openpyxl is imported only when an XLSX file is written.
CSV and JSON are the exact formats (decimal text, exactly as stored); XLSX holds
spreadsheet numbers, which Excel keeps as doubles (15-16 significant digits).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from walletdesk.export.csv_writer import write_csv
    from walletdesk.export.files import default_file_name, export_balances
    from walletdesk.export.formats import FORMAT_NAMES, FORMATS, ExportFormat, export_format
    from walletdesk.export.json_writer import write_json
    from walletdesk.export.rows import COLUMN_NAMES, COLUMNS, format_timestamp, json_record
    from walletdesk.export.table_text import balances_table, render_table
    from walletdesk.export.text_output import TEXT_FORMATS, write_balances_text

_MODULE_OF = {
    "write_csv": "csv_writer",
    "default_file_name": "files", "export_balances": "files",
    "FORMAT_NAMES": "formats", "FORMATS": "formats", "ExportFormat": "formats",
    "export_format": "formats",
    "write_json": "json_writer",
    "COLUMN_NAMES": "rows", "COLUMNS": "rows", "format_timestamp": "rows",
    "json_record": "rows",
    "balances_table": "table_text", "render_table": "table_text",
    "TEXT_FORMATS": "text_output", "write_balances_text": "text_output",
}

__all__ = [
    "COLUMNS",
    "COLUMN_NAMES",
    "FORMATS",
    "FORMAT_NAMES",
    "TEXT_FORMATS",
    "ExportFormat",
    "balances_table",
    "default_file_name",
    "export_balances",
    "export_format",
    "format_timestamp",
    "json_record",
    "render_table",
    "write_balances_text",
    "write_csv",
    "write_json",
]


def __getattr__(name: str) -> Any:
    module = _MODULE_OF.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value
