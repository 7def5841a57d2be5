"""Balances printed by the CLI (``balances --format table|csv|json``) to a text stream."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TextIO

from walletdesk.core.errors import ValidationError
from walletdesk.core.models import Balance
from walletdesk.export.csv_writer import write_csv
from walletdesk.export.json_writer import write_json
from walletdesk.export.table_text import balances_table

TEXT_FORMATS: tuple[str, ...] = ("table", "csv", "json")


def write_balances_text(balances: Sequence[Balance], fmt: str, out: TextIO) -> None:
    """Write the same bytes as the CSV/JSON export files, or an aligned table for people.

    CSV rows end in CRLF (RFC 4180): on Windows ``out`` should not translate newlines.
    """
    if fmt == "table":
        out.write(balances_table(balances) + "\n")
    elif fmt == "csv":
        write_csv(balances, out)
    elif fmt == "json":
        write_json(balances, out)
    else:
        raise ValidationError("format", f"Unknown format {fmt[:20]!r}: choose table, csv or json.")
