"""Every file WalletDesk writes is 0600 and every folder 0700, also ones an older version
left readable; another OS user can read none of them. Real processes, a real window."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.other_user import OsUser
from tests.ui.test_termination import start_window, windows  # noqa: F401  (fixture)

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")


def settings_folder() -> Path:
    return Path(os.environ["XDG_CONFIG_HOME"]) / "WalletDesk"


@pytest.fixture
def used_folders(data_dir: Path, master_key: bytes,
                 windows: list[subprocess.Popen[str]]) -> Iterator[list[Path]]:  # noqa: F811
    """Folders left open by an older version, then used by the CLI and the window."""
    logs = data_dir / "logs"
    for folder in (data_dir, logs, settings_folder()):
        folder.mkdir(parents=True, exist_ok=True)
        folder.chmod(0o755)
    for old in (logs / "walletdesk.log", logs / "walletdesk.log.1",
                settings_folder() / "WalletDesk.conf"):
        old.write_text("[General]\n" if old.suffix == ".conf" else "an old line\n")
        old.chmod(0o644)
    added = subprocess.run([sys.executable, "-m", "walletdesk", "credentials", "add",
                            "--exchange", "demo", "--api-key", "k"],
                           capture_output=True, text=True, timeout=120, check=False)
    assert added.returncode == 0, added.stderr
    window = start_window(data_dir, windows)
    lock = data_dir / "walletdesk.lock"
    assert lock.exists() and stat.S_IMODE(lock.stat().st_mode) == 0o600
    window.send_signal(signal.SIGTERM)
    window.communicate(timeout=30)
    assert window.returncode == 0
    yield [data_dir, settings_folder()]


def everything_in(folders: list[Path]) -> list[Path]:
    return [path for folder in folders for path in [folder, *folder.rglob("*")]]


def test_every_file_is_0600_and_every_folder_0700(used_folders: list[Path]) -> None:
    paths = everything_in(used_folders)
    assert any(p.name == "walletdesk.db" for p in paths)
    assert any(p.name == "WalletDesk.conf" for p in paths)
    modes = {str(p): oct(stat.S_IMODE(p.stat().st_mode)) for p in paths}
    wrong = {path: mode for path, mode in modes.items()
             if mode != ("0o700" if Path(path).is_dir() else "0o600")}
    assert wrong == {}


def test_another_os_user_can_read_none_of_them(used_folders: list[Path],
                                               other_os_user: OsUser) -> None:
    for path in everything_in(used_folders):
        if path.is_file():
            with pytest.raises(subprocess.CalledProcessError):
                other_os_user.run("cat", str(path))
