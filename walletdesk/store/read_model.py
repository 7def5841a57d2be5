"""The first paint's read: the last stored portfolio through stdlib ``sqlite3``, read-only.

Importing SQLAlchemy costs more than a bare window start, so the window is painted from
this one read, and everything after goes through the ORM (``wallets.WalletRepository``).
The result equals ``WalletRepository.portfolio()``: same order, same types. This module
must never import SQLAlchemy (a test checks it).
"""

from __future__ import annotations

import logging
import sqlite3
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path

from walletdesk.core.balance_table import ROW_COLUMNS, BalanceTable
from walletdesk.core.models import KeyRefresh, Portfolio, Wallet
from walletdesk.core.money import from_units

log = logging.getLogger(__name__)

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
            connection.execute("BEGIN")  # both queries read one snapshot
            wallet_rows = connection.execute(_WALLETS, (user_id,)).fetchall()
            balance_rows = connection.execute(_BALANCES, (user_id,)).fetchall()
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
    return Portfolio(wallets=wallets, balances=BalanceTable.of_wallets(wallets, balance_rows),
                     hidden=hidden, refreshes=refreshes)


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
