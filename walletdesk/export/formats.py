"""The export formats, each described once: the export dialog, its file chooser, the
``export``/``balances`` commands and the file writer all read this list.

Cheap to import (the command-line parser reads the names at every start): each writer is
imported when a file is written.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import IO, TYPE_CHECKING, TextIO

from walletdesk.core.errors import ValidationError
from walletdesk.core.models import Balance

if TYPE_CHECKING:
    from walletdesk.export.rows import Columns

TextWriter = Callable[[Sequence[Balance], TextIO, "Columns"], None]
ByteWriter = Callable[[Sequence[Balance], IO[bytes], "Columns"], None]
"""Writers take the columns to write: ``export.rows.with_currency`` may add two."""


@dataclass(frozen=True, slots=True)
class ExportFormat:
    name: str  # also the file suffix and the command line's --format value
    label: str  # the export dialog's choice
    file_filter: str  # the file chooser's filter
    write: ByteWriter
    write_text: TextWriter | None = None  # for formats that are text: printed by `balances`

    @property
    def suffix(self) -> str:
        return f".{self.name}"


def _csv_text(balances: Sequence[Balance], out: TextIO, columns: Columns) -> None:
    from walletdesk.export.csv_writer import write_csv

    write_csv(balances, out, columns)


def _json_text(balances: Sequence[Balance], out: TextIO, columns: Columns) -> None:
    from walletdesk.export.json_writer import write_json

    write_json(balances, out, columns)


def _as_bytes(write_text: TextWriter) -> ByteWriter:
    def write(balances: Sequence[Balance], out: IO[bytes], columns: Columns) -> None:
        from walletdesk.export.atomic import as_text

        as_text(lambda text: write_text(balances, text, columns))(out)

    return write


def _xlsx(balances: Sequence[Balance], out: IO[bytes], columns: Columns) -> None:
    from walletdesk.export.xlsx_writer import write_xlsx

    write_xlsx(balances, out, columns)


FORMATS: tuple[ExportFormat, ...] = (
    ExportFormat("csv", "CSV (spreadsheets, exact text)", "CSV files (*.csv)",
                 _as_bytes(_csv_text), _csv_text),
    ExportFormat("xlsx", "Excel workbook (XLSX)", "Excel workbooks (*.xlsx)", _xlsx),
    ExportFormat("json", "JSON", "JSON files (*.json)", _as_bytes(_json_text), _json_text),
)
FORMAT_NAMES: tuple[str, ...] = tuple(f.name for f in FORMATS)
SUFFIXES: frozenset[str] = frozenset(f.suffix for f in FORMATS)

_BY_NAME = {f.name: f for f in FORMATS}


def export_format(name: str) -> ExportFormat:
    """``"CSV"``, ``" csv "`` -> the CSV format; ValidationError (field "format") if unknown."""
    found = _BY_NAME.get(name.strip().lower())
    if found is None:
        raise ValidationError(
            "format",
            f"Unknown export format {name[:20]!r}: choose one of {', '.join(FORMAT_NAMES)}.",
        )
    return found
