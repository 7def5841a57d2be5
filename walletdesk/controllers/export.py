"""Export use case, shared by the GUI's export dialog and the CLI's ``export`` command."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from walletdesk.core.models import Balance
from walletdesk.export.files import export_balances, normalize_format

_log = logging.getLogger(__name__)


class ExportController:
    """Writes balance tables to files. Qt-free; call it off the GUI thread for big tables."""

    def export(self, balances: Sequence[Balance], fmt: str, path: Path) -> Path:
        """Write ``balances`` in their given order as ``fmt`` (csv, xlsx or json) to ``path``.

        Returns the file written. ValidationError for an unknown format; ExportError (with
        a message naming the path and what to do) when the file cannot be written, in which
        case an existing file at ``path`` is left untouched.
        """
        written = export_balances(balances, fmt, path)
        _log.info("Exported %d balances as %s to %s", len(balances), normalize_format(fmt), written)
        return written


def default_export_name(fmt: str, now: datetime) -> str:
    """A file name to suggest: ``walletdesk-balances-20261125-1704.csv``.

    ``now`` is shown as given; pass local time (``datetime.now()``), as users read it.
    """
    return f"walletdesk-balances-{now:%Y%m%d-%H%M}.{normalize_format(fmt)}"
