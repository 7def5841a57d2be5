"""Writing a wallet's ``balance_sources`` and ``balance_valuations`` in its refresh's
transaction: the old rows go, the new ones go in as plain tuples through the driver's
``executemany`` (amounts as integer units, the stored form; see ``store/types.py``), since
a 10,000-asset refresh writes 10,000 rows of each and SQLAlchemy's per-row parameter
handling would cost more than SQLite's own work."""

from __future__ import annotations

from collections.abc import Collection, Sequence

from sqlalchemy import delete
from sqlalchemy.orm import Session

from walletdesk.core.models import BalanceSource, ValuedBalance
from walletdesk.core.money import to_units
from walletdesk.store.sources_schema import ROUTE_MAX, BalanceSourceRow, BalanceValuationRow

_INSERT_SOURCE = (
    "INSERT INTO balance_sources (wallet_id, asset, credential_id, place, free, locked) "
    "VALUES (?, ?, ?, ?, ?, ?)"
)
_INSERT_VALUATION = (
    "INSERT OR REPLACE INTO balance_valuations (wallet_id, asset, route, priced) "
    "VALUES (?, ?, ?, ?)"
)


def replace_sources(session: Session, wallet_id: int, sources: Sequence[BalanceSource],
                    valued: Sequence[ValuedBalance], stored_assets: Collection[str]) -> None:
    """Only assets that have a ``balances`` row keep parts and a valuation."""
    session.execute(delete(BalanceSourceRow).where(BalanceSourceRow.wallet_id == wallet_id))
    session.execute(delete(BalanceValuationRow).where(
        BalanceValuationRow.wallet_id == wallet_id))
    kept = set(stored_assets)
    connection = session.connection()
    parts = [(wallet_id, s.asset, s.credential_id, s.place, to_units(s.free), to_units(s.locked))
             for s in sources if s.asset in kept]
    if parts:
        connection.exec_driver_sql(_INSERT_SOURCE, parts)
    valuations = [(wallet_id, v.asset, v.route[:ROUTE_MAX], int(v.priced))
                  for v in valued if v.asset in kept]
    if valuations:
        connection.exec_driver_sql(_INSERT_VALUATION, valuations)
