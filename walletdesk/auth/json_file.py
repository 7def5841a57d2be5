"""Small private JSON files in the data dir (settings, profile): read leniently, write atomically.

Standard library only: the GUI's first paint reads these files.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path
from typing import Any

DIR_MODE = 0o700
FILE_MODE = 0o600


class DamagedFileError(ValueError):
    """The file exists but is not a JSON object."""


def read_object(path: Path) -> dict[str, Any] | None:
    """The JSON object in ``path``; None when the file does not exist."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None  # the first paint of a local profile: json is not even imported
    import json

    try:
        data = json.loads(text)
    except ValueError as exc:
        raise DamagedFileError(str(path)) from exc
    if not isinstance(data, dict):
        raise DamagedFileError(str(path))
    return data


def write_object(path: Path, data: dict[str, Any]) -> None:
    """Replace ``path`` in one step with ``data`` (mode 0600; folder created 0700)."""
    import json

    path.parent.mkdir(parents=True, exist_ok=True, mode=DIR_MODE)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            json.dump(data, stream, indent=2, ensure_ascii=False)
            stream.write("\n")
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, FILE_MODE)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def remove(path: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        path.unlink()
