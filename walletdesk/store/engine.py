"""The SQLite engine: per-connection pragmas and real transactions.

Python's sqlite3 module opens transactions late and never for SELECT, so SQLAlchemy's
transactions would not be real ones. Its own BEGIN is switched off (``isolation_level=None``)
and the engine's ``begin`` event emits ours: ``BEGIN IMMEDIATE`` on the writer engine, so a
writer takes the write lock up front and waits (busy timeout) for another writer instead of
failing with "database is locked" when a read lock cannot be upgraded; plain ``BEGIN`` for
readers, which WAL never blocks.
"""

from __future__ import annotations

import logging
import sqlite3
from pathlib import Path
from typing import Any

from sqlalchemy import URL, Connection, Engine, create_engine, event

log = logging.getLogger(__name__)

BUSY_TIMEOUT_SECONDS = 5.0
_BEGIN_OPTION = "walletdesk_begin"
_BEGIN_SQL = {"deferred": "BEGIN", "immediate": "BEGIN IMMEDIATE"}


def create_sqlite_engine(path: Path, busy_timeout: float = BUSY_TIMEOUT_SECONDS, *,
                         read_only_mode: str | None = None) -> Engine:
    """An engine for the database file ``path`` (which must exist already).

    ``read_only_mode``: open it read-only with that URI parameter (``mode=ro`` or
    ``immutable=1``, see ``migrate.read_only_mode``) and leave its journal mode alone.
    """
    url = URL.create("sqlite+pysqlite", database=str(path))
    if read_only_mode is not None:  # SQLAlchemy passes the query on in SQLite's file: URI
        name, value = read_only_mode.split("=")
        url = URL.create("sqlite+pysqlite", database=path.resolve().as_uri(),
                         query={"uri": "true", name: value})
    engine = create_engine(
        url,
        connect_args={"isolation_level": None, "timeout": busy_timeout,
                      "check_same_thread": False},
    )
    busy_ms = max(0, int(busy_timeout * 1000))

    @event.listens_for(engine, "connect")
    def _configure(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute(f"PRAGMA busy_timeout = {busy_ms}")
            cursor.execute("PRAGMA foreign_keys = ON")
            if read_only_mode is not None:
                return
            (mode,) = cursor.execute("PRAGMA journal_mode = WAL").fetchone()
            if str(mode).lower() != "wal":
                log.warning("SQLite kept journal mode %s for %s", mode, path)
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(connection: Connection) -> None:
        mode = connection.get_execution_options().get(_BEGIN_OPTION, "deferred")
        connection.exec_driver_sql(_BEGIN_SQL[mode])

    return engine


def writer(engine: Engine) -> Engine:
    """The same engine (pool, events) whose transactions start with ``BEGIN IMMEDIATE``."""
    return engine.execution_options(**{_BEGIN_OPTION: "immediate"})
