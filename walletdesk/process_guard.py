"""Keep secrets out of core dumps: the first thing a WalletDesk process does.

A crash dump holds the whole heap, so the API secret being signed with and the master key.
RLIMIT_CORE 0 stops the kernel writing one (children inherit the limit); on Linux,
PR_SET_DUMPABLE 0 also covers a core handler piped through core_pattern (systemd-coredump)
and stops other processes of the same user from attaching with ptrace or reading
/proc/PID/mem. Failures are ignored: a platform without these calls has no such dumps.
"""

from __future__ import annotations

import contextlib
import sys

PR_SET_DUMPABLE = 4
PR_GET_DUMPABLE = 3


def disable_core_dumps() -> None:
    with contextlib.suppress(ImportError, OSError, ValueError):
        import resource

        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            import ctypes

            ctypes.CDLL(None, use_errno=True).prctl(PR_SET_DUMPABLE, 0, 0, 0, 0)


def dumpable() -> bool:
    """Whether this process may still dump core (Linux), for tests and diagnostics."""
    import ctypes

    return bool(ctypes.CDLL(None).prctl(PR_GET_DUMPABLE, 0, 0, 0, 0))
