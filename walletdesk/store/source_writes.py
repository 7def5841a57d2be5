"""Writing a wallet's ``balance_sources`` and ``balance_valuations`` in its refresh's
transaction, as plain tuples through the driver's ``executemany`` (amounts as integer units,
the stored form; see ``store/types.py``): a 10,000-asset refresh carries 10,000 rows of each,
and SQLAlchemy's per-row parameter handling would cost more than SQLite's own work.

Only what changed is written, as for the balances (``balance_writes.py``): a part or a
valuation as stored stays, one that is gone is deleted. From one refresh to the next almost
every part and route of a large account is the same, so the wanted rows and the stored ones
are compared as sets of whole rows (in C: building a dict of key -> values of 10,000 stored
rows in Python cost more than reading them), or, for the parts of a wallet held by one key
in one place, by SQLite (``_ONE_PLACE_MATCH``). A valuation is kept for a priced asset only:
an unpriced row reads back the same without one (``source_reads.py``), and most assets of a
large account are unpriced dust."""

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


# A wallet whose every row is one part of one key in one place (``OnePlaceParts``): its
# parts are its balances beside that key and place, so SQLite checks them against the
# balances this transaction has just stored, without a row of either in Python (10,000
# stored parts read and compared cost ~11 ms, the check ~4 ms). Each source row of that key
# and place that has a balance row is a distinct asset (the key and place are fixed), so the
# counts tell what to fix: every stored row aligned with a balance row and as many as there
# are balance rows means no row is stale or missing; as many of them matching means none
# differs either. Only the statements the counts call for run: when every amount changed,
# the aligned rows are updated in place (~14 ms) instead of deleted and inserted (~21 ms).
_ONE_PLACE_MATCH = (
    "SELECT (SELECT count(*) FROM balance_sources WHERE wallet_id = :wallet), count(*), "
    "count(*) FILTER (WHERE b.free = s.free AND b.locked = s.locked) "
    "FROM balance_sources s JOIN balances b ON b.wallet_id = s.wallet_id AND b.asset = s.asset "
    "WHERE s.wallet_id = :wallet AND s.credential_id = :credential AND s.place = :place"
)
_ONE_PLACE_DELETE = (  # every source row that is not aligned with a balance row
    "DELETE FROM balance_sources WHERE wallet_id = :wallet AND NOT (credential_id = :credential "
    "AND place = :place AND EXISTS (SELECT 1 FROM balances b WHERE b.wallet_id = :wallet "
    "AND b.asset = balance_sources.asset))"
)
_ONE_PLACE_UPDATE = (  # the aligned rows whose amounts are not their balance row's
    "UPDATE balance_sources SET free = b.free, locked = b.locked FROM balances b "
    "WHERE balance_sources.wallet_id = :wallet AND balance_sources.credential_id = :credential "
    "AND balance_sources.place = :place AND b.wallet_id = :wallet "
    "AND b.asset = balance_sources.asset "
    "AND (b.free != balance_sources.free OR b.locked != balance_sources.locked)"
)
_ONE_PLACE_INSERT = (  # after the delete, a row already there is an aligned one
    "INSERT INTO balance_sources (wallet_id, asset, credential_id, place, free, locked) "
    "SELECT wallet_id, asset, :credential, :place, free, locked FROM balances "
    "WHERE wallet_id = :wallet ON CONFLICT DO NOTHING"
)


def replace_sources(session: Session, wallet_id: int, wallet: StoredWallet) -> None:
    """Make the wallet's parts and valuations ``wallet``'s; its balances must be stored
    already (``balance_writes.replace_rows``, in the same transaction)."""
    connection = session.connection()
    if isinstance(wallet.parts, OnePlaceParts):
        _replace_one_place(connection, wallet_id, wallet.parts)
    else:
        _replace(connection, _SOURCES, wallet_id, wallet.parts)
    valuations: Set[ValuationRow] = wallet.valuations
    if any(len(route) > ROUTE_MAX for _, route, _ in valuations):
        valuations = {(asset, route[:ROUTE_MAX], priced) for asset, route, priced in valuations}
    _replace(connection, _VALUATIONS, wallet_id, valuations)


def _replace_one_place(connection: Connection, wallet_id: int, parts: OnePlaceParts) -> None:
    names = {"wallet": wallet_id, "credential": parts.credential_id, "place": parts.place}
    ((stored, aligned, matching),) = fetch_rows(connection, _ONE_PLACE_MATCH, names)
    if stored != aligned:
        connection.exec_driver_sql(_ONE_PLACE_DELETE, names)
    if matching != aligned:
        connection.exec_driver_sql(_ONE_PLACE_UPDATE, names)
    if aligned != len(parts):
        connection.exec_driver_sql(_ONE_PLACE_INSERT, names)


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
