"""Balance tables exported to files (CSV, XLSX, JSON) and to text for the command line.

Qt-free and cheap to import: openpyxl is imported only when an XLSX file is written.
CSV and JSON are the exact formats (decimal text, exactly as stored); XLSX holds
spreadsheet numbers, which Excel keeps as doubles (15-16 significant digits).
"""

from walletdesk.export.csv_writer import render_csv, write_csv
from walletdesk.export.files import default_file_name, export_balances
from walletdesk.export.formats import FORMAT_NAMES, FORMATS, ExportFormat, export_format
from walletdesk.export.json_writer import render_json, write_json
from walletdesk.export.rows import COLUMN_NAMES, COLUMNS, format_timestamp, json_record
from walletdesk.export.table_text import balances_table, render_table
from walletdesk.export.text_output import TEXT_FORMATS, write_balances_text

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
    "render_csv",
    "render_json",
    "render_table",
    "write_balances_text",
    "write_csv",
    "write_json",
]
