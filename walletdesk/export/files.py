"""Export formats and the one entry point that writes a balance table to a file."""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial
from pathlib import Path

from walletdesk.core.errors import ValidationError
from walletdesk.core.models import Balance
from walletdesk.export.atomic import Writer, as_text, write_atomically
from walletdesk.export.csv_writer import write_csv
from walletdesk.export.json_writer import write_json
from walletdesk.export.xlsx_writer import write_xlsx

FORMATS: tuple[str, ...] = ("csv", "xlsx", "json")
FORMAT_DESCRIPTIONS: dict[str, str] = {
    "csv": "CSV (comma-separated values)",
    "xlsx": "Excel workbook",
    "json": "JSON",
}


def normalize_format(fmt: str) -> str:
    """``"CSV"``, ``" csv "`` -> ``"csv"``; ValidationError (field "format") if unknown."""
    name = fmt.strip().lower()
    if name not in FORMATS:
        raise ValidationError(
            "format", f"Unknown export format {fmt[:20]!r}: choose one of {', '.join(FORMATS)}."
        )
    return name


def export_balances(balances: Sequence[Balance], fmt: str, path: Path) -> Path:
    """Write ``balances`` (in the given order) to ``path`` atomically; return the file written.

    Raises ValidationError for an unknown format and ExportError when the file cannot be
    written; an existing file at ``path`` is then left untouched.
    """
    return write_atomically(path, _writer(normalize_format(fmt), balances))


def _writer(fmt: str, balances: Sequence[Balance]) -> Writer:
    if fmt == "xlsx":
        return partial(write_xlsx, balances)
    if fmt == "json":
        return as_text(partial(write_json, balances))
    return as_text(partial(write_csv, balances))
