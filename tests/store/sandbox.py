"""Real read-only files and real full disks, as far as the machine allows.

Read-only: permission bits for a normal user; root ignores those, so for root the
immutable attribute (``chattr +i``), which the kernel enforces for root too.
Full disk: a small tmpfs mounted in a private mount namespace (``unshare``), so nothing
outside the test process sees it. Tests skip, saying why, where neither is possible.
"""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.system_parts import skip_missing

REPO = Path(__file__).parents[2]


@contextmanager
def read_only(*paths: Path) -> Iterator[None]:
    if os.geteuid() != 0:
        modes = {path: stat.S_IMODE(path.stat().st_mode) for path in paths}
        try:
            for path, mode in modes.items():
                path.chmod(mode & ~0o222)
            yield
        finally:
            for path, mode in modes.items():
                path.chmod(mode)
        return
    chattr = shutil.which("chattr")
    if chattr is None:
        skip_missing("chattr (root needs it to make a file read-only)", "e2fsprogs")
    frozen: list[Path] = []
    try:
        for path in paths:
            result = subprocess.run([chattr, "+i", str(path)], capture_output=True, text=True,
                                    check=False)
            if result.returncode != 0:
                pytest.skip(f"running as root and chattr +i fails here: {result.stderr.strip()}")
            frozen.append(path)
        yield
    finally:
        for path in frozen:
            subprocess.run([chattr, "-i", str(path)], check=True)


def run_on_small_disk(mount_point: Path, size: str, *args: str) -> subprocess.CompletedProcess[str]:
    """Run ``python -m tests.store.small_disk ARGS`` with a ``size`` tmpfs on ``mount_point``."""
    unshare = shutil.which("unshare")
    if unshare is None:
        skip_missing("unshare (to mount a small disk)", "util-linux")
    namespace = [unshare, "--mount"] + ([] if os.geteuid() == 0 else ["--map-root-user"])
    script = 'mount -t tmpfs -o "size=$1" tmpfs "$2" && shift 2 && exec "$@"'
    result = subprocess.run(
        [*namespace, "sh", "-c", script, "sh", size, str(mount_point),
         sys.executable, "-m", "tests.store.small_disk", str(mount_point), *args],
        capture_output=True, text=True, cwd=REPO, timeout=120, check=False,
    )
    if "mount:" in result.stderr or "unshare:" in result.stderr:
        pytest.skip(f"cannot mount a small disk here: {result.stderr.strip()[:200]}")
    return result
