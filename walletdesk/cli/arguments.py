"""Argument types shared by several commands: a bad value is a usage error (exit 2, one line)."""

from __future__ import annotations

import argparse
from decimal import Decimal

from walletdesk.core.currency import DISPLAY_CURRENCIES, canonical_currency
from walletdesk.core.errors import WalletDeskError
from walletdesk.core.money import LIMIT, parse_amount
from walletdesk.exchanges.catalog import SUPPORTED, canonical_exchange

EXCHANGE_HELP = f"one of {', '.join(SUPPORTED)} (any case)"


def exchange_argument(text: str) -> str:
    """The canonical exchange name; argparse turns the refusal into a usage error."""
    try:
        return canonical_exchange(text)
    except WalletDeskError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def currency_argument(text: str) -> str:
    """A display currency code (EUR, GBP, CHF, JPY, CAD, AUD, BTC; USD itself), any case."""
    try:
        return canonical_currency(text)
    except WalletDeskError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def add_currency_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--currency", metavar="CODE", type=currency_argument,
        help=f"also give values in this currency: one of {', '.join(DISPLAY_CURRENCIES[1:])} "
             "(USD values stay)")


def min_usd_argument(text: str) -> Decimal:
    """A USD threshold that the store can compare with: 0 <= N < 10,000,000,000."""
    try:
        value = parse_amount(text)
    except WalletDeskError:
        raise argparse.ArgumentTypeError(f"{text[:40]!r} is not a number") from None
    if value < 0:
        raise argparse.ArgumentTypeError("must be zero or more")
    if value >= LIMIT:
        raise argparse.ArgumentTypeError(
            f"must be below {LIMIT:,} (no stored value is that large)"
        )
    return value
