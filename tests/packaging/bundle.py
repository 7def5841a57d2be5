"""The PyInstaller bundle under test: built with ``make package``, or reused from ``dist/``
when it is newer than every file it is built from."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
DIST = REPO / "dist" / "walletdesk"
EXECUTABLE = DIST / ("walletdesk.exe" if sys.platform == "win32" else "walletdesk")
INTERNAL = DIST / "_internal"
BUILD_TIMEOUT = 900


def _sources() -> Iterator[Path]:
    yield from (REPO / name for name in ("build.spec", "pyproject.toml", "Makefile"))
    for folder in (REPO / "walletdesk", REPO / "resources"):
        for path in folder.rglob("*"):
            if path.is_file() and "__pycache__" not in path.parts:
                yield path


def is_fresh() -> bool:
    """True when dist/ holds a bundle newer than every source file."""
    if not EXECUTABLE.is_file():
        return False
    built = EXECUTABLE.stat().st_mtime
    return all(path.stat().st_mtime < built for path in _sources())


def build() -> float:
    """Run ``make package``; returns how long it took, in seconds."""
    import time

    started = time.perf_counter()
    completed = subprocess.run(
        ["make", "--no-print-directory", "package"], cwd=REPO, capture_output=True,
        text=True, timeout=BUILD_TIMEOUT, check=False,
    )
    if completed.returncode != 0:
        raise RuntimeError(
            f"make package failed ({completed.returncode}):\n{completed.stdout[-3000:]}\n"
            f"{completed.stderr[-6000:]}"
        )
    return time.perf_counter() - started


def bundle_executable() -> Path:
    """The bundle's ``walletdesk`` executable, built first when needed."""
    if not is_fresh():
        build()
    return EXECUTABLE


def bundle_size() -> int:
    """Bytes of every file in the onedir bundle (symlinks not followed)."""
    return sum(path.lstat().st_size for path in DIST.rglob("*")
               if path.is_file() and not path.is_symlink())
