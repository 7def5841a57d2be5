"""`walletdesk refresh` and `walletdesk balances`."""

from __future__ import annotations

import argparse
import sys
from decimal import Decimal
from typing import Any

from walletdesk.cli.runner import EXIT_FAILURE, EXIT_OK, fail
from walletdesk.core.errors import WalletDeskError
from walletdesk.core.exchange_names import display_name
from walletdesk.core.money import parse_amount
from walletdesk.export.text_output import TEXT_FORMATS
from walletdesk.services import Services


def min_usd_argument(text: str) -> Decimal:
    try:
        value = parse_amount(text)
    except Exception as exc:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from exc
    if value < 0:
        raise argparse.ArgumentTypeError("must be zero or more")
    return value


def add_filter_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--exchange", metavar="NAME", help="only this exchange")
    parser.add_argument(
        "--min-usd", metavar="N", type=min_usd_argument, help="only balances worth at least N USD"
    )


def register(subparsers: Any, parents: list[argparse.ArgumentParser]) -> None:
    refresh = subparsers.add_parser(
        "refresh", parents=parents, help="fetch current balances from the exchanges"
    )
    refresh.add_argument("--exchange", metavar="NAME", help="only this exchange")
    refresh.set_defaults(handler=refresh_balances)

    balances = subparsers.add_parser("balances", parents=parents, help="show stored balances")
    balances.add_argument("--format", choices=TEXT_FORMATS, type=str.lower, default="table")
    add_filter_options(balances)
    balances.set_defaults(handler=show_balances)


def refresh_balances(args: argparse.Namespace, services: Services) -> int:
    outcomes = services.portfolio.refresh(args.exchange)
    if not outcomes:
        print("No credentials to refresh. Add one with `walletdesk credentials add`.")
        return EXIT_OK
    for outcome in outcomes:
        credential = outcome.credential
        name = display_name(credential.exchange) + (
            f" ({credential.label})" if credential.label else ""
        )
        if outcome.error is None:
            print(f"{name}: {outcome.asset_count} assets updated.")
        else:
            fail(f"{name} [{credential.id[:8]}]: {outcome.error}")
    failed = not all(o.ok for o in outcomes)
    try:
        total = services.portfolio.portfolio().total_usd_value
    except WalletDeskError:
        if failed:
            return EXIT_FAILURE  # the database's problem was just reported per key
        raise
    print(f"Portfolio total: {total:,.2f} USD")
    return EXIT_FAILURE if failed else EXIT_OK


def show_balances(args: argparse.Namespace, services: Services) -> int:
    from walletdesk.export import write_balances_text

    balances = services.portfolio.balances(args.exchange, args.min_usd)
    if not balances and args.format == "table":
        filtered = args.exchange or args.min_usd is not None
        print(
            "No balances match these filters."
            if filtered
            else "No balances stored yet: add a key with `walletdesk credentials add`, "
            "then run `walletdesk refresh`."
        )
        return EXIT_OK
    write_balances_text(balances, args.format, sys.stdout)
    return EXIT_OK
