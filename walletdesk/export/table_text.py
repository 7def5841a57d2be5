"""Plain-text tables for a terminal: columns aligned by display width.

Generic (headers and rows of strings) so that every CLI table looks the same; the
balance table right-aligns its numbers. Control and format characters (which could move
the cursor or reorder text in a terminal) are shown as "?". Lines carry no trailing
spaces and the text has no final newline.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Collection, Iterable, Sequence

from walletdesk.core.models import Balance
from walletdesk.export.rows import COLUMN_NAMES, COLUMNS, Kind, text_row

GAP = "  "


def render_table(
    headers: Sequence[str],
    rows: Iterable[Sequence[str]],
    *,
    right_aligned: Collection[int] = (),
) -> str:
    """Headers, a dashed rule, then the rows; ``right_aligned`` holds column indexes."""
    lines = [[_printable(cell) for cell in row] for row in [headers, *rows]]
    widths = [max(display_width(line[i]) for line in lines) for i in range(len(headers))]
    lines.insert(1, ["-" * width for width in widths])
    return "\n".join(
        GAP.join(
            _pad(cell, width, right=i in right_aligned) for i, (cell, width) in
            enumerate(zip(line, widths, strict=True))
        ).rstrip()
        for line in lines
    )


def balances_table(balances: Iterable[Balance]) -> str:
    """The CLI's ``balances --format table``: the export columns, numbers right-aligned."""
    numeric = {i for i, column in enumerate(COLUMNS) if column.kind in (Kind.AMOUNT, Kind.USD)}
    return render_table(COLUMN_NAMES, (text_row(b) for b in balances), right_aligned=numeric)


def display_width(text: str) -> int:
    """Terminal columns: East Asian wide characters take two, combining marks none."""
    return sum(
        0 if unicodedata.combining(ch) else 2 if unicodedata.east_asian_width(ch) in "WF" else 1
        for ch in text
    )


def _printable(text: str) -> str:
    return "".join("?" if unicodedata.category(ch).startswith("C") else ch for ch in text)


def _pad(text: str, width: int, *, right: bool) -> str:
    padding = " " * (width - display_width(text))
    return padding + text if right else text + padding
