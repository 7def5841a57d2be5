"""Writing a wallet's ``balance_sources`` and ``balance_valuations`` in its refresh's
transaction, as plain tuples through the driver's ``executemany`` (amounts as integer units,
the stored form; see ``store/types.py``): a 10,000-asset refresh carries 10,000 rows of each,
and SQLAlchemy's per-row parameter handling would cost more than SQLite's own work.

Only what changed is written, as for the balances (``balance_writes.py``): a part or a
valuation as stored stays, one that is gone is deleted. From one refresh to the next almost
every part and route of a large account is the same, so the wanted rows and the stored ones
are compared as sets of whole rows (in C: building a dict of key -> values of 10,000 stored
rows in Python cost more than reading them). The parts of a wallet held by one key in one
place are not written at all: the wallet is marked (``_SOLE_MARK``). A valuation is kept
for a priced asset only: an unpriced row reads back the same without one
(``source_reads.py``), and most assets of a large account are unpriced dust."""

from __future__ import annotations

from collections.abc import Set
from dataclasses import dataclass

from sqlalchemy import Connection
from sqlalchemy.orm import Session

from walletdesk.core.stored_wallet import OnePlaceParts, StoredWallet, ValuationRow
from walletdesk.store.balance_writes import fetch_rows
from walletdesk.store.sources_schema import ROUTE_MAX


@dataclass(frozen=True)
class _Table:
    """The statements that read, delete and write one wallet's rows of a table."""

    read: str  # key columns, then value columns: the columns a wanted row has
    delete: str  # by wallet and key columns
    write: str  # wallet, then a wanted row's columns
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


# A wallet whose every row is one part of one key in one place (``OnePlaceParts``) is marked
# in ``balance_sole_sources``: its parts are its balances beside that key and place
# (``source_reads.py``), so none is written. Keeping them as rows too cost a second copy of
# every changed amount (10,000 rows of a WITHOUT ROWID table rewritten: ~13 ms, and ~5 ms
# to find that none had changed).
_SOLE_MARK = (
    "INSERT INTO balance_sole_sources (wallet_id, credential_id, place) VALUES (?, ?, ?) "
    "ON CONFLICT (wallet_id) DO UPDATE SET credential_id = excluded.credential_id, "
    "place = excluded.place"
)
_SOLE_UNMARK = "DELETE FROM balance_sole_sources WHERE wallet_id = ?"
_ALL_SOURCES = "DELETE FROM balance_sources WHERE wallet_id = ?"


def replace_sources(session: Session, wallet_id: int, wallet: StoredWallet) -> None:
    """Make the wallet's parts and valuations ``wallet``'s: a wallet held in one place is
    marked and keeps no parts of its own, any other keeps its parts and no mark."""
    connection = session.connection()
    if isinstance(wallet.parts, OnePlaceParts):
        connection.exec_driver_sql(_ALL_SOURCES, (wallet_id,))
        connection.exec_driver_sql(
            _SOLE_MARK, (wallet_id, wallet.parts.credential_id, wallet.parts.place))
    else:
        connection.exec_driver_sql(_SOLE_UNMARK, (wallet_id,))
        _replace(connection, _SOURCES, wallet_id, wallet.parts)
    valuations: Set[ValuationRow] = wallet.valuations
    if any(len(route) > ROUTE_MAX for _, route, _ in valuations):
        valuations = {(asset, route[:ROUTE_MAX], priced) for asset, route, priced in valuations}
    _replace(connection, _VALUATIONS, wallet_id, valuations)


def _replace(connection: Connection, table: _Table, wallet_id: int,
             wanted: Set[tuple[object, ...]]) -> None:
    """Make ``wanted`` the wallet's rows of ``table``: rows not stored as they are are
    written (a changed one replaces its key's row), keys no longer wanted are deleted.
    A priced flag compares as stored: True == 1, with the same hash."""
    stored = set(fetch_rows(connection, table.read, (wallet_id,)))
    new = wanted - stored
    old = stored - wanted
    size = table.key_size
    if old:
        written = {row[:size] for row in new}
        gone = [(wallet_id, *row[:size]) for row in old if row[:size] not in written]
        if gone:
            connection.exec_driver_sql(table.delete, gone)
    if new:
        connection.exec_driver_sql(table.write, [(wallet_id, *row) for row in new])
