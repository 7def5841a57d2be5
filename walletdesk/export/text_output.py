"""Balances printed by the CLI (``balances --format table|csv|json``) to a text stream."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TextIO

from walletdesk.core.currency import Rate, display_places
from walletdesk.core.errors import ValidationError
from walletdesk.core.models import Balance
from walletdesk.core.totals import split_totals
from walletdesk.export.formats import FORMATS
from walletdesk.export.rows import with_currency
from walletdesk.export.table_text import balances_table

TABLE = "table"
_TEXT_WRITERS = {f.name: f.write_text for f in FORMATS if f.write_text is not None}
TEXT_FORMATS: tuple[str, ...] = (TABLE, *_TEXT_WRITERS)


def write_balances_text(balances: Sequence[Balance], fmt: str, out: TextIO,
                        rate: Rate | None = None) -> None:
    """Write the same bytes as the CSV/JSON export files, or an aligned table for people.

    CSV rows end in CRLF (RFC 4180): on Windows ``out`` should not translate newlines.
    """
    name = fmt.strip().lower()
    if name == TABLE:
        out.write(balances_table(balances) + "\n")
        if rate is not None:
            out.write(rate_line(balances, rate) + "\n")
        return
    write = _TEXT_WRITERS.get(name)
    if write is None:
        raise ValidationError(
            "format", f"Unknown format {fmt[:20]!r}: choose one of {', '.join(TEXT_FORMATS)}.")
    write(balances, out, with_currency(rate))


def rate_line(balances: Sequence[Balance], rate: Rate) -> str:
    """Under the people's table: the total (demo money apart, as in the table's total line)
    in the display currency, and the rate used."""
    totals = split_totals(balances)
    total = rate.convert(totals.demo if totals.demo_only else totals.real)
    return (f"In {rate.currency}: {total:,.{display_places(rate.currency)}f} "
            f"({rate.per_usd:f} {rate.currency} per USD, {rate.source}, {rate.as_of})")
