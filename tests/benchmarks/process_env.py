"""The environment benchmarked WalletDesk processes run in: as a user's installed app has it."""

from __future__ import annotations

import base64
import os
from pathlib import Path


def app_env(root: Path) -> dict[str, str]:
    """Offscreen Qt; byte-code compiled once (by a warm-up run) and then reused, as an
    installed app has it, even when the shell sets PYTHONDONTWRITEBYTECODE; default window
    settings; a master key of the run's own. Files go under ``root``."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen",
           "PYTHONPYCACHEPREFIX": str(root / "pycache"),
           "XDG_CONFIG_HOME": str(root / "config"),
           "WALLETDESK_MASTER_KEY": base64.b64encode(os.urandom(32)).decode()}
    for name in ("WALLETDESK_DATA_DIR", "PYTHONDONTWRITEBYTECODE"):
        env.pop(name, None)
    return env
