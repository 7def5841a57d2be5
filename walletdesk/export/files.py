"""Writing a balance table to a file: the one entry point the GUI and the CLI share.

Qt-free; call it off the GUI thread for big tables.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import IO

from walletdesk.core.currency import Rate
from walletdesk.core.models import Balance
from walletdesk.export.atomic import write_atomically
from walletdesk.export.formats import FORMAT_NAMES, export_format
from walletdesk.export.rows import with_currency

_log = logging.getLogger(__name__)


def export_balances(
    balances: Sequence[Balance], fmt: str, path: Path, *, replace: bool = False,
    rate: Rate | None = None,
) -> Path:
    """Write ``balances`` (in the given order) to ``path`` atomically; return the file written.

    An existing file is replaced only with ``replace=True`` (the user said so); otherwise
    ExportTargetExistsError. Raises ValidationError for an unknown format and ExportError
    when the file cannot be written; an existing file at ``path`` is then left untouched.
    A display-currency ``rate`` adds the ``currency`` and ``value`` columns.
    """
    chosen, columns = export_format(fmt), with_currency(rate)
    written = write_atomically(path, lambda out: chosen.write(balances, out, columns),
                               replace=replace)
    _log.info("Exported %d balances as %s to %s", len(balances), chosen.name, written)
    return written


def write_to_stream(balances: Sequence[Balance], fmt: str, stream: IO[bytes],
                    rate: Rate | None = None) -> None:
    """The bytes ``export_balances`` would write, to an open binary stream (``--output -``)."""
    export_format(fmt).write(balances, stream, with_currency(rate))


def extension_mismatch(fmt: str, path: Path) -> str | None:
    """A warning when ``path``'s extension names another format than ``fmt`` (or none)."""
    chosen = export_format(fmt)
    suffix = path.suffix.lower().lstrip(".")
    if suffix == chosen.name:
        return None
    if suffix in FORMAT_NAMES:
        return (f"the file name ends in .{suffix} but the content is {chosen.name.upper()}: "
                "programs that open it by its name will not read it.")
    return f"the file name does not end in {chosen.suffix}, so programs may not recognise it."


def default_file_name(fmt: str, now: datetime) -> str:
    """A file name to suggest: ``walletdesk-balances-20261125-1704.csv``.

    ``now`` is shown as given; pass local time (``datetime.now()``), as users read it.
    """
    return f"walletdesk-balances-{now:%Y%m%d-%H%M}{export_format(fmt).suffix}"
