"""The first paint's read: the last stored portfolio through stdlib ``sqlite3``, read-only.

Importing SQLAlchemy costs more than a bare window start, so the window is painted from
this one read, and everything after goes through the ORM (``wallets.WalletRepository``).
The result equals ``WalletRepository.portfolio()`` in what the first paint shows: the same
rows in the same order, of the same types, priced alike (each row's price route and where
its amount sits come with the load). This module must never import SQLAlchemy (a test
checks it).
"""

from __future__ import annotations

import logging
import sqlite3
from bisect import bisect_left
from collections.abc import Sequence
from contextlib import closing
from datetime import UTC, datetime
from operator import itemgetter
from pathlib import Path

from walletdesk.core.balance_table import PRICED_UNREAD, ROW_COLUMNS, BalanceTable, Details, Row
from walletdesk.core.models import KeyRefresh, Portfolio, Wallet
from walletdesk.core.money import from_units

log = logging.getLogger(__name__)

_VALUE = itemgetter(ROW_COLUMNS.index("usd_value"))  # of a Row

_WALLETS = """
    SELECT w.id, w.exchange, w.total_usd_value, w.last_updated,
           (SELECT count(*) FROM balances AS b WHERE b.wallet_id = w.id)
    FROM wallets AS w WHERE w.user_id = ? ORDER BY w.exchange
"""
_BALANCES = (  # the column names are constants, not input
    f"SELECT {', '.join(f'b.{column}' for column in ROW_COLUMNS)} "  # noqa: S608
    "FROM balances AS b JOIN wallets AS w ON b.wallet_id = w.id "
    "WHERE w.user_id = ? ORDER BY b.usd_value DESC, w.exchange, b.asset"
)

# Rows worth exactly 0 of a non-zero amount that were priced (dust worth under 1e-8 USD):
# without this, a zero value reads as "no price" until the load after the paint. Only
# priced assets keep a valuation (store/source_writes.py). Balances are scanned in their
# table's order, not through idx_balance_wallet_id: a row looked up from the index for
# each entry took twice the instructions (10.5 M against 4.9 M for 10,000 rows).
_PRICED_DUST = """
    SELECT b.wallet_id, b.asset FROM balances AS b NOT INDEXED
    JOIN balance_valuations AS v ON v.wallet_id = b.wallet_id AND v.asset = b.asset
    WHERE b.usd_value = 0 AND b.total <> 0 AND v.priced
      AND b.wallet_id IN (SELECT id FROM wallets WHERE user_id = ?)
"""

_HIDDEN = "SELECT exchange, asset FROM hidden_assets WHERE user_id = ?"
_REFRESHES = """
    SELECT o.credential_id, c.exchange, o.attempted_at, o.error
    FROM refresh_outcomes AS o JOIN api_credentials AS c ON c.id = o.credential_id
    WHERE c.user_id = ? ORDER BY c.exchange, o.credential_id
"""


def read_portfolio_snapshot(database_path: Path, user_id: str) -> Portfolio | None:
    """The user's stored portfolio, or None when there is no readable database yet.

    None covers a missing file, missing tables and a file that cannot be read; opening the
    database through ``store.database`` then says what is wrong.
    """
    if not database_path.is_file():
        return None
    uri = f"{database_path.resolve().as_uri()}?mode=ro"
    try:
        with closing(
            sqlite3.connect(uri, uri=True, timeout=1.0, isolation_level=None)
        ) as connection:
            connection.execute("BEGIN")  # every query reads one snapshot
            wallet_rows = connection.execute(_WALLETS, (user_id,)).fetchall()
            balance_rows = connection.execute(_BALANCES, (user_id,)).fetchall()
            details = _priced_dust(connection, user_id) if _any_worth_zero(balance_rows) else {}
            hidden, refreshes = _desk_state(connection, user_id)
    except sqlite3.Error as exc:
        log.info("No stored portfolio to show yet (%s)", type(exc).__name__)
        return None
    wallets = tuple(
        Wallet(
            id=wallet_id,
            exchange=exchange,
            total_usd_value=from_units(total),
            last_updated=datetime.fromisoformat(updated).replace(tzinfo=UTC),
            asset_count=count,
        )
        for wallet_id, exchange, total, updated, count in wallet_rows
    )
    # The rows stay as fetched (amounts in integer units): the table builds a Balance only
    # for a row that is read, so 10,000 balances cost one query, not 40,000 decimals.
    return Portfolio(wallets=wallets,
                     balances=BalanceTable.of_wallets(wallets, balance_rows, details),
                     hidden=hidden, refreshes=refreshes)


def _any_worth_zero(rows: Sequence[Row]) -> bool:
    """Whether a row is worth exactly 0, told by one bisection: the rows come by value,
    highest first (``_BALANCES``), so a portfolio without one skips the query for dust."""
    first = bisect_left(rows, 0, key=lambda row: -_VALUE(row))
    return first < len(rows) and _VALUE(rows[first]) == 0


def _priced_dust(connection: sqlite3.Connection, user_id: str) -> Details:
    """The priced rows worth 0, each with the one shared ``PRICED_UNREAD`` detail (no
    object per row); none in a database not yet migrated to 0005, whose zero values all
    mean no price."""
    try:
        return dict.fromkeys(connection.execute(_PRICED_DUST, (user_id,)), PRICED_UNREAD)
    except sqlite3.OperationalError:
        return {}


def _desk_state(connection: sqlite3.Connection,
                user_id: str) -> tuple[frozenset[tuple[str, str]], tuple[KeyRefresh, ...]]:
    """Hidden assets and the keys' last refreshes; none in a database not yet migrated to
    0006 (the ORM's open migrates it; the first paint just shows what there is)."""
    try:
        hidden = connection.execute(_HIDDEN, (user_id,)).fetchall()
        refreshes = connection.execute(_REFRESHES, (user_id,)).fetchall()
    except sqlite3.OperationalError:
        return frozenset(), ()
    return (frozenset((exchange, asset) for exchange, asset in hidden),
            tuple(KeyRefresh(key, exchange, datetime.fromisoformat(at).replace(tzinfo=UTC),
                             error) for key, exchange, at, error in refreshes))
