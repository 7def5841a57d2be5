"""Noticing that another connection changed the database: the CLI refreshing or adding a
key while the window is open, another process, or this process's own ORM writes.

SQLite's ``PRAGMA data_version`` changes on a connection whenever any *other* connection
has committed since it last asked; asking costs microseconds and takes no lock, so the
window can poll it on a timer. Standard library only (no SQLAlchemy), read-only.
"""

from __future__ import annotations

import logging
import sqlite3
from pathlib import Path

log = logging.getLogger(__name__)


class DataVersionWatch:
    def __init__(self, database_path: Path) -> None:
        self._path = database_path
        self._connection: sqlite3.Connection | None = None
        self._seen: int | None = None
        self._existed = database_path.is_file()

    def changed(self) -> bool:
        """True once for each batch of commits by other connections since the last call
        (or since ``mark_seen``). A database that is not there yet has not changed."""
        version = self._version()
        if version is None:
            return False
        if self._seen is None:  # the first look: a database created since then is new
            self._seen = version
            return not self._existed
        if version == self._seen:
            return False
        self._seen = version
        return True

    def mark_seen(self) -> None:
        """What is committed now is about to be read: only later commits count as changes.
        (No database yet: the first one seen counts as a change, which costs at most one
        extra read at the very first start.)"""
        self._seen = self._version()
        self._existed = self._seen is not None

    def close(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None

    def _version(self) -> int | None:
        connection = self._connection or self._open()
        if connection is None:
            return None
        try:
            row = connection.execute("PRAGMA data_version").fetchone()
        except sqlite3.Error as exc:
            log.info("Cannot watch the database for changes (%s)", type(exc).__name__)
            self.close()
            return None
        return int(row[0])

    def _open(self) -> sqlite3.Connection | None:
        if not self._path.is_file():
            return None
        uri = f"{self._path.resolve().as_uri()}?mode=ro"
        try:
            self._connection = sqlite3.connect(uri, uri=True, timeout=0.5, isolation_level=None,
                                               check_same_thread=False)
        except sqlite3.Error:
            return None
        return self._connection
