"""Backups of the database file: a consistent copy taken while others may write, and a
checked way back.

A backup is taken with SQLite's online backup API from a read-only connection, so an open
window (which writes in WAL mode) is neither blocked nor able to leave the copy half
updated. The copy is a plain (rollback-journal) database file, readable on a read-only
mount. A restore first stages the backup next to the database and checks it there
(integrity, schema revision, migration to this app's revision); only a checked copy
replaces the database, in one rename, after the previous file is kept beside it.
"""

from __future__ import annotations

import os
import sqlite3
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path

from walletdesk.core.errors import StorageError
from walletdesk.store import migrate, storage_errors

STAGED_SUFFIX = ".restoring"
PREVIOUS_SUFFIX = ".before-restore"
_MAX_BACKUP_BYTES = 2 * 1024**3  # far beyond any portfolio; a wrong file stops here


def snapshot_bytes(database: Path) -> bytes:
    """A consistent copy of ``database`` as the bytes of a database file."""
    uri = f"{database.resolve().as_uri()}?{migrate.read_only_mode(database)}"
    try:
        with closing(sqlite3.connect(uri, uri=True)) as source, \
                closing(sqlite3.connect(":memory:")) as copy:
            source.backup(copy)
            return without_wal(copy.serialize())
    except sqlite3.Error as exc:
        raise storage_errors.from_sqlite_error(exc, database) from exc


def without_wal(data: bytes) -> bytes:
    """The database file marked as a rollback-journal one (header bytes 18 and 19, "file
    format write/read version": 2 means WAL): readable where no -wal/-shm file can be made,
    and loadable into memory. WalletDesk turns WAL back on when it opens the file."""
    if len(data) < 20 or data[18:20] == b"\x01\x01":
        return data
    return data[:18] + b"\x01\x01" + data[20:]


def check_backup(data: bytes, source: Path) -> tuple[str, ...]:
    """Refuse what is not a sound WalletDesk database; return its schema revisions.

    ``data`` must have been passed through ``without_wal``."""
    if not data.startswith(b"SQLite format 3\x00"):
        raise StorageError(f"{source} is not a WalletDesk backup (it is not an SQLite file): "
                           "choose a file made by File → Back up… or `walletdesk backup`.")
    try:
        with closing(sqlite3.connect(":memory:")) as copy:
            copy.deserialize(data)
            (verdict,) = copy.execute("PRAGMA integrity_check(1)").fetchone()
            if verdict != "ok":
                reason = " ".join(str(verdict).replace("*", "").split())[:80]
                raise StorageError(f"{source} is damaged ({reason}), so it was not "
                                   "restored: choose an older backup.")
            tables = {row[0] for row in copy.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table'")}
            if "alembic_version" not in tables:
                raise storage_errors.foreign_database(source)
            rows = copy.execute("SELECT version_num FROM alembic_version").fetchall()
    except sqlite3.DatabaseError as exc:
        raise StorageError(f"{source} is damaged ({' '.join(str(exc).split())[:80]}), so it "
                           "was not restored: choose "
                           "an older backup.") from exc
    revisions = tuple(sorted(str(row[0]) for row in rows))
    migrate.refuse_unknown(revisions, source)
    return revisions


def read_backup(source: Path) -> bytes:
    try:
        size = source.stat().st_size
        if size > _MAX_BACKUP_BYTES:
            raise StorageError(f"{source} is far larger than any WalletDesk backup: choose "
                               "the file that `walletdesk backup` wrote.")
        return without_wal(source.read_bytes())
    except OSError as exc:
        raise StorageError(f"Could not read the backup {source}: "
                           f"{exc.strerror or 'the file cannot be read'}.") from exc


def stage(data: bytes, database: Path) -> Path:
    """Write the backup next to the database (same disk, so the final rename is atomic)."""
    staged = database.with_name(database.name + STAGED_SUFFIX)
    for leftover in _with_journals(staged):
        leftover.unlink(missing_ok=True)
    try:
        fd = os.open(staged, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
    except OSError as exc:
        staged.unlink(missing_ok=True)
        raise storage_errors.from_os_error(exc, staged) from exc
    return staged


def discard(staged: Path) -> None:
    for path in _with_journals(staged):
        path.unlink(missing_ok=True)


def put_in_place(staged: Path, database: Path) -> Path | None:
    """Replace ``database`` with the checked ``staged`` copy; return where the previous
    database was kept (None when there was none). No connection may be open on either."""
    previous = None
    if database.exists():
        _fold_journal(database)
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        previous = database.with_name(f"{database.name}{PREVIOUS_SUFFIX}-{stamp}")
        os.link(database, previous)  # the old data stays reachable under a new name
    for journal in _with_journals(database)[1:]:
        journal.unlink(missing_ok=True)  # a stale WAL must never be applied to the new file
    os.replace(staged, database)
    return previous


def _fold_journal(database: Path) -> None:
    """Write a pending WAL back into the database file, so the kept copy is complete."""
    try:
        with closing(sqlite3.connect(database)) as connection:
            connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    except sqlite3.Error as exc:
        raise storage_errors.from_sqlite_error(exc, database) from exc


def _with_journals(path: Path) -> list[Path]:
    return [path, *(path.with_name(path.name + suffix) for suffix in ("-wal", "-shm",
                                                                     "-journal"))]
