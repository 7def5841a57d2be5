"""Composition root: parse the command line, build the services once, hand them to the
GUI or to the CLI command."""

from __future__ import annotations

import contextlib
import os
import sys
from collections import ChainMap
from collections.abc import Sequence
from typing import Any

from walletdesk.logging_setup import configure_logging
from walletdesk.paths import resolve_paths
from walletdesk.process_guard import make_private
from walletdesk.services import Services, ServiceSettings


def main(argv: Sequence[str] | None = None, *, own_process: bool = False) -> int:
    """Run one command (or the GUI) and return the exit status.

    ``own_process``: this is the process's whole job (``entry_point``), so after the window
    closes the process may end at once instead of tearing its heap down.
    """
    from walletdesk.cli.parser import parse_arguments

    args = parse_arguments(argv)
    paths = resolve_paths(args.data_dir)
    try:
        paths.data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError as error:
        folder = error.filename or paths.data_dir
        return _cannot_start(args, f"cannot create the data folder {folder}: "
                             f"{error.strerror}. Choose another folder with --data-dir.")
    make_private(paths.data_dir)
    # A read-only folder (a backup kept safe) can still be read, without a log file.
    with contextlib.suppress(OSError):
        configure_logging(paths.log_dir)
    from walletdesk.security.master_key import ENV_VAR, taken_from_environment

    with taken_from_environment() as master_key_text:
        given = {ENV_VAR: master_key_text} if master_key_text else {}
        settings = ServiceSettings(environ=ChainMap(given, os.environ))
        return _run(args, Services(paths, settings), own_process=own_process)


def _cannot_start(args: Any, message: str) -> int:
    """One line on stderr; the window (which may have no terminal) also shows a dialog."""
    print(f"walletdesk: {message}", file=sys.stderr)
    if args.handler is None and not args.smoke:
        from walletdesk.ui.start_failure import show_start_failure

        show_start_failure(message)
    return 1


def _run(args: Any, services: Services, *, own_process: bool) -> int:
    try:
        if args.handler is None:
            from walletdesk.platform_libraries import missing_library

            problem = missing_library()  # before PySide6 loads: Qt would abort instead
            if problem is not None:
                print(problem, file=sys.stderr)
                return 1
            from walletdesk.ui.gui_main import run_gui

            code = run_gui(services, smoke=args.smoke)
            if own_process:
                from walletdesk.ui.process_end import end_process

                services.close()
                end_process(code)
            return code
        from walletdesk.cli.runner import run_command

        return run_command(args.handler, args, services)
    finally:
        services.close()


def entry_point() -> None:
    from walletdesk.process_guard import disable_core_dumps, keep_files_private

    disable_core_dumps()  # before any secret is in memory
    keep_files_private()  # before any file is written
    sys.exit(main(own_process=True))
