"""A missing system library is named in one line, exit 1, before Qt could abort.

Each case hides one real library (tests/hidden_library.py) and starts the GUI on the
platform that needs it. Without the check, Qt aborts (xcb: SIGABRT, blaming xcb-cursor0
whatever is missing) or importing PySide6 raises with a traceback (offscreen).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from tests.hidden_library import assert_named_in_one_line, run_without

CASES = [  # platform, hidden library, the Debian package that provides it
    ("xcb", "libxcb-icccm.so.4", "libxcb-icccm4"),
    ("xcb", "libxcb-cursor.so.0", "libxcb-cursor0"),
    ("offscreen", "libfontconfig.so.1", "libfontconfig1"),
    ("offscreen", "libxkbcommon.so.0", "libxkbcommon0"),
    ("wayland", "libwayland-cursor.so.0", "libwayland-cursor0"),
]


@pytest.mark.parametrize(("platform", "soname", "package"), CASES)
def test_gui_start_names_the_missing_library_and_its_package(
        platform: str, soname: str, package: str, data_dir: Path, master_key: bytes,
        tmp_path: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": platform}
    result = run_without(soname, package, [sys.executable, "-m", "walletdesk", "--smoke"], env,
                         tmp_path / "empty")
    assert_named_in_one_line(result.stderr, result.returncode, soname, package)


def test_the_first_platform_that_loads_is_enough(data_dir: Path, master_key: bytes,
                                                  tmp_path: Path) -> None:
    # Qt tries "xcb;offscreen" in order: offscreen still works without the xcb libraries.
    env = {**os.environ, "QT_QPA_PLATFORM": "xcb;offscreen"}
    result = run_without("libxcb-icccm.so.4", "libxcb-icccm4",
                         [sys.executable, "-m", "walletdesk", "--smoke"], env, tmp_path / "empty")
    assert result.returncode == 0, result.stderr
