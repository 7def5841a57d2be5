"""Column types that keep money exact and timestamps in UTC.

``Amount`` is declared ``DECIMAL(18, 8)`` (the spec) but holds an INTEGER count of 1e-8
units: SQLite's NUMERIC affinity would turn decimal text into REAL, and SQLAlchemy's own
Numeric goes through float on SQLite. Integers are exact and sort numerically.
"""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import TIMESTAMP, ColumnElement, ColumnExpressionArgument, type_coerce
from sqlalchemy.engine import Dialect
from sqlalchemy.types import DECIMAL, TypeDecorator

from walletdesk.core.money import from_units, to_units


def utcnow() -> datetime:
    return datetime.now(UTC)


def as_utc(value: datetime) -> datetime:
    """``value`` in UTC; a naive datetime is refused, as its time zone would be a guess."""
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError("timestamps must be timezone-aware")
    return value.astimezone(UTC)


class _UnitsColumn(DECIMAL):  # type: ignore[type-arg]
    """DDL ``DECIMAL(18, 8)``, values passed through untouched (ints, never floats)."""

    def bind_processor(self, dialect: Dialect) -> None:
        return None

    def result_processor(self, dialect: Dialect, coltype: object) -> None:
        return None


class Amount(TypeDecorator[Decimal]):
    """A ``Decimal`` with 8 places, stored as integer units (see ``core.money``)."""

    impl = _UnitsColumn
    cache_ok = True

    def __init__(self) -> None:
        super().__init__(18, 8)

    def process_bind_param(self, value: Decimal | None, dialect: Dialect) -> int | None:
        return None if value is None else to_units(value)

    def process_result_value(self, value: Any, dialect: Dialect) -> Decimal | None:
        return None if value is None else from_units(int(value))


def as_units(column: ColumnExpressionArgument[Decimal]) -> ColumnElement[int]:
    """``column`` read as its stored integer count of 1e-8 units (no ``Decimal`` built)."""
    return type_coerce(column, _UnitsColumn(18, 8))


class UtcDateTime(TypeDecorator[datetime]):
    """``TIMESTAMP`` stored as naive UTC text, read back timezone-aware (UTC)."""

    impl = TIMESTAMP
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        return None if value is None else as_utc(value).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        return None if value is None else value.replace(tzinfo=UTC)
