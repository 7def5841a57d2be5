"""Balances as CSV: RFC 4180 (CRLF, quoting as needed), UTF-8 without a byte order mark,
one header row, exact decimal text, text cells guarded against formula injection.

No BOM: scripts and most tools read plain UTF-8, and a BOM would end up inside the first
header name for them. Excel users who want non-ASCII asset names shown right choose XLSX.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import TextIO

from walletdesk.core.models import Balance
from walletdesk.export.formula_guard import guard_formula
from walletdesk.export.rows import COLUMNS, Columns, Kind


def csv_row(balance: Balance, columns: Columns = COLUMNS) -> list[str]:
    return [
        guard_formula(column.text(balance)) if column.kind is Kind.TEXT else column.text(balance)
        for column in columns
    ]


def write_csv(balances: Iterable[Balance], out: TextIO, columns: Columns = COLUMNS) -> None:
    """Write to a text stream opened with ``newline=""`` (the rows end in CRLF themselves)."""
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([column.name for column in columns])
    for balance in balances:
        writer.writerow(csv_row(balance, columns))
