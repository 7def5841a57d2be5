"""Backing the data folder's database up, and putting a backup back after checking it.

A restore checks, before anything is replaced: that the file is a sound WalletDesk
database of a revision this app knows (older ones are upgraded), and that the master key
available now (variable, keychain, or the backup's own password) opens its secrets; if not,
the message names the key it needs. The previous database is kept beside the new one.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from walletdesk.controllers.master_key import MasterKeyProvider
from walletdesk.core.errors import StorageError
from walletdesk.export.atomic import write_atomically
from walletdesk.store import backup
from walletdesk.store.database import Database, open_database
from walletdesk.store.key_record import KeyRecords

LOCK_FILE = "walletdesk.lock"  # the window's instance lock (ui.single_instance), read here


@dataclass(frozen=True, slots=True)
class Restored:
    secrets: int
    previous: Path | None  # where the replaced database was kept


class BackupController:
    def __init__(self, database_path: Path,
                 key_provider: Callable[[Database], MasterKeyProvider],
                 release: Callable[[], None] = lambda: None) -> None:
        """``key_provider(db)``: the master key sources, over ``db``. ``release``: closes
        this process's own connections to the database before it is replaced."""
        self._path = database_path
        self._key_provider = key_provider
        self._release = release

    def backup(self, target: Path, *, replace: bool = False) -> Path:
        if not self._path.exists():
            raise StorageError(f"There is nothing to back up yet: {self._path} does not exist.")
        data = backup.snapshot_bytes(self._path)

        def write(stream: IO[bytes]) -> None:
            stream.write(data)

        return write_atomically(target, write, replace=replace, noun="backup")

    def restore(self, source: Path, *, replace: bool = False) -> Restored:
        data = backup.read_backup(source)
        backup.check_backup(data, source)
        if self._path.exists() and not replace:
            raise StorageError(
                f"{self._path} holds data already, so nothing was restored: pass --force (or "
                "confirm in the window) to replace it; the current file is then kept beside it."
            )
        _refuse_if_another_window_is_open(self._path.parent)
        staged = backup.stage(data, self._path)
        try:
            secrets = self._check_staged(staged)
            self._release()
            previous = backup.put_in_place(staged, self._path)
        except BaseException:
            backup.discard(staged)
            raise
        return Restored(secrets, previous)

    def _check_staged(self, staged: Path) -> int:
        db = open_database(staged)  # an older backup is upgraded here, not in place
        try:
            records = KeyRecords(db)
            if records.any_secret() is not None:
                self._key_provider(db)(create=False)  # raises, naming the key it needs
            return records.count_secrets()
        finally:
            db.close()


def _refuse_if_another_window_is_open(data_dir: Path) -> None:
    try:
        pid = int((data_dir / LOCK_FILE).read_text(encoding="ascii").split()[0])
    except (OSError, ValueError, IndexError):
        return
    if pid == os.getpid():
        return  # the window restoring is this process
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return  # a stale lock
    except PermissionError:
        pass
    raise StorageError("A WalletDesk window has this data folder open: close it first (or "
                       "restore from its File menu), then try again.")
