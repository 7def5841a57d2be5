"""Writing a file so that a failure never leaves a half-written file behind, and no one else
can steer where it goes.

The content goes to a temporary file in the target's directory, is flushed to disk, and
then replaces the target in one step (``os.replace``). If anything fails, the temporary
file is removed and an existing file at the target is left exactly as it was.

Balances are private, and an export path may sit in a folder others can write to (``/tmp``):
- a symbolic link at the target is refused, never followed (it could point at any of the
  user's files);
- a file at the target that belongs to another user is refused, never written through;
- the file written is readable by its owner only (0600), less if the umask asks for less,
  and a replaced file's narrower permissions are kept: the mode is never widened.
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

from walletdesk.core.errors import ExportError, ExportTargetExistsError

Writer = Callable[[IO[bytes]], None]
PRIVATE_MODE = 0o600


def write_atomically(path: Path, write: Writer, *, replace: bool = True,
                     noun: str = "export") -> Path:
    """Write ``path`` with ``write(stream)``; return the file written (absolute).

    ``noun`` names the file in messages ("Could not save the backup to ...").

    ``replace=False``: an existing file is never replaced, not even one that appears while
    writing; :class:`ExportTargetExistsError` then says so and nothing is changed.
    OSErrors become an :class:`ExportError` that names ``path`` and says what to do.
    """
    target = _absolute(path)
    if not replace and os.path.lexists(target) and not os.path.isdir(target):
        raise ExportTargetExistsError(path)  # before the work, not only after it
    mode = _mode_for(path, target, noun)
    try:
        handle, temporary_name = tempfile.mkstemp(
            dir=target.parent, prefix=f".{target.name[:100]}.", suffix=".part"
        )
    except OSError as exc:
        raise export_error(path, exc, noun) from exc
    temporary = Path(temporary_name)
    try:
        with os.fdopen(handle, "wb") as stream:
            os.fchmod(stream.fileno(), mode)
            write(stream)
            stream.flush()
            os.fsync(stream.fileno())
        if replace:
            os.replace(temporary, target)  # replaces a link planted meanwhile, never its target
        else:
            _place_new(temporary, target, path)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            temporary.unlink()
        if isinstance(exc, OSError):
            raise export_error(path, exc, noun) from exc
        raise
    return target


def _place_new(temporary: Path, target: Path, path: Path) -> None:
    """Move ``temporary`` to ``target`` only if nothing is there: a hard link is created
    atomically or not at all (``os.replace`` would silently replace a file that another
    program created meanwhile)."""
    try:
        os.link(temporary, target)
    except FileExistsError:
        raise ExportTargetExistsError(path) from None
    except OSError as exc:
        if exc.errno not in (errno.EPERM, errno.EOPNOTSUPP, errno.ENOTSUP, errno.EXDEV):
            raise
        # No hard links on this file system (FAT, some network shares): check, then rename.
        if os.path.lexists(target):
            raise ExportTargetExistsError(path) from None
        os.replace(temporary, target)
        return
    temporary.unlink()


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


def _absolute(path: Path) -> Path:
    """The folder's links resolved (they are the user's choice), the final name kept as is."""
    absolute = Path(os.path.abspath(path))
    return Path(os.path.realpath(absolute.parent)) / absolute.name


def _mode_for(path: Path, target: Path, noun: str) -> int:
    """The permissions of the file to write; refuses targets that are not the user's own."""
    private = PRIVATE_MODE & ~current_umask()
    try:
        existing = os.lstat(target)
    except FileNotFoundError:
        return private
    except OSError as exc:
        raise export_error(path, exc, noun) from exc
    if stat.S_ISLNK(existing.st_mode):
        raise ExportError(
            f"Could not save the {noun} to {path}: it is a symbolic link, which WalletDesk "
            "does not follow. Choose the file it points to, or another name."
        )
    if stat.S_ISDIR(existing.st_mode):
        raise export_error(path, IsADirectoryError(errno.EISDIR, "Is a directory"), noun)
    if hasattr(os, "geteuid") and existing.st_uid != os.geteuid():
        raise ExportError(
            f"Could not save the {noun} to {path}: the file there belongs to another user. "
            "Choose a file name of your own."
        )
    return private & stat.S_IMODE(existing.st_mode)


def current_umask() -> int:
    """The process's umask, read without changing it where the system allows (Linux)."""
    with (contextlib.suppress(OSError, ValueError, StopIteration),
          open("/proc/self/status", encoding="ascii") as status):
        line = next(line for line in status if line.startswith("Umask:"))
        return int(line.split()[1], 8)
    # Elsewhere: set a strict mask for an instant; a file another thread creates meanwhile
    # gets fewer permissions, never more.
    previous = os.umask(0o077)
    os.umask(previous)
    return previous


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


def export_error(path: Path, exc: OSError, noun: str = "export") -> ExportError:
    known = _ADVICE.get(exc.errno or 0)
    if known is not None:
        advice = known.format(folder=path.parent)
    else:
        reason = (exc.strerror or "the file could not be written").rstrip(".")
        advice = f"{reason}. Choose another location and try again."
    return ExportError(f"Could not save the {noun} to {path}: {advice}")
