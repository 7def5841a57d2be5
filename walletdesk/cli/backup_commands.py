"""`walletdesk backup FILE [--force]` and `walletdesk restore FILE [--force]`."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from walletdesk.cli.runner import EXIT_OK, one_line
from walletdesk.services import Services


def register(subparsers: Any, parents: list[argparse.ArgumentParser]) -> None:
    backup = subparsers.add_parser(
        "backup", parents=parents, help="write a consistent copy of the database",
        description="Copies the database while the window may be open (SQLite's online "
        "backup). The copy holds your keys' secrets encrypted: the master key is needed to "
        "use them after a restore.",
    )
    backup.add_argument("file", metavar="FILE", type=Path)
    backup.add_argument("--force", action="store_true", help="replace FILE if it exists")
    backup.set_defaults(handler=write_backup)

    restore = subparsers.add_parser(
        "restore", parents=parents, help="put a backup back (checked first)",
        description="Checks the backup (integrity, schema version, and that the master key "
        "available now opens its secrets), then replaces the database with it; the replaced "
        "file is kept beside it.",
    )
    restore.add_argument("file", metavar="FILE", type=Path)
    restore.add_argument("--force", action="store_true",
                         help="replace the data folder's database if it holds data")
    restore.set_defaults(handler=restore_backup)


def write_backup(args: argparse.Namespace, services: Services) -> int:
    written = services.backups.backup(args.file, replace=args.force)
    print(one_line(f"Backed up {services.paths.database} to {written}."))
    return EXIT_OK


def restore_backup(args: argparse.Namespace, services: Services) -> int:
    restored = services.backups.restore(args.file, replace=args.force)
    print(f"Restored {args.file} ({restored.secrets} API key(s)).")
    if restored.previous is not None:
        print(f"The replaced database is kept as {restored.previous}.")
    return EXIT_OK
