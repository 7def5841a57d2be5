"""The argument parser of ``walletdesk``: global options, then one subcommand per use case."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import NoReturn

from walletdesk import __version__


class _Parser(argparse.ArgumentParser):
    """A usage error is one line on stderr (exit 2): what is wrong, and where help is.

    The message echoes the user's arguments: what is not printable (line breaks, terminal
    escape sequences, undecodable bytes) is escaped, so it stays one line."""

    def error(self, message: str) -> NoReturn:
        shown = "".join(ch if ch.isprintable() else ascii(ch)[1:-1] for ch in message)
        self.exit(2, f"{self.prog}: error: {shown} (see {self.prog} --help)\n")


def _global_options(*, suppress_defaults: bool) -> argparse.ArgumentParser:
    """Options accepted both before and after the subcommand."""
    default = argparse.SUPPRESS if suppress_defaults else None
    parent = argparse.ArgumentParser(add_help=False)
    parent.add_argument(
        "--data-dir",
        metavar="DIR",
        default=default,
        help="where walletdesk.db lives (default: $WALLETDESK_DATA_DIR or the user data dir)",
    )
    return parent


def _window_parser() -> argparse.ArgumentParser:
    """The options of the bare command line, the one that opens the window."""
    parser = _Parser(
        prog="walletdesk",
        description="WalletDesk: exchange balances valued in USD. Without a command, "
        "the desktop window opens.",
        parents=[_global_options(suppress_defaults=False)],
    )
    parser.add_argument("--version", action="version", version=f"WalletDesk {__version__}")
    parser.add_argument(
        "--smoke",
        action="store_true",
        help="start the window, exit 0 once it has painted the stored portfolio",
    )
    parser.set_defaults(handler=None)
    return parser


def build_parser() -> argparse.ArgumentParser:
    from walletdesk.cli import (
        backup_commands,
        credentials_commands,
        export_commands,
        history_commands,
        key_commands,
        portfolio_commands,
        session_commands,
    )

    parser = _window_parser()
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    after = [_global_options(suppress_defaults=True)]
    session_commands.register(subparsers, after)
    credentials_commands.register(subparsers, after)
    portfolio_commands.register(subparsers, after)
    export_commands.register(subparsers, after)
    history_commands.register(subparsers, after)
    key_commands.register(subparsers, after)
    backup_commands.register(subparsers, after)
    return parser


def parse_arguments(argv: Sequence[str] | None = None) -> argparse.Namespace:
    """The command line as ``build_parser`` reads it.

    A line that only opens the window (``--smoke``, ``--data-dir DIR``) is read without
    importing the command modules, which costs ~17 ms of every start; any other line
    (a command, --help, --version, an abbreviation, a mistake) goes through the whole parser,
    so its help and its errors stay the same."""
    given = list(sys.argv[1:] if argv is None else argv)
    if _opens_the_window(given):
        return _window_parser().parse_args(given, argparse.Namespace(command=None))
    return build_parser().parse_args(given)


def _opens_the_window(argv: list[str]) -> bool:
    words = iter(argv)
    for word in words:
        if word == "--data-dir":
            value = next(words, None)
            if value is None or value.startswith("-"):
                return False
        elif word != "--smoke" and not word.startswith("--data-dir="):
            return False
    return True
