"""The exported balance table: its columns, in order, and the value of each cell.

Every format exports exactly these columns, named as in ``balances --format json``.
Cell text is the same in every text format: amounts and USD values as fixed-point text
with exactly 8 decimals ("0.00000001", never "1E-8"), flags as ``true``/``false``,
timestamps as ISO 8601 UTC to the second with a ``Z`` suffix ("2026-11-25T17:04:05Z").
The exchange is its canonical stored name (MEXC, BINANCE, DEMO). Rows keep the order
they are given in: sorting is the caller's choice.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from enum import Enum

from walletdesk.core.currency import Rate
from walletdesk.core.models import Balance
from walletdesk.core.money import format_plain


class Kind(Enum):
    TEXT = "text"  # words that come from an exchange: guarded against formula injection
    AMOUNT = "amount"  # a quantity of an asset
    USD = "usd"  # a value in US dollars
    FLAG = "flag"
    TIMESTAMP = "timestamp"


CellValue = str | Decimal | bool | datetime


@dataclass(frozen=True, slots=True)
class Column:
    name: str
    kind: Kind

    def value(self, balance: Balance) -> CellValue:
        # Column names are the Balance field names by design (and the JSON keys).
        value: CellValue = getattr(balance, self.name)
        return value

    def text(self, balance: Balance) -> str:
        return cell_text(self.kind, self.value(balance))


COLUMNS: tuple[Column, ...] = (
    Column("exchange", Kind.TEXT),
    Column("asset", Kind.TEXT),
    Column("free", Kind.AMOUNT),
    Column("locked", Kind.AMOUNT),
    Column("total", Kind.AMOUNT),
    Column("usd_value", Kind.USD),
    Column("priced", Kind.FLAG),
    Column("wallet_updated", Kind.TIMESTAMP),
)
COLUMN_NAMES: tuple[str, ...] = tuple(column.name for column in COLUMNS)
Columns = Sequence[Column]


@dataclass(frozen=True, slots=True)
class CurrencyColumn(Column):
    """``currency`` (the code) or ``value`` (``usd_value`` converted by ``rate``)."""

    rate: Rate

    def value(self, balance: Balance) -> CellValue:
        if self.name == "currency":
            return self.rate.currency
        return self.rate.convert(balance.usd_value)


def with_currency(rate: Rate | None) -> Columns:
    """The export's columns; with a display-currency rate, ``currency`` and ``value`` follow
    (architecture.md: ``usd_value`` stays)."""
    if rate is None:
        return COLUMNS
    return (*COLUMNS, CurrencyColumn("currency", Kind.TEXT, rate),
            CurrencyColumn("value", Kind.AMOUNT, rate))


def utc_seconds(moment: datetime) -> datetime:
    """The moment in UTC, to the whole second; a naive moment is taken as UTC already."""
    aware = moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)
    return aware.replace(microsecond=0)


def format_timestamp(moment: datetime) -> str:
    """ISO 8601 UTC with a ``Z`` suffix, to the second: ``2026-11-25T17:04:05Z``."""
    return utc_seconds(moment).replace(tzinfo=None).isoformat() + "Z"


def cell_text(kind: Kind, value: CellValue) -> str:
    if kind is Kind.FLAG:
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return format_plain(value)
    if isinstance(value, datetime):
        return format_timestamp(value)
    return str(value)


JsonRecord = dict[str, str | bool | list[dict[str, str]]]


def json_record(balance: Balance, columns: Columns = COLUMNS) -> JsonRecord:
    """One object of ``balances --format json``: decimal strings, a boolean, a UTC time, and
    ``sources``: where the amounts sit, per key and place, adding up exactly to the row."""
    record: JsonRecord = {column.name: _json_value(column, balance) for column in columns}
    record["sources"] = [
        {"credential_id": source.credential_id, "place": source.place,
         "free": format_plain(source.free), "locked": format_plain(source.locked)}
        for source in balance.sources
    ]
    return record


def _json_value(column: Column, balance: Balance) -> str | bool:
    return bool(column.value(balance)) if column.kind is Kind.FLAG else column.text(balance)
