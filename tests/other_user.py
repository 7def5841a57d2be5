"""A second OS user for tests about what other local users can do.

Created for the session when the tests run as root (``useradd``), removed afterwards (and
left-overs of sessions that were killed, the next time);
elsewhere the tests that need one skip and say why. ``shared_folder`` is a world-writable,
sticky folder like ``/tmp`` (the test's own tmp_path is private to the test user).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.system_parts import skip_missing

PREFIX = "wdother"  # + the pid of the test session that made the user


@dataclass(frozen=True)
class OsUser:
    name: str
    uid: int
    gid: int

    def run(self, *command: str) -> subprocess.CompletedProcess[str]:
        """Run ``command`` as this user (no supplementary groups), failing loudly."""
        return subprocess.run(command, user=self.uid, group=self.gid, extra_groups=[],
                              capture_output=True, text=True, check=True, timeout=60,
                              env={"PATH": os.environ.get("PATH", "/usr/bin:/bin")})


@pytest.fixture(scope="session")
def other_os_user() -> Iterator[OsUser]:
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        pytest.skip("needs a second OS user, which only root can create for the test")
    useradd, userdel = shutil.which("useradd"), shutil.which("userdel")
    if useradd is None or userdel is None:
        skip_missing("useradd and userdel (root creates a second OS user with them)", "passwd")
    _remove_left_over_users(userdel)
    name = f"{PREFIX}{os.getpid()}"
    subprocess.run([useradd, "--no-create-home", "--shell", "/bin/false", name], check=True,
                   capture_output=True)
    try:
        import pwd

        entry = pwd.getpwnam(name)
        yield OsUser(name, entry.pw_uid, entry.pw_gid)
    finally:
        subprocess.run([userdel, name], check=False, capture_output=True)


def _remove_left_over_users(userdel: str) -> None:
    """Users of test sessions that were killed before their teardown (their pid is gone)."""
    import pwd

    for entry in pwd.getpwall():
        match = re.fullmatch(rf"{PREFIX}(\d+)", entry.pw_name)
        if match is None:
            continue
        try:
            os.kill(int(match.group(1)), 0)
        except ProcessLookupError:
            subprocess.run([userdel, entry.pw_name], check=False, capture_output=True)
        except PermissionError:
            pass


@pytest.fixture
def shared_folder() -> Iterator[Path]:
    """A folder every user may write to, sticky like /tmp (outside the private tmp_path)."""
    path = Path(tempfile.mkdtemp(prefix="walletdesk-shared-"))
    path.chmod(0o1777)
    try:
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)
