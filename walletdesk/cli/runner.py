"""Runs one CLI command and turns every user-facing error into one stderr line."""

from __future__ import annotations

import argparse
import io
import logging
import sys
from collections.abc import Callable
from typing import TextIO

from walletdesk.core.errors import WalletDeskError
from walletdesk.services import Services

Handler = Callable[[argparse.Namespace, Services], int]

EXIT_OK = 0
EXIT_FAILURE = 1  # usage errors exit 2 through argparse
EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells report a command stopped by Ctrl+C

log = logging.getLogger(__name__)

# Control characters (C0, DEL, C1) and Unicode's own line breaks, written as Python writes
# them in a string literal: a file name or an exchange's words in a message can then
# neither split its line (scripts read one line per failure) nor drive the terminal (ESC).
_ESCAPES = {code: repr(chr(code))[1:-1]
            for code in (*range(0x20), *range(0x7F, 0xA0), 0x2028, 0x2029)}


def one_line(text: str) -> str:
    """``text`` with its control characters escaped (``a\\nb.json`` for a name holding a
    line break)."""
    return text.translate(_ESCAPES)


def fail(message: str, stream: TextIO | None = None) -> None:
    """Print one line for the user on stderr."""
    print(f"walletdesk: {one_line(message)}", file=stream or sys.stderr)


def tolerate_unencodable(*streams: object) -> None:
    """Escape what the terminal's encoding cannot show (a file name with undecodable bytes
    arrives as lone surrogates) instead of failing with UnicodeEncodeError."""
    for stream in streams:
        if isinstance(stream, io.TextIOWrapper) and stream.errors == "strict":
            stream.reconfigure(errors="backslashreplace")


def run_command(handler: Handler, args: argparse.Namespace, services: Services) -> int:
    from walletdesk.cli.password_prompt import terminal_password_prompt

    tolerate_unencodable(sys.stdout, sys.stderr)
    services.password_prompt = terminal_password_prompt
    try:
        return handler(args, services)
    except WalletDeskError as error:
        log.info("command %s failed: %s", args.command, type(error).__name__)
        fail(str(error))
        return EXIT_FAILURE
    except KeyboardInterrupt:
        fail("interrupted; nothing was changed.")
        return EXIT_INTERRUPTED
