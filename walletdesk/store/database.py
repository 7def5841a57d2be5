"""Open the database and hand out transactions.

``open_database`` prepares the file (private, never overwritten), refuses files it must not
touch, brings the schema to this app's revision and returns a ``Database``. All failures the
user can act on come out as ``StorageError`` with a one-line message.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.orm import Session

from walletdesk.core.errors import StorageError
from walletdesk.store import files, migrate, storage_errors
from walletdesk.store.engine import BUSY_TIMEOUT_SECONDS, create_sqlite_engine, writer


class Database:
    """An open WalletDesk database: the engine and its transactions."""

    def __init__(self, path: Path, engine: Engine, *, read_only: bool = False) -> None:
        self.path = path
        self.engine = engine
        self.read_only = read_only
        self._writer = writer(engine)

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """A write transaction (``BEGIN IMMEDIATE``): commit on success, rollback on error.

        Another writer waits for the busy timeout instead of failing at once. A database
        opened read-only refuses at once, saying so.
        """
        self.check_writable()
        with self._session(self._writer) as session:
            yield session

    def check_writable(self) -> None:
        """Refuse up front work that ends in a write (a refresh), on a read-only database."""
        if self.read_only:
            raise storage_errors.read_only(self.path)

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A read transaction: one consistent snapshot, never blocked by a writer (WAL)."""
        with self._session(self.engine) as session:
            yield session

    def close(self) -> None:
        self.engine.dispose()

    @contextmanager
    def _session(self, engine: Engine) -> Iterator[Session]:
        try:
            with Session(engine, expire_on_commit=False) as session, session.begin():
                yield session
        except IntegrityError:
            raise  # a data conflict: the repositories turn it into words
        except DBAPIError as exc:
            raise storage_errors.from_sqlite_error(exc.orig, self.path) from exc


def open_database(path: Path, *, busy_timeout: float = BUSY_TIMEOUT_SECONDS) -> Database:
    """Open (creating if needed) the database at ``path`` and migrate it to this app's schema.

    A database that cannot be written (a read-only file, folder or mount: a backup kept
    safe) is opened read-only when it is at this app's revision: reading works, every
    write says the file is read-only.
    """
    path = Path(path).absolute()
    files.ensure_parent_dir(path)
    if files.create_if_missing(path):
        revisions: tuple[str, ...] = ()
    else:
        revisions = migrate.stored_revisions(path, busy_timeout)
        migrate.refuse_unknown(revisions, path)
        files.check_regular(path)
        if not files.is_writable(path):
            return _open_read_only(path, revisions, busy_timeout)
    engine = create_sqlite_engine(path, busy_timeout)
    try:
        if migrate.is_current(revisions):
            with engine.connect():
                pass  # runs the connection set-up, so its failures surface here
        else:
            migrate.upgrade(writer(engine), path)
    except DBAPIError as exc:
        engine.dispose()
        raise storage_errors.from_sqlite_error(exc.orig, path) from exc
    except BaseException:
        engine.dispose()
        raise
    return Database(path, engine)


def _open_read_only(path: Path, revisions: tuple[str, ...], busy_timeout: float) -> Database:
    if not migrate.is_current(revisions):
        raise StorageError(
            f"{path} was written by an older WalletDesk and must be upgraded, but it is "
            "read-only: make it writable, or copy the data folder somewhere writable and "
            "open that with --data-dir."
        )
    engine = create_sqlite_engine(path, busy_timeout,
                                  read_only_mode=migrate.read_only_mode(path))
    try:
        with engine.connect():
            pass
    except DBAPIError as exc:
        engine.dispose()
        raise storage_errors.from_sqlite_error(exc.orig, path) from exc
    return Database(path, engine, read_only=True)
