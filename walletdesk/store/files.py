"""The database file on disk: private from birth, never overwritten, checked before use.

The file is created here with mode 0600 (its folder 0700) before SQLite sees it, so it is
never readable by others, not even for a moment; SQLite gives its -wal and -shm files the
same mode. An existing file is only ever opened, never created anew or truncated.
"""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path

from walletdesk.core.errors import StorageError
from walletdesk.store import storage_errors

FILE_MODE = 0o600
DIR_MODE = 0o700
_EFFECTIVE_IDS = os.access in os.supports_effective_ids  # root: still EROFS, EPERM


def ensure_parent_dir(path: Path) -> None:
    """Create the database's folder (0700) if missing; an existing folder is left as is."""
    parent = path.parent
    if parent.is_dir():
        return
    try:
        parent.mkdir(parents=True, mode=DIR_MODE)
        os.chmod(parent, DIR_MODE)  # mkdir's mode is filtered by the umask
    except FileExistsError:
        if not parent.is_dir():
            raise StorageError(
                f"{parent} is a file, not a folder: move it away or choose another data "
                "folder with --data-dir."
            ) from None
    except OSError as exc:
        raise storage_errors.from_os_error(exc, path) from exc


def create_if_missing(path: Path) -> bool:
    """Create an empty database file with mode 0600; False if it existed already."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    except FileExistsError:
        return False
    except OSError as exc:
        raise storage_errors.from_os_error(exc, path) from exc
    os.close(fd)
    return True


def check_regular(path: Path) -> None:
    """Refuse a database path that is not a regular file (a folder, a device...)."""
    if not path.is_file():
        raise StorageError(
            f"{path} is not a regular file: move it away or choose another data folder "
            "with --data-dir."
        )


def is_writable(path: Path) -> bool:
    """Whether the database can be written: the file, and its folder (WAL files live there)."""
    return all(os.access(target, os.W_OK, effective_ids=_EFFECTIVE_IDS)
               for target in (path, path.parent))


def set_aside(database: Path, now: datetime) -> Path:
    """Move a damaged database (and its WAL and shared-memory files) out of the way, so
    WalletDesk starts afresh beside it; nothing is deleted. Returns the new name."""
    stamp = now.strftime("%Y%m%d-%H%M%S")
    kept = database.with_name(f"{database.name}.damaged-{stamp}")
    try:
        for suffix in ("", "-wal", "-shm"):
            part = database.with_name(database.name + suffix)
            if part.exists():
                os.replace(part, kept.with_name(kept.name + suffix))
    except OSError as exc:
        raise storage_errors.from_os_error(exc, database) from exc
    return kept
