"""One session refresh at a time across processes sharing a data folder.

Refresh tokens rotate: a refresh spends the stored token and returns a new one. Two
processes refreshing at once (``walletdesk whoami & walletdesk whoami``, or the GUI and a
command) would send the same token twice; the loser gets ``invalid_grant``, and a provider
with reuse detection ends the whole session. So a refresh holds an OS file lock on
``DIR/session.lock`` (``flock`` on POSIX, ``msvcrt.locking`` on Windows), released by the OS
if the process dies. The file holds nothing; only the lock on it matters.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from walletdesk.core.errors import AuthError

log = logging.getLogger(__name__)

LOCK_FILE = "session.lock"
WAIT_SECONDS = 120.0  # longer than one refresh can take (its HTTP timeouts)
POLL_SECONDS = 0.05


@contextlib.contextmanager
def session_lock(data_dir: Path, *, wait: float = WAIT_SECONDS) -> Iterator[None]:
    try:
        data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd = os.open(data_dir / LOCK_FILE, os.O_RDWR | os.O_CREAT, 0o600)
    except OSError as exc:  # a read-only data folder (a restored backup): nobody writes it
        log.warning("no session lock in a folder that cannot be written (%s)", exc.strerror)
        yield
        return
    try:
        deadline = time.monotonic() + wait
        while not _try_lock(fd):
            if time.monotonic() >= deadline:
                raise AuthError(
                    "Another WalletDesk window or command has been checking your sign-in "
                    f"session for over {wait:g} seconds. Wait for it, or close it, and try "
                    "again."
                )
            time.sleep(POLL_SECONDS)
        try:
            yield
        finally:
            _unlock(fd)
    finally:
        os.close(fd)


if sys.platform == "win32":
    import msvcrt

    def _try_lock(fd: int) -> bool:
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)
