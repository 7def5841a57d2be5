"""The first things a WalletDesk process does: keep secrets out of core dumps, and keep
every file it writes private.

Files: the umask gains 077 (the user's own stricter bits are kept), so every file any part
of the process creates (log, Qt settings, lock, SQLite's -wal and -shm, exports) is 0600 at
most and every folder 0700, whichever library opens it. ``make_private`` tightens a folder
or file that existed before (written by an older version, or by hand).

A crash dump holds the whole heap, so the API secret being signed with and the master key.
RLIMIT_CORE 0 stops the kernel writing one (children inherit the limit); on Linux,
PR_SET_DUMPABLE 0 also covers a core handler piped through core_pattern (systemd-coredump)
and stops other processes of the same user from attaching with ptrace or reading
/proc/PID/mem. Failures are ignored: a platform without these calls has no such dumps.
"""

from __future__ import annotations

import contextlib
import os
import stat
import sys
from pathlib import Path

PR_SET_DUMPABLE = 4


def disable_core_dumps() -> None:
    with contextlib.suppress(ImportError, OSError, ValueError):
        import resource

        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            import ctypes

            ctypes.CDLL(None, use_errno=True).prctl(PR_SET_DUMPABLE, 0, 0, 0, 0)


def keep_files_private() -> None:
    previous = os.umask(0o077)
    os.umask(previous | 0o077)


def make_private(path: Path) -> None:
    """Take group and other permissions off ``path`` if it is ours; a folder is 0700 then."""
    with contextlib.suppress(OSError):
        info = path.lstat()
        if stat.S_ISLNK(info.st_mode) or info.st_uid != os.geteuid():
            return
        if stat.S_IMODE(info.st_mode) & 0o077:
            os.chmod(path, stat.S_IMODE(info.st_mode) & 0o700)
