"""Run a command as if one system library were missing, without uninstalling it.

As root, in a private mount namespace (``unshare --mount``), an empty file is bind-mounted
over the library's real file: the loader finds the name but cannot load it, as when the file
is gone, and nothing outside the command sees the change.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Mapping, Sequence
from pathlib import Path

import pytest

from tests.system_parts import skip_missing


def library_file(soname: str, debian_package: str) -> Path:
    """The real file the loader opens for ``soname`` (from ldconfig's cache)."""
    listing = subprocess.run(["ldconfig", "-p"], capture_output=True, text=True,
                             check=True).stdout
    for line in listing.splitlines():  # "\tlibxcb.so.1 (libc6,x86-64) => /lib/.../libxcb.so.1"
        name, _, path = line.strip().partition(" => ")
        if name.split(" ")[0] == soname:
            return Path(path).resolve()
    skip_missing(soname, debian_package)


def run_without(soname: str, debian_package: str, command: Sequence[str],
                env: Mapping[str, str], empty: Path) -> subprocess.CompletedProcess[str]:
    """Run ``command`` with ``soname``'s file hidden behind the empty file ``empty``."""
    if os.geteuid() != 0:
        pytest.skip("needs root to bind-mount over a system library")
    unshare = shutil.which("unshare")
    if unshare is None:
        skip_missing("unshare", "util-linux")
    target = library_file(soname, debian_package)
    empty.write_bytes(b"")
    script = 'mount --bind "$1" "$2" && shift 2 && exec "$@"'
    result = subprocess.run(
        [unshare, "--mount", "sh", "-c", script, "sh", str(empty), str(target), *command],
        env=dict(env), capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL,
        check=False,
    )
    if "mount:" in result.stderr or "unshare:" in result.stderr:
        pytest.skip(f"cannot bind-mount here: {result.stderr.strip()[:200]}")
    return result


def assert_named_in_one_line(stderr: str, returncode: int, soname: str, package: str) -> None:
    """WalletDesk's start-up check: exit 1 and one line naming the library and its package."""
    assert returncode == 1, (returncode, stderr)
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    assert soname in lines[0] and f"apt-get install {package}" in lines[0], lines[0]
    assert '"System libraries (bare Linux)" in README.md' in lines[0]
