"""Turn SQLite and file-system failures into one-line ``StorageError`` messages.

Each message names the file and says what the user can do about it.
"""

from __future__ import annotations

import errno
from pathlib import Path

from walletdesk.core.errors import DatabaseUnusableError, StorageError

_DATA_DIR_HINT = "or choose another data folder with --data-dir"

# SQLite primary result codes (https://sqlite.org/rescode.html)
_PERM, _BUSY, _LOCKED, _READONLY, _IOERR, _CORRUPT, _FULL, _CANTOPEN, _NOTADB = (
    3, 5, 6, 8, 10, 11, 13, 14, 26,
)
_IOERR_SHMSIZE = _IOERR | (19 << 8)  # the WAL index could not grow: usually a full disk


def disk_full(path: Path) -> StorageError:
    return StorageError(f"The disk holding {path} is full: free some space, then try again.")


def read_only(path: Path) -> StorageError:
    return StorageError(
        f"WalletDesk cannot write to {path} (the file or its folder is read-only): "
        f"make it writable {_DATA_DIR_HINT}."
    )


def not_a_database(path: Path) -> StorageError:
    return DatabaseUnusableError(
        f"{path} is not a WalletDesk database (it is not an SQLite file): "
        f"move it away {_DATA_DIR_HINT}.", path, "is not an SQLite file"
    )


def foreign_database(path: Path) -> StorageError:
    return DatabaseUnusableError(
        f"{path} is an SQLite database that WalletDesk did not create: "
        f"move it away {_DATA_DIR_HINT}.", path, "was not created by WalletDesk"
    )


def newer_schema(path: Path, revision: str) -> StorageError:
    return StorageError(
        f"{path} was written by a newer version of WalletDesk (schema {revision[:40]}): "
        "update WalletDesk to open it; the file was left unchanged."
    )


def locked(path: Path) -> StorageError:
    return StorageError(
        f"The database {path} is busy in another program (another WalletDesk window?): "
        "close it, then try again."
    )


def from_os_error(error: OSError, path: Path) -> StorageError:
    if error.errno in (errno.ENOSPC, errno.EDQUOT):
        return disk_full(path)
    if error.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return read_only(path)
    return StorageError(
        f"WalletDesk cannot open {path} ({error.strerror}): check the disk {_DATA_DIR_HINT}."
    )


def from_sqlite_error(error: BaseException | None, path: Path) -> StorageError:
    """Map a ``sqlite3`` error (SQLAlchemy's ``exc.orig``) to a message for the user."""
    code = getattr(error, "sqlite_errorcode", None)
    primary = code & 0xFF if isinstance(code, int) else None
    if primary == _FULL or code == _IOERR_SHMSIZE:
        return disk_full(path)
    if primary in (_READONLY, _PERM):
        return read_only(path)
    if primary in (_BUSY, _LOCKED):
        return locked(path)
    if primary == _NOTADB:
        return not_a_database(path)
    if primary == _CORRUPT:
        return DatabaseUnusableError(
            f"The database {path} is damaged: restore it from a backup, or move it away "
            "to start afresh.", path, "is damaged"
        )
    if primary == _CANTOPEN:
        return StorageError(
            f"WalletDesk cannot open {path}: check that its folder exists and is writable, "
            f"{_DATA_DIR_HINT}."
        )
    if primary == _IOERR:
        return StorageError(
            f"Reading or writing {path} failed (disk error): check the disk, then try again."
        )
    detail = str(error).splitlines()[0][:80] if str(error) else type(error).__name__
    return StorageError(
        f"The database {path} could not be used ({detail}): try again {_DATA_DIR_HINT}."
    )

