"""Pausing Python's cyclic garbage collector while a refresh builds and stores its rows
(and while the window starts, until its first paint: ``app._run_window``).

A 10,000-asset refresh creates a few hundred thousand short-lived tuples and dicts. None of
them form reference cycles (reference counting frees them), but their allocation alone sets
off the collector's generational passes, and each full pass walks every object of the
process: about a third of such a refresh's CPU time in ``bench_real_accounts.py``, more in
the window's larger heap. Within ``bulk_work()`` the collector waits; it runs again as the
last concurrent user leaves (refreshes of several keys overlap, so the pause is counted).
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_users = 0
_was_enabled = False


@contextmanager
def bulk_work() -> Iterator[None]:
    global _users, _was_enabled  # noqa: PLW0603 - one process-wide collector to pause
    with _lock:
        if _users == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _users += 1
    try:
        yield
    finally:
        with _lock:
            _users -= 1
            if _users == 0 and _was_enabled:
                gc.enable()
