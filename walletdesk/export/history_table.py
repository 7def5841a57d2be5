"""The history as an exported table: its columns and rows, the same in every format.

Without an asset: ``at``, ``total_usd_value``; with one: ``at``, ``asset``, ``total``,
``usd_value`` (summed across exchanges); with a display currency also ``currency`` and
``value``, as ``balances --currency`` adds them. Names are the keys of ``history --format json``
(architecture.md); cells are written as in the balance export (``export.rows``): exact
8-decimal text, ``at`` in ISO 8601 UTC. Oldest point first.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from walletdesk.core.currency import Rate
from walletdesk.core.history import AssetPoint, PortfolioPoint
from walletdesk.export.rows import CellValue, Kind, cell_text


@dataclass(frozen=True, slots=True)
class HistoryColumn:
    name: str
    kind: Kind


@dataclass(frozen=True, slots=True)
class HistoryTable:
    columns: tuple[HistoryColumn, ...]
    rows: tuple[tuple[CellValue, ...], ...]

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(column.name for column in self.columns)

    def text_rows(self) -> list[list[str]]:
        return [[cell_text(column.kind, value) for column, value in zip(
            self.columns, row, strict=True)] for row in self.rows]

    def __len__(self) -> int:
        return len(self.rows)


AT = HistoryColumn("at", Kind.TIMESTAMP)
PORTFOLIO_COLUMNS = (AT, HistoryColumn("total_usd_value", Kind.USD))
ASSET_COLUMNS = (AT, HistoryColumn("asset", Kind.TEXT), HistoryColumn("total", Kind.AMOUNT),
                 HistoryColumn("usd_value", Kind.USD))


CURRENCY_COLUMNS = (HistoryColumn("currency", Kind.TEXT), HistoryColumn("value", Kind.AMOUNT))


def portfolio_table(points: Sequence[PortfolioPoint], rate: Rate | None = None) -> HistoryTable:
    return _table(PORTFOLIO_COLUMNS, points, rate)


def asset_table(points: Sequence[AssetPoint], rate: Rate | None = None) -> HistoryTable:
    return _table(ASSET_COLUMNS, points, rate)


def _table(columns: tuple[HistoryColumn, ...], points: Sequence[tuple[CellValue, ...]],
           rate: Rate | None) -> HistoryTable:
    """With a display-currency ``rate``, the USD column stays and ``currency`` and ``value``
    (the USD value converted, ``core.currency``) follow it."""
    if rate is None:
        return HistoryTable(columns, tuple(tuple(point) for point in points))
    usd = next(i for i, column in enumerate(columns) if column.kind is Kind.USD)
    return HistoryTable(columns + CURRENCY_COLUMNS, tuple(
        (*point, rate.currency, rate.convert(point[usd])) for point in points))  # type: ignore[arg-type]
