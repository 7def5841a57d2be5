"""`walletdesk history`: the portfolio's (or one asset's) value at each refresh."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path
from typing import Any

from walletdesk.cli.arguments import add_currency_option, exchange_argument
from walletdesk.cli.runner import EXIT_FAILURE, EXIT_OK, fail, one_line
from walletdesk.core.errors import (
    ExportError,
    ExportTargetExistsError,
)
from walletdesk.export.formats import FORMAT_NAMES
from walletdesk.services import Services


def since_argument(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date like 2026-01-31") from exc


def register(subparsers: Any, parents: list[argparse.ArgumentParser]) -> None:
    history = subparsers.add_parser(
        "history", parents=parents,
        help="show the portfolio's value (or one asset's) at each refresh, oldest first")
    history.add_argument("--format", choices=("table", *FORMAT_NAMES), type=str.lower,
                         default="table", help="xlsx needs --output")
    history.add_argument("--asset", metavar="A", help="one asset, summed across exchanges")
    history.add_argument("--exchange", metavar="NAME", type=exchange_argument,
                         help="only this exchange")
    history.add_argument("--since", metavar="YYYY-MM-DD", type=since_argument,
                         help="only points from this day on (UTC)")
    add_currency_option(history)
    history.add_argument("--output", metavar="FILE", type=Path,
                         help="write a file (csv, xlsx or json) instead of printing")
    history.add_argument("--force", action="store_true", help="replace an existing --output")
    history.set_defaults(handler=show_history)


def show_history(args: argparse.Namespace, services: Services) -> int:
    from walletdesk.export.history_files import export_history, write_history_text
    from walletdesk.export.history_table import asset_table, portfolio_table

    if args.format == "xlsx" and args.output is None:
        raise ExportError("An XLSX workbook cannot be printed: add --output FILE.")
    rate = services.currency.rate(args.currency) if args.currency else None
    if args.asset:
        table = asset_table(services.history.asset_points(args.asset, args.exchange, args.since),
                            rate)
    else:
        table = portfolio_table(services.history.portfolio_points(args.exchange, args.since),
                                rate)
    if args.output is not None:
        fmt = "csv" if args.format == "table" else args.format
        try:
            path = export_history(table, fmt, args.output, replace=args.force)
        except ExportTargetExistsError as error:
            fail(f"{error.path} already exists, so nothing was written: pass --force to "
                 "replace it, or choose another file name.")
            return EXIT_FAILURE
        print(one_line(f"Exported {len(table)} history points to {path}."))
        return EXIT_OK
    if not table and args.format == "table":
        print("No history matches these filters." if args.asset or args.exchange or args.since
              else "No history yet: every `walletdesk refresh` adds a point.")
        return EXIT_OK
    write_history_text(table, args.format, sys.stdout)
    return EXIT_OK
