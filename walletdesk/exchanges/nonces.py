"""Strictly increasing nonces per API key, across threads and processes.

Kraken refuses any nonce not greater than the last one it saw for the key, with no time
window. The GUI and the CLI may refresh the same key at once, so a nonce is handed out under
a lock that both threads and processes honour (a lock file per key), and the lock is held
until the request that carries the nonce has been answered: two requests of one key never
race each other to the exchange. The nonce is the wall clock in microseconds, or one more
than the last one handed out if the clock has not moved on (or went back).

The lock file holds only the last nonce; its name is a hash of the API key, never the key.
"""

from __future__ import annotations

import contextlib
import os
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

_LOCK_WAIT_S = 30.0  # a request holds the lock for at most its own deadline


class NonceSource:
    def __init__(
        self, directory: Path | None, *, clock_us: Callable[[], int] | None = None
    ) -> None:
        """``directory`` None keeps nonces in this process only (tests, the benchmarks)."""
        self._directory = directory
        self._clock_us = clock_us or (lambda: time.time_ns() // 1000)
        self._guard = threading.Lock()
        self._locks: dict[str, threading.Lock] = {}
        self._last: dict[str, int] = {}

    @contextlib.contextmanager
    def hold(self, api_key: str) -> Iterator[Callable[[], int]]:
        """While the block runs, no other thread or process hands out nonces for ``api_key``;
        each call of what it yields gives the next one. Send the requests inside the block."""
        import hashlib  # on first use: exchange modules load at first paint

        name = hashlib.sha256(api_key.encode()).hexdigest()[:24]
        with self._guard:
            lock = self._locks.setdefault(name, threading.Lock())
        with lock:
            if self._directory is None:
                yield lambda: self._advance(name, 0)
                return
            self._directory.mkdir(parents=True, exist_ok=True)
            path = self._directory / f"{name}.nonce"
            fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
            try:
                _lock(fd)
                try:

                    def next_nonce() -> int:
                        nonce = self._advance(name, _read_last(fd))
                        _write_last(fd, nonce)
                        return nonce

                    yield next_nonce
                finally:
                    _unlock(fd)
            finally:
                os.close(fd)

    def _advance(self, name: str, last: int) -> int:
        nonce = max(self._clock_us(), last + 1, self._last.get(name, 0) + 1)
        self._last[name] = nonce
        return nonce


def _read_last(fd: int) -> int:
    os.lseek(fd, 0, os.SEEK_SET)
    text = os.read(fd, 32).decode("ascii", "replace").strip()
    return int(text) if text.isdigit() else 0


def _write_last(fd: int, nonce: int) -> None:
    os.lseek(fd, 0, os.SEEK_SET)
    os.ftruncate(fd, 0)
    os.write(fd, str(nonce).encode("ascii"))


if sys.platform == "win32":
    import msvcrt

    def _lock(fd: int) -> None:
        deadline = time.monotonic() + _LOCK_WAIT_S
        os.lseek(fd, 0, os.SEEK_SET)
        while True:
            try:
                msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
                return
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.01)

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _lock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_EX)

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)
