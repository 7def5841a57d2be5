"""`walletdesk refresh` and `walletdesk balances`."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Collection, Iterable
from datetime import UTC, datetime
from typing import Any

from walletdesk.cli.arguments import (
    EXCHANGE_HELP,
    add_currency_option,
    exchange_argument,
    min_usd_argument,
)
from walletdesk.cli.runner import EXIT_FAILURE, EXIT_OK, fail, one_line
from walletdesk.controllers.freshness import age
from walletdesk.core.balance_table import BalanceTable
from walletdesk.core.errors import WalletDeskError
from walletdesk.core.models import Portfolio, Wallet
from walletdesk.core.number_style import US_ENGLISH
from walletdesk.core.totals import wallet_totals
from walletdesk.exchanges.catalog import display_name
from walletdesk.export.rows import utc_seconds
from walletdesk.export.text_output import TEXT_FORMATS
from walletdesk.services import Services


def add_filter_options(parser: argparse.ArgumentParser) -> None:
    add_exchange_option(parser)
    parser.add_argument(
        "--min-usd", metavar="N", type=min_usd_argument,
        help="only balances worth at least N USD (assets without a price are kept)",
    )
    parser.add_argument(
        "--include-hidden", action="store_true",
        help="also the assets hidden in the app (Hide selected assets: spam, say); without "
        "it they are left out, and a note on stderr says how many",
    )


def read_balances(args: argparse.Namespace, services: Services) -> BalanceTable:
    """The balances the filters ask for; on stderr, what was left out as hidden and which
    exchanges' rows are older than their last refresh (it failed)."""
    portfolio = services.portfolio
    balances = portfolio.balances(args.exchange, args.min_usd,
                                  include_hidden=args.include_hidden)
    if not args.include_hidden and portfolio.hidden_assets():
        left_out = len(portfolio.balances(args.exchange, args.min_usd,
                                          include_hidden=True)) - len(balances)
        if left_out:
            fail(f"{left_out} hidden {'asset' if left_out == 1 else 'assets'} left out "
                 "(--include-hidden shows them).")
    shown = set(balances.exchanges())
    old = old_parts([w for w in portfolio.wallets() if w.exchange in shown],
                    portfolio.failures())
    if old:
        fail(f"Part of these balances is old (its last refresh failed): {old}.")
    return balances


def old_parts(wallets: Iterable[Wallet], failed: Collection[str]) -> str:
    """ "MEXC from 2026-11-25 17:04 UTC (3 h ago), ..." for the wallets whose last refresh
    failed; "" when none did."""
    now = datetime.now(UTC)
    return ", ".join(
        f"{display_name(w.exchange)} from {utc_seconds(w.last_updated):%Y-%m-%d %H:%M} UTC "
        f"({age(w.last_updated, now)})"
        for w in wallets if w.exchange in failed
    )


def add_exchange_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--exchange", metavar="NAME", type=exchange_argument, help=f"only this exchange: "
        f"{EXCHANGE_HELP}",
    )


def register(subparsers: Any, parents: list[argparse.ArgumentParser]) -> None:
    refresh = subparsers.add_parser(
        "refresh", parents=parents, help="fetch current balances from the exchanges"
    )
    add_exchange_option(refresh)
    refresh.set_defaults(handler=refresh_balances)

    balances = subparsers.add_parser("balances", parents=parents, help="show stored balances")
    balances.add_argument("--format", choices=TEXT_FORMATS, type=str.lower, default="table")
    add_filter_options(balances)
    add_currency_option(balances)
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
            if outcome.notice is not None:
                print(one_line(f"{name}: {outcome.notice}"), file=sys.stderr)
        else:
            fail(f"{name} [{credential.id[:8]}]: {outcome.error}")
    failed = not all(o.ok for o in outcomes)
    try:
        portfolio = services.portfolio.portfolio()
    except WalletDeskError:
        if failed:
            return EXIT_FAILURE  # the database's problem was just reported per key
        raise
    stale = {o.credential.exchange for o in outcomes if not o.ok} | set(
        services.portfolio.failures())  # an earlier refresh of another exchange, too
    for line in total_lines(portfolio, stale):
        print(line)
    return EXIT_FAILURE if failed else EXIT_OK


def total_lines(portfolio: Portfolio, stale: Collection[str]) -> list[str]:
    """The portfolio total after a refresh: demo money apart, and the wallets whose part
    of it is older than this refresh named with their time."""
    totals = wallet_totals(portfolio.wallets)
    label = "Demo sample total" if totals.demo_only else "Portfolio total"
    lines = [f"{label}: {US_ENGLISH.usd(totals.shown)}"]
    if totals.demo_rows and not totals.demo_only:
        lines.append(f"Demo sample, not in the total: {US_ENGLISH.usd(totals.demo)}")
    old = old_parts(portfolio.wallets, stale)
    if old:
        lines.append(f"Part of this total is old (its refresh failed): {old}.")
    return lines


def show_balances(args: argparse.Namespace, services: Services) -> int:
    from walletdesk.export import write_balances_text

    balances = read_balances(args, services)
    if not balances and args.format == "table":
        filtered = (args.exchange or args.min_usd is not None
                    or (not args.include_hidden and services.portfolio.hidden_assets()))
        print(
            "No balances match these filters."
            if filtered
            else "No balances stored yet: add a key with `walletdesk credentials add`, "
            "then run `walletdesk refresh`."
        )
        return EXIT_OK
    rate = services.currency.rate(args.currency) if args.currency else None
    write_balances_text(balances, args.format, sys.stdout, rate)
    return EXIT_OK
