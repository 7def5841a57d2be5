"""Writing a file so that a failure never leaves a half-written file behind.

The content goes to a temporary file in the target's directory, is flushed to disk, and
then replaces the target in one step (``os.replace``). If anything fails, the temporary
file is removed and an existing file at the target is left exactly as it was.
A new file is readable by its owner only (balances are private); a replaced file keeps
its permissions. A symbolic link at the target is followed: the file it points to is
replaced, the link stays.
"""

from __future__ import annotations

import contextlib
import errno
import io
import os
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import IO, TextIO

from walletdesk.core.errors import ExportError

Writer = Callable[[IO[bytes]], None]


def write_atomically(path: Path, write: Writer) -> Path:
    """Write ``path`` with ``write(stream)``; return the file written (absolute, links resolved).

    OSErrors become an :class:`ExportError` that names ``path`` and says what to do.
    """
    target = Path(os.path.realpath(path))
    if target.is_dir():
        raise export_error(path, IsADirectoryError(errno.EISDIR, "Is a directory"))
    try:
        handle, temporary_name = tempfile.mkstemp(
            dir=target.parent, prefix=f".{target.name[:100]}.", suffix=".part"
        )
    except OSError as exc:
        raise export_error(path, exc) from exc
    temporary = Path(temporary_name)
    try:
        with os.fdopen(handle, "wb") as stream:
            write(stream)
            stream.flush()
            os.fsync(stream.fileno())
        _keep_permissions(target, temporary)
        os.replace(temporary, target)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            temporary.unlink()
        if isinstance(exc, OSError):
            raise export_error(path, exc) from exc
        raise
    return target


def as_text(write_text: Callable[[TextIO], None]) -> Writer:
    """Adapt a text writer to a byte stream: UTF-8, newlines written as given."""

    def write(stream: IO[bytes]) -> None:
        # "replace" only matters for lone surrogates, which no real asset name contains.
        text = io.TextIOWrapper(stream, encoding="utf-8", errors="replace", newline="")
        try:
            write_text(text)
            text.flush()
        finally:
            text.detach()

    return write


def _keep_permissions(target: Path, temporary: Path) -> None:
    try:
        mode = stat.S_IMODE(target.stat().st_mode)
    except FileNotFoundError:
        return  # a new file keeps mkstemp's owner-only permissions
    os.chmod(temporary, mode)


_ADVICE: dict[int, str] = {
    errno.ENOENT: "the folder {folder} does not exist. "
    "Choose an existing folder or create it first.",
    errno.ENOTDIR: "part of the path is not a folder. Choose an existing folder.",
    errno.EACCES: "permission denied. Choose a folder you can write to, or close the file "
    "if another program has it open.",
    errno.EROFS: "the drive is read-only. Choose another location.",
    errno.ENOSPC: "the disk is full. Free some space or choose another drive.",
    errno.ENAMETOOLONG: "the name is too long. Choose a shorter file name.",
    errno.EISDIR: "it is a folder. Choose a file name inside it.",
}
_ADVICE[errno.EPERM] = _ADVICE[errno.EACCES]
if hasattr(errno, "EDQUOT"):
    _ADVICE[errno.EDQUOT] = "your disk quota is used up. Free some space or choose another drive."


def export_error(path: Path, exc: OSError) -> ExportError:
    known = _ADVICE.get(exc.errno or 0)
    if known is not None:
        advice = known.format(folder=path.parent)
    else:
        reason = (exc.strerror or "the file could not be written").rstrip(".")
        advice = f"{reason}. Choose another location and try again."
    return ExportError(f"Could not save the export to {path}: {advice}")
