"""Plain-text tables for a terminal: columns aligned by display width.

Generic (headers and rows of strings) so that every CLI table looks the same; the
balance table uses display names and grouped numbers, right-aligned on their points.
Control and format characters (which could move the cursor or reorder text in a
terminal) are shown as "?". Lines carry no trailing
spaces and the text has no final newline.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Collection, Iterable, Sequence
from datetime import datetime
from decimal import Decimal

from walletdesk.core.models import Balance
from walletdesk.core.number_style import US_ENGLISH, NumberStyle, widest_decimals
from walletdesk.core.totals import split_totals
from walletdesk.exchanges.catalog import display_name
from walletdesk.export.rows import CellValue, Kind, cell_text, utc_seconds

GAP = "  "


def render_table(
    headers: Sequence[str],
    rows: Iterable[Sequence[str]],
    *,
    right_aligned: Collection[int] = (),
    footer: Sequence[Sequence[str]] = (),
) -> str:
    """Headers, a dashed rule, then the rows; ``right_aligned`` holds column indexes.
    ``footer`` rows (totals) come after a second rule."""
    lines = [[_printable(cell) for cell in row] for row in [headers, *rows, *footer]]
    widths = [max(display_width(line[i]) for line in lines) for i in range(len(headers))]
    rule = ["-" * width for width in widths]
    lines.insert(1, rule)
    if footer:
        lines.insert(len(lines) - len(footer), rule)
    return "\n".join(
        GAP.join(
            _pad(cell, width, right=i in right_aligned) for i, (cell, width) in
            enumerate(zip(line, widths, strict=True))
        ).rstrip()
        for line in lines
    )


BALANCE_HEADERS = ("EXCHANGE", "ASSET", "FREE", "LOCKED", "TOTAL", "USD VALUE", "UPDATED (UTC)")
_NUMERIC = frozenset({2, 3, 4, 5})
NO_PRICE = "no price"


def balances_table(balances: Sequence[Balance], style: NumberStyle = US_ENGLISH) -> str:
    """The CLI's ``balances --format table``, for people: display names, grouped numbers
    whose points line up, and a total line (demo money apart from the real total).
    CSV and JSON are the exact formats."""
    cells = [_people_row(balance, style) for balance in balances]
    for column in _NUMERIC:
        decimals = widest_decimals(style, [row[column] for row in cells])
        for row in cells:
            row[column] = style.align(row[column], decimals)
    table = render_table(BALANCE_HEADERS, cells, right_aligned=_NUMERIC,
                         footer=_total_rows(balances, style) if balances else ())
    unpriced = sum(1 for b in balances if not b.priced)
    if unpriced:
        table += f"\n{style.count(unpriced)} with no price: listed, not counted in the total."
    return table


def _people_row(balance: Balance, style: NumberStyle) -> list[str]:
    return [
        display_name(balance.exchange),
        balance.asset,
        style.amount(balance.free),
        style.amount(balance.locked),
        style.amount(balance.total),
        style.usd(balance.usd_value) if balance.priced else NO_PRICE,
        utc_seconds(balance.wallet_updated).strftime("%Y-%m-%d %H:%M"),
    ]


def _total_rows(balances: Sequence[Balance], style: NumberStyle) -> list[list[str]]:
    totals = split_totals(balances)
    if totals.demo_only:
        return [["Total (demo sample)", "", "", "", "", style.usd(totals.demo), ""]]
    rows = [["Total", "", "", "", "", style.usd(totals.real), ""]]
    if totals.demo_rows:
        rows.append(["Demo, not in total", "", "", "", "", style.usd(totals.demo), ""])
    return rows


def history_text(headers: Sequence[str], kinds: Sequence[Kind],
                 rows: Iterable[Sequence[CellValue]], style: NumberStyle = US_ENGLISH) -> str:
    """``history --format table``, for people as ``balances_table`` is: times in UTC (to the
    second: two refreshes in one minute are two points), USD to the cent, amounts grouped
    and lined up on their points; CSV and JSON keep the exact text. Headers are the column
    names in words ("TOTAL USD VALUE")."""
    cells = [[_people_cell(kind, value, style) for kind, value in zip(kinds, row, strict=True)]
             for row in rows]
    numeric = {i for i, kind in enumerate(kinds) if kind in (Kind.AMOUNT, Kind.USD)}
    for column in numeric:
        decimals = widest_decimals(style, [row[column] for row in cells])
        for row in cells:
            row[column] = style.align(row[column], decimals)
    words = [name.replace("_", " ").upper() + (" (UTC)" if kind is Kind.TIMESTAMP else "")
             for name, kind in zip(headers, kinds, strict=True)]
    return render_table(words, cells, right_aligned=numeric)


def _people_cell(kind: Kind, value: CellValue, style: NumberStyle) -> str:
    if kind is Kind.TIMESTAMP and isinstance(value, datetime):
        return utc_seconds(value).strftime("%Y-%m-%d %H:%M:%S")
    if kind is Kind.USD and isinstance(value, Decimal):
        return style.usd(value)
    if kind is Kind.AMOUNT and isinstance(value, Decimal):
        return style.amount(value)
    return cell_text(kind, value)


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
