"""Writing a balance table to a file: the one entry point the GUI and the CLI share.

Qt-free; call it off the GUI thread for big tables.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from walletdesk.core.models import Balance
from walletdesk.export.atomic import write_atomically
from walletdesk.export.formats import export_format

_log = logging.getLogger(__name__)


def export_balances(balances: Sequence[Balance], fmt: str, path: Path) -> Path:
    """Write ``balances`` (in the given order) to ``path`` atomically; return the file written.

    Raises ValidationError for an unknown format and ExportError when the file cannot be
    written; an existing file at ``path`` is then left untouched.
    """
    chosen = export_format(fmt)
    written = write_atomically(path, lambda out: chosen.write(balances, out))
    _log.info("Exported %d balances as %s to %s", len(balances), chosen.name, written)
    return written


def default_file_name(fmt: str, now: datetime) -> str:
    """A file name to suggest: ``walletdesk-balances-20261125-1704.csv``.

    ``now`` is shown as given; pass local time (``datetime.now()``), as users read it.
    """
    return f"walletdesk-balances-{now:%Y%m%d-%H%M}{export_format(fmt).suffix}"
