"""The real GUI, ``python -m walletdesk``, as a process (offscreen Qt)."""

from __future__ import annotations

import os
import subprocess
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.stress import processes


def holds_open(pid: int, path: Path) -> bool:
    """Whether process ``pid`` has ``path`` open (Linux: /proc/PID/fd)."""
    fds = Path(f"/proc/{pid}/fd")
    try:
        return any(os.readlink(fd) == str(path) for fd in fds.iterdir())
    except OSError:
        return False


@contextmanager
def running_gui(database: Path, env: Mapping[str, str]) -> Iterator[subprocess.Popen[str]]:
    """The window, up and holding ``database`` open; killed at the end if still running."""
    if not Path("/proc/self/fd").is_dir():
        pytest.skip("needs /proc to see when the GUI has opened the database")
    gui = processes.walletdesk(env={"QT_QPA_PLATFORM": "offscreen", **env})
    try:
        deadline = time.monotonic() + 30
        while not holds_open(gui.pid, database):
            assert gui.poll() is None, f"the GUI exited early: {gui.communicate()}"
            assert time.monotonic() < deadline, "the GUI did not open the database"
            time.sleep(0.05)
        yield gui
    finally:
        if gui.poll() is None:
            gui.terminate()
        gui.communicate(timeout=30)
