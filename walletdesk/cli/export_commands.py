"""`walletdesk export --format csv|xlsx|json --output FILE`."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from walletdesk.cli.portfolio_commands import add_filter_options
from walletdesk.cli.runner import EXIT_OK
from walletdesk.export.formats import FORMAT_NAMES
from walletdesk.services import Services


def register(subparsers: Any, parents: list[argparse.ArgumentParser]) -> None:
    export = subparsers.add_parser("export", parents=parents, help="write balances to a file")
    export.add_argument("--format", choices=FORMAT_NAMES, type=str.lower, required=True)
    export.add_argument("--output", required=True, metavar="FILE", type=Path)
    add_filter_options(export)
    export.set_defaults(handler=export_balances)


def export_balances(args: argparse.Namespace, services: Services) -> int:
    balances = services.portfolio.balances(args.exchange, args.min_usd)
    from walletdesk.export.files import export_balances

    path = export_balances(balances, args.format, args.output)
    print(f"Exported {len(balances)} balances to {path}.")
    return EXIT_OK
