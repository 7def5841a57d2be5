"""SIGTERM (logout, ``kill``), SIGINT (Ctrl+C in a terminal) and SIGHUP (that terminal closed)
close the real window the way Ctrl+Q does: settings saved, lock released, exit 0."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.ui.seeding import seed, synthetic
from walletdesk.ui.single_instance import LOCK_FILE

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")


@pytest.fixture
def windows() -> Iterator[list[subprocess.Popen[str]]]:
    """Windows a test started; any still running at the end is killed."""
    started: list[subprocess.Popen[str]] = []
    yield started
    for window in started:
        if window.poll() is None:
            window.kill()
            window.communicate()


def start_window(data_dir: Path, windows: list[subprocess.Popen[str]]) -> subprocess.Popen[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "WALLETDESK_DATA_DIR": str(data_dir)}
    window = subprocess.Popen([sys.executable, "-m", "walletdesk"], env=env, text=True,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    windows.append(window)
    log = data_dir / "logs" / "walletdesk.log"
    deadline = time.monotonic() + 30
    while not (log.is_file() and "first paint" in log.read_text()):
        assert window.poll() is None, window.communicate()
        assert time.monotonic() < deadline, "the window never painted"
        time.sleep(0.05)
    return window


@pytest.mark.parametrize("number", [signal.SIGTERM, signal.SIGINT, signal.SIGHUP],
                         ids=["SIGTERM", "SIGINT", "SIGHUP"])
def test_a_termination_signal_closes_the_window_and_keeps_its_settings(
        data_dir: Path, master_key: bytes, number: signal.Signals,
        windows: list[subprocess.Popen[str]]) -> None:
    seed(data_dir / "walletdesk.db", {"MEXC": synthetic(20)})
    settings = Path(os.environ["XDG_CONFIG_HOME"]) / "WalletDesk" / "WalletDesk.conf"
    window = start_window(data_dir, windows)
    assert (data_dir / LOCK_FILE).exists()
    assert not settings.exists()
    window.send_signal(number)
    _, err = window.communicate(timeout=15)
    assert window.returncode == 0, err
    assert "Traceback" not in err and "KeyboardInterrupt" not in err
    assert "geometry=" in settings.read_text()
    assert not (data_dir / LOCK_FILE).exists()
    assert "Asked to quit from outside" in (data_dir / "logs" / "walletdesk.log").read_text()
