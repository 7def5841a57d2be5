"""`walletdesk export --format csv|xlsx|json --output FILE|- [--force]`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from walletdesk.cli.arguments import add_currency_option
from walletdesk.cli.portfolio_commands import add_filter_options, read_balances
from walletdesk.cli.runner import EXIT_FAILURE, EXIT_OK, fail, one_line
from walletdesk.core.errors import ExportTargetExistsError
from walletdesk.export.formats import FORMAT_NAMES
from walletdesk.services import Services

STDOUT = "-"


def register(subparsers: Any, parents: list[argparse.ArgumentParser]) -> None:
    export = subparsers.add_parser("export", parents=parents, help="write balances to a file")
    export.add_argument("--format", choices=FORMAT_NAMES, type=str.lower, required=True)
    export.add_argument(
        "--output", required=True, metavar="FILE",
        help="the file to write, or - for standard output",
    )
    export.add_argument(
        "--force", action="store_true", help="replace FILE if it exists (else nothing is written)"
    )
    add_filter_options(export)
    add_currency_option(export)
    export.set_defaults(handler=export_balances)


def export_balances(args: argparse.Namespace, services: Services) -> int:
    from walletdesk.export import files

    balances = read_balances(args, services)
    rate = services.currency.rate(args.currency) if args.currency else None
    if args.output == STDOUT:
        if args.format == "xlsx" and sys.stdout.isatty():
            fail("an Excel workbook is binary: redirect it to a file (> balances.xlsx) "
                 "or give --output FILE.")
            return EXIT_FAILURE
        sys.stdout.flush()
        files.write_to_stream(balances, args.format, sys.stdout.buffer, rate)
        sys.stdout.buffer.flush()
        return EXIT_OK
    output = Path(args.output)
    warning = files.extension_mismatch(args.format, output)
    if warning:
        fail(f"warning: {warning}")
    try:
        path = files.export_balances(balances, args.format, output, replace=args.force,
                                     rate=rate)
    except ExportTargetExistsError as error:
        fail(f"{error.path} already exists, so nothing was written: pass --force to replace "
             "it, or choose another file name.")
        return EXIT_FAILURE
    print(one_line(f"Exported {len(balances)} balances to {path}."))
    return EXIT_OK
