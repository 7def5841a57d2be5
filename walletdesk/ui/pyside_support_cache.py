"""Keep PySide6's own support code compiled from one start to the next.

PySide6 (6.11) carries the Python package behind signatures, ``__feature__`` and its .pyi
generator (``shibokensupport``: 13 modules, and its loader ``signature_bootstrap``, ~130 KB
of source) as text inside libshiboken, and compiles every one of them with ``compile()``
at every start (``signature_bootstrap.EmbeddableZipImporter``): Python's byte-code cache
never sees them. That compiling was ~9% of a start's work (callgrind, ``--smoke`` with 1,000
balances: 1,281 M -> 1,163 M instructions with this module), ~20 ms of every start; the bare
PySide6 window of ``bench_startup`` pays it too (123 M of its 642 M). PySide6's
own way out (``SBK_EMBED=0``: the sources written to ``shiboken6/files.dir`` and imported
from there) writes into the installation, which may be read-only (a system package, the
bundle) and is shared by every program that uses it.

So while shiboken6 is first imported, ``compile`` answers for those sources from
``AppPaths.cache_dir``: one file of marshalled code per source, named by the hash of its
file name, the optimisation level and the source (``importlib.util.source_hash``, keyed by
this Python's byte-code magic number, as hash-based .pyc files are). Another PySide6 (other
sources) or another Python (other magic number) finds no file and compiles as before; a
file that cannot be read or written costs only the time to compile. The files hold code
that runs, so they live in the user's own private folders, as ``__pycache__`` would.

The folder keeps only what the running PySide6 and Python use (~200 KB): a start that wrote
a file (the first after an upgrade) then removes every file of this module's naming that it
did not use, those of an older PySide6, Python or optimisation level, and half-written ones
a crash left. A start that wrote nothing removes nothing and costs nothing more. Only
regular files named ``<hex>.code`` or ``<hex>.code.<pid>`` directly in the folder go;
anything else there (a link, another program's file, a sub-folder) is left alone, and a
link is never followed, so nothing outside the folder is touched. A WalletDesk of another
version running meanwhile has read its files already; its next start compiles and writes
them again (and removes these): two versions started in turn compile at every start, as
without this module. The folder is safe to delete.

When a PySide6 release stops compiling its support code at import,
``tests/ui/test_pyside_support_cache.py`` fails: then this module can go.
"""

from __future__ import annotations

import builtins
import marshal
import os
import re
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from importlib.util import source_hash
from pathlib import Path
from types import CodeType
from typing import Any

# The file names PySide6 compiles its embedded sources under.
EMBEDDED_NAMES = ("signature_bootstrap.py", "shibokensupport/")
CODE_SUFFIX = ".code"
# The files this module writes: <key>.code, and <key>.code.<pid> while one is written.
CODE_FILE_NAME = r"[0-9a-f]+\.code(\.[0-9]+)?"

Compile = Callable[..., Any]


def import_shiboken(cache_dir: Path | None) -> None:
    """Import shiboken6 (what PySide6 imports first), its support code taken from
    ``cache_dir`` or compiled into it. Without a cache dir, or with shiboken6 imported
    already, nothing happens: PySide6 compiles (or has compiled) its code itself."""
    if cache_dir is None or "shiboken6" in sys.modules:
        return
    with compiled_in(cache_dir):
        import shiboken6  # noqa: F401


@contextmanager
def compiled_in(cache_dir: Path) -> Iterator[None]:
    """Within the block, ``compile`` of PySide6's embedded sources goes through
    ``cache_dir``; every other ``compile`` is Python's own. If the block wrote a file, the
    files it did not use leave the folder afterwards."""
    cache = _CodeCache(builtins.compile, cache_dir)
    setattr(builtins, "compile", cache.compile)  # noqa: B010
    try:
        yield
    finally:
        setattr(builtins, "compile", cache.compile_source)  # noqa: B010
    if cache.wrote:  # the first start of this PySide6 or Python (or a file was damaged)
        _remove_unused(cache_dir, cache.used)


class _CodeCache:
    # A plain class: a dataclass would compile its methods at every start.
    def __init__(self, compile_source: Compile, folder: Path) -> None:
        self.compile_source = compile_source  # Python's own
        self.folder = folder
        self.used: set[str] = set()  # the names of the files this start needs
        self.wrote = False

    def compile(self, source: object, filename: object, mode: str, *args: Any,
                **kwargs: Any) -> Any:
        if (args or kwargs or mode != "exec" or not isinstance(source, bytes)
                or not isinstance(filename, str) or not filename.startswith(EMBEDDED_NAMES)):
            return self.compile_source(source, filename, mode, *args, **kwargs)
        name = f"{_key(source, filename)}{CODE_SUFFIX}"
        self.used.add(name)
        path = self.folder / name
        code = _read(path)
        if code is None:
            code = self.compile_source(source, filename, mode)
            self.wrote |= _write(path, code)
        return code


def _key(source: bytes, filename: str) -> str:
    # The file name too: two of the sources are the same text (two empty __init__.py).
    return source_hash(b"%d\0%s\0%s" % (sys.flags.optimize, filename.encode(), source)).hex()


def _read(path: Path) -> CodeType | None:
    try:
        # Trusted as a .pyc is: written by this user's own starts, in a private folder.
        code = marshal.loads(path.read_bytes())  # noqa: S302
    except (OSError, ValueError, EOFError, TypeError):
        return None  # not there yet, or not readable: compiled again
    return code if isinstance(code, CodeType) else None


def _write(path: Path, code: CodeType) -> bool:
    partial = path.with_name(f"{path.name}.{os.getpid()}")
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        partial.write_bytes(marshal.dumps(code))
        os.replace(partial, path)  # whole or not at all, also with two starts at once
    except OSError:
        with suppress(OSError):
            partial.unlink()
        return False
    return True


def _remove_unused(folder: Path, used: set[str]) -> None:
    """Remove the regular files of this module's naming in ``folder`` that are not ``used``
    (best effort: what stays only costs room)."""
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return
    for entry in entries:
        # is_file without following: a link is left alone, whatever it points to; unlink
        # removes a name in this folder, never what a link points to.
        if (entry.name not in used and re.fullmatch(CODE_FILE_NAME, entry.name)
                and entry.is_file(follow_symlinks=False)):
            with suppress(OSError):
                os.unlink(entry.path)
