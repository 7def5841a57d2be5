"""Writing a wallet's ``balance_sources`` and ``balance_valuations`` in its refresh's
transaction, as plain tuples through the driver's ``executemany`` (amounts as integer units,
the stored form; see ``store/types.py``): a 10,000-asset refresh carries 10,000 rows of each,
and SQLAlchemy's per-row parameter handling would cost more than SQLite's own work.

Only what changed is written, as for the balances (``balance_writes.py``): a part or a
valuation as stored stays, one that is gone is deleted. From one refresh to the next almost
every part and route of a large account is the same."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import Connection
from sqlalchemy.orm import Session

from walletdesk.core.models import BalanceSource, ValuedBalance
from walletdesk.core.money import to_units
from walletdesk.core.stored_wallet import PartKey, StoredWallet
from walletdesk.store.balance_writes import fetch_rows, storable
from walletdesk.store.sources_schema import ROUTE_MAX

Rows = dict[tuple[str, ...], tuple[object, ...]]  # key columns -> value columns


@dataclass(frozen=True)
class _Table:
    """The statements that read, delete and write one wallet's rows of a table."""

    read: str  # key columns, then value columns
    delete: str
    write: str
    key_size: int


_SOURCES = _Table(
    read="SELECT asset, credential_id, place, free, locked FROM balance_sources "
    "WHERE wallet_id = ?",
    delete="DELETE FROM balance_sources WHERE wallet_id = ? AND asset = ? "
    "AND credential_id = ? AND place = ?",
    write="INSERT OR REPLACE INTO balance_sources (wallet_id, asset, credential_id, place, "
    "free, locked) VALUES (?, ?, ?, ?, ?, ?)",
    key_size=3,
)
_VALUATIONS = _Table(
    read="SELECT asset, route, priced FROM balance_valuations WHERE wallet_id = ?",
    delete="DELETE FROM balance_valuations WHERE wallet_id = ? AND asset = ?",
    write="INSERT OR REPLACE INTO balance_valuations (wallet_id, asset, route, priced) "
    "VALUES (?, ?, ?, ?)",
    key_size=1,
)


def stored_wallet(balances: Sequence[ValuedBalance],
                  sources: Sequence[BalanceSource]) -> StoredWallet:
    """``balances`` and their ``sources`` in the store's form (``storable``). The parts of an
    asset add up to its row exactly (``controllers/wallet_fold.py``), so a lone part is its
    row: its units are the row's, not converted again."""
    rows = storable(balances)
    valuations = {v.asset: (v.route, v.priced) for v in balances if v.asset in rows}
    count = Counter(s.asset for s in sources)
    parts: dict[PartKey, tuple[int, int]] = {}
    for credential_id, asset, place, free, locked in sources:
        row = rows.get(asset)
        if row is not None:
            parts[(asset, credential_id, place)] = (
                (row.free, row.locked) if count[asset] == 1 else (to_units(free), to_units(locked)))
    return StoredWallet(rows, valuations, parts)


def replace_sources(session: Session, wallet_id: int, wallet: StoredWallet) -> None:
    """Make the wallet's parts and valuations ``wallet``'s; only assets that have a
    ``balances`` row keep them."""
    connection = session.connection()
    rows = wallet.rows
    parts: Rows = {key: part for key, part in wallet.parts.items() if key[0] in rows}
    _replace(connection, _SOURCES, wallet_id, parts)
    valuations: Rows = {(asset,): (route[:ROUTE_MAX], priced)
                        for asset, (route, priced) in wallet.valuations.items() if asset in rows}
    _replace(connection, _VALUATIONS, wallet_id, valuations)


def _replace(connection: Connection, table: _Table, wallet_id: int,
             wanted: Rows) -> None:
    """Make ``wanted`` (key columns -> value columns) the wallet's rows of ``table``."""
    size = table.key_size
    stored = {row[:size]: row[size:] for row in fetch_rows(connection, table.read, (wallet_id,))}
    gone = [(wallet_id, *key) for key in stored if key not in wanted]
    if gone:
        connection.exec_driver_sql(table.delete, gone)
    changed = [(wallet_id, *key, *values) for key, values in wanted.items()
               if stored.get(key) != values]
    if changed:
        connection.exec_driver_sql(table.write, changed)
