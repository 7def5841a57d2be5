"""Bring a database to this app's schema revision with Alembic, configured in code.

The stored revision is first read with the standard library, read-only, so that a file
written by a newer WalletDesk, or by another program, is refused without being touched.
A database already at ``HEAD_REVISION`` is opened without importing Alembic at all.
"""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine

from walletdesk.core.errors import StorageError
from walletdesk.store import storage_errors
from walletdesk.store.migrations import HEAD_REVISION

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS_DIR = Path(__file__).with_name("migrations")
_VERSION_TABLE = "alembic_version"
_SQLITE_INTERNAL = frozenset({"sqlite_sequence", "sqlite_stat1", "sqlite_stat4"})


def stored_revisions(path: Path, busy_timeout: float) -> tuple[str, ...]:
    """The revision(s) recorded in the file; () for a new, empty database."""
    uri = f"{path.resolve().as_uri()}?{read_only_mode(path)}"
    try:
        with closing(sqlite3.connect(uri, uri=True, timeout=busy_timeout)) as connection:
            tables = {row[0] for row in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table'")}
            if _VERSION_TABLE not in tables:
                if tables - _SQLITE_INTERNAL:
                    raise storage_errors.foreign_database(path)
                return ()
            rows = connection.execute("SELECT version_num FROM alembic_version").fetchall()
    except sqlite3.Error as exc:
        raise storage_errors.from_sqlite_error(exc, path) from exc
    return tuple(sorted(str(row[0]) for row in rows))


def read_only_mode(path: Path) -> str:
    """``immutable=1`` when no other connection can be writing: without a -wal or -journal
    file the main file is complete, and an immutable read leaves no -wal/-shm files behind
    (this may be a file that must not be touched). Otherwise an ordinary read-only open."""
    busy = any(Path(f"{path}{suffix}").exists() for suffix in ("-wal", "-journal"))
    return "mode=ro" if busy else "immutable=1"


def is_current(revisions: tuple[str, ...]) -> bool:
    return revisions == (HEAD_REVISION,)


def alembic_config(connection: Connection | None = None) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR).replace("%", "%%"))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def upgrade(writer: Engine, path: Path) -> None:
    """Run ``upgrade head`` in one ``BEGIN IMMEDIATE`` transaction on ``writer``.

    Foreign keys are off meanwhile (a batch migration rebuilds tables, and dropping a parent
    table must not cascade), then checked before the commit.
    """
    from alembic import command
    from alembic.runtime.migration import MigrationContext

    with writer.connect() as connection:
        raw = connection.connection.driver_connection
        assert raw is not None
        raw.execute("PRAGMA foreign_keys = OFF")  # only possible outside a transaction
        try:
            with connection.begin():
                heads = MigrationContext.configure(connection).get_current_heads()
                refuse_unknown(heads, path)
                command.upgrade(alembic_config(connection), "head")
                if connection.exec_driver_sql("PRAGMA foreign_key_check").first():
                    raise StorageError(
                        f"Upgrading {path} would break its data, so it was left unchanged: "
                        "report this to WalletDesk's developers."
                    )
        finally:
            raw.execute("PRAGMA foreign_keys = ON")


def refuse_unknown(revisions: tuple[str, ...], path: Path) -> None:
    """Refuse a revision that this app does not know: a newer WalletDesk wrote the file."""
    if not revisions or is_current(revisions):
        return
    from alembic.script import ScriptDirectory

    scripts = ScriptDirectory.from_config(alembic_config())
    known = {script.revision for script in scripts.walk_revisions()}
    for revision in revisions:
        if revision not in known:
            raise storage_errors.newer_schema(path, revision)
