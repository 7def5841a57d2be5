"""The session controller and CLI commands load authlib, httpx, keyring only when used."""

from __future__ import annotations

import subprocess
import sys

import pytest

HEAVY = ("authlib", "httpx", "keyring", "joserfc", "sqlalchemy", "PySide6")


@pytest.mark.parametrize(
    "module", ["walletdesk.controllers.session", "walletdesk.cli.session_commands"]
)
def test_importing_sign_in_code_loads_no_heavy_library(module: str) -> None:
    code = f"import sys, {module}; print(' '.join(sorted(sys.modules)))"
    loaded = set(
        subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
        .stdout.split()
    )
    assert {name for name in loaded if name.split(".")[0] in HEAVY} == set()
