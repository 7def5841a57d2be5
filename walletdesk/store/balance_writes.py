"""The bulk part of a wallet refresh: replace one wallet's balance rows, fast.

A refresh may carry thousands of assets. Going through the column types row by row costs
more than SQLite's own work, so each amount is converted to its stored form (integer 1e-8
units, ``core.money.to_units``) exactly once and the rows go to ``executemany`` through an
untyped view of the table. The repository runs this inside its transaction.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import ColumnElement, bindparam, column, delete, select, table
from sqlalchemy.dialects.sqlite import insert
from sqlalchemy.orm import Session

from walletdesk.core.errors import AmountOutOfRangeError
from walletdesk.core.models import ValuedBalance
from walletdesk.core.money import LIMIT, SCALE, from_units, to_units
from walletdesk.store.schema import BalanceRow, Base

_typed = Base.metadata.tables[BalanceRow.__tablename__]
_raw = table(_typed.name, *(column(c.name) for c in _typed.c))  # values pass untouched
_MAX_UNITS = int(LIMIT) * SCALE


@dataclass(frozen=True, slots=True)
class StoredAmounts:
    """One asset's amounts in integer units, as the columns hold them."""

    free: int
    locked: int
    total: int
    usd_value: int


def storable(balances: Sequence[ValuedBalance]) -> dict[str, StoredAmounts]:
    """Per asset: amounts added up exactly, quantized once, total = free + locked.

    Zero totals are left out. Raises ``AmountOutOfRangeError`` for what does not fit.
    """
    sums: dict[str, tuple[Decimal, Decimal, Decimal]] = {}
    for balance in balances:
        amounts = (balance.free, balance.locked, balance.usd_value)
        known = sums.get(balance.asset)
        sums[balance.asset] = amounts if known is None else (
            known[0] + amounts[0], known[1] + amounts[1], known[2] + amounts[2])
    rows: dict[str, StoredAmounts] = {}
    for asset, (free, locked, usd_value) in sums.items():
        free_units, locked_units = to_units(free), to_units(locked)
        total = free_units + locked_units
        if total:
            rows[asset] = StoredAmounts(free_units, locked_units, _in_range(total),
                                        to_units(usd_value))
    return rows


def usd_sum(rows: dict[str, StoredAmounts]) -> int:
    return _in_range(sum(row.usd_value for row in rows.values()))


def _in_range(units: int) -> int:
    if abs(units) >= _MAX_UNITS:
        raise AmountOutOfRangeError(from_units(units))
    return units


def replace_rows(session: Session, wallet_id: int, rows: dict[str, StoredAmounts],
                 now: datetime) -> None:
    """Upsert ``rows`` by asset and delete the wallet's other assets."""
    stored = session.scalars(select(BalanceRow.asset).where(BalanceRow.wallet_id == wallet_id))
    stale = [{"stale": asset} for asset in stored if asset not in rows]
    if stale:
        session.execute(delete(_raw).where(_raw.c.wallet_id == wallet_id,
                                           _raw.c.asset == bindparam("stale")), stale)
    if not rows:
        return
    stamp = _stored_form(session, _typed.c.updated_at, now)
    statement = insert(_raw)
    statement = statement.on_conflict_do_update(
        index_elements=[_raw.c.wallet_id, _raw.c.asset],
        set_={name: statement.excluded[name]
              for name in ("free", "locked", "total", "usd_value", "updated_at")},
    )
    session.execute(statement, [
        {"wallet_id": wallet_id, "asset": asset, "free": row.free, "locked": row.locked,
         "total": row.total, "usd_value": row.usd_value, "created_at": stamp,
         "updated_at": stamp}
        for asset, row in rows.items()
    ])


def _stored_form(session: Session, typed_column: ColumnElement[Any], value: datetime) -> object:
    dialect = session.get_bind().dialect
    process = typed_column.type.dialect_impl(dialect).bind_processor(dialect)
    return value if process is None else process(value)

