"""Where WalletDesk keeps its files.

Data dir: ``--data-dir``, else ``WALLETDESK_DATA_DIR``, else the platform's user data dir.
Log dir: ``<data dir>/logs`` when the data dir was chosen explicitly (so a test or a
portable install keeps everything together), else the platform's user log dir.
Cache dir (what only makes starts faster, ``ui/pyside_support_cache.py``): likewise
``<data dir>/cache``, else the platform's user cache dir.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_NAME = "WalletDesk"
DATA_DIR_ENV = "WALLETDESK_DATA_DIR"
DATABASE_FILE = "walletdesk.db"


@dataclass(frozen=True, slots=True)
class AppPaths:
    data_dir: Path
    log_dir: Path
    cache_dir: Path | None = None  # None: nothing is cached

    @property
    def database(self) -> Path:
        return self.data_dir / DATABASE_FILE


def resolve_paths(data_dir_option: str | None = None) -> AppPaths:
    explicit = data_dir_option or os.environ.get(DATA_DIR_ENV)
    if explicit:
        data_dir = Path(explicit).expanduser().resolve()
        return AppPaths(data_dir=data_dir, log_dir=data_dir / "logs",
                        cache_dir=data_dir / "cache")
    return AppPaths(
        data_dir=platformdirs.user_data_path(APP_NAME, appauthor=False),
        log_dir=platformdirs.user_log_path(APP_NAME, appauthor=False),
        cache_dir=platformdirs.user_cache_path(APP_NAME, appauthor=False),
    )
