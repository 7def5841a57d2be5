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
            code = _run_window(services, smoke=args.smoke)
            if own_process:
                from walletdesk.ui.process_end import end_process

                services.close()
                end_process(code)
            return code
        from walletdesk.cli.runner import run_command

        return run_command(args.handler, args, services)
    finally:
        services.close()


def _run_window(services: Services, *, smoke: bool) -> int:
    """The window, with the cyclic garbage collector paused until its first paint.

    Importing the window's modules and building it allocate some 150,000 objects that live
    as long as the window; the collector's passes over them cost ~10 ms of every start
    (67 passes, measured with ``gc.callbacks``). It waits, as during a refresh
    (``bulk_work``); at the first paint those objects are set aside as long-lived
    (``settle_long_lived_objects``, as after every load) and it runs again, also when the
    window never shows."""
    from walletdesk.core.bulk_work import bulk_work
    from walletdesk.ui.heap import settle_long_lived_objects

    with contextlib.ExitStack() as until_painted:
        until_painted.enter_context(bulk_work())
        until_painted.callback(settle_long_lived_objects)  # runs first: last in, first out
        from walletdesk.ui.pyside_source_scan import answer_from_names
        from walletdesk.ui.pyside_support_cache import import_shiboken

        import_shiboken(services.paths.cache_dir)  # before anything imports PySide6
        answer_from_names()  # before the window's modules are imported
        from walletdesk.ui.gui_main import run_gui

        return run_gui(services, smoke=smoke, on_first_paint=until_painted.close)


def entry_point() -> None:
    from walletdesk.process_guard import disable_core_dumps, keep_files_private

    disable_core_dumps()  # before any secret is in memory
    keep_files_private()  # before any file is written
    sys.exit(main(own_process=True))
