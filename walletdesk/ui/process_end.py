"""End the GUI process quickly once the window has closed and everything is saved.

Qt is shut down properly first: windows and the platform connection are closed, and on X11
the clipboard's content (rows copied with Ctrl+C) is handed to the desktop's clipboard
manager. Then the process ends without Python's own teardown, which walks and frees every
object of the heap one by one (30-60 ms with the window's modules and a large portfolio
loaded) only for the operating system to take the memory back at once anyway.

Only for the process that ``walletdesk`` itself started: the caller has already saved the
settings, released the single-instance lock and closed the database. Log records are
flushed here. A refresh still running on a worker thread is simply abandoned, which the
store allows at any moment (each wallet is written in one transaction; tests kill the
process mid-write).
"""

from __future__ import annotations

import logging
import os
import sys
from typing import NoReturn

from PySide6.QtCore import QCoreApplication


def end_process(code: int) -> NoReturn:
    app = QCoreApplication.instance()
    if app is not None:
        app.shutdown()
    logging.shutdown()
    for stream in (sys.stdout, sys.stderr):
        try:
            if stream is not None:
                stream.flush()
        except (OSError, ValueError):
            pass  # a closed or broken stream has nothing left to say
    os._exit(code)
