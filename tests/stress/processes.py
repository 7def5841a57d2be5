"""Real WalletDesk processes: the command line, the GUI, and Python helper scripts."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from tests.stress.tally import count

REPO = Path(__file__).resolve().parents[2]


@dataclass
class Finished:
    code: int
    out: str
    err: str


def start(args: list[str], env: Mapping[str, str] | None = None,
          stdin: int | None = subprocess.DEVNULL) -> subprocess.Popen[str]:
    """``python ARGS`` in the repository, with the test's environment plus ``env``."""
    return subprocess.Popen(
        [sys.executable, *args],
        cwd=REPO,
        env={**os.environ, **(env or {})},
        stdin=stdin,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def walletdesk(*args: str, env: Mapping[str, str] | None = None) -> subprocess.Popen[str]:
    count("runs")
    return start(["-m", "walletdesk", *args], env)


def finish(process: subprocess.Popen[str], timeout: float = 90) -> Finished:
    out, err = process.communicate(timeout=timeout)
    return Finished(process.returncode, out, err)


def run(*args: str, env: Mapping[str, str] | None = None, stdin: str = "",
        timeout: float = 90) -> Finished:
    """Run ``walletdesk ARGS`` to the end, with ``stdin`` as its standard input."""
    count("runs")
    completed = subprocess.run(
        [sys.executable, "-m", "walletdesk", *args], cwd=REPO, env={**os.environ, **(env or {})},
        input=stdin, capture_output=True, text=True, timeout=timeout, check=False,
    )
    return Finished(completed.returncode, completed.stdout, completed.stderr)
