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
that runs, so they live in the user's own private folders, as ``__pycache__`` would. Those
of an older PySide6 or Python stay (~200 KB a version); the folder is safe to delete.

When a PySide6 release stops compiling its support code at import,
``tests/ui/test_pyside_support_cache.py`` fails: then this module can go.
"""

from __future__ import annotations

import builtins
import marshal
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from importlib.util import source_hash
from pathlib import Path
from types import CodeType
from typing import Any

# The file names PySide6 compiles its embedded sources under.
EMBEDDED_NAMES = ("signature_bootstrap.py", "shibokensupport/")

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
    ``cache_dir``; every other ``compile`` is Python's own."""
    original: Compile = builtins.compile
    setattr(builtins, "compile", _through_cache(original, cache_dir))  # noqa: B010
    try:
        yield
    finally:
        setattr(builtins, "compile", original)  # noqa: B010


def _through_cache(compile_source: Compile, cache_dir: Path) -> Compile:
    def compile_cached(source: object, filename: object, mode: str, *args: Any,
                       **kwargs: Any) -> Any:
        if (args or kwargs or mode != "exec" or not isinstance(source, bytes)
                or not isinstance(filename, str) or not filename.startswith(EMBEDDED_NAMES)):
            return compile_source(source, filename, mode, *args, **kwargs)
        path = cache_dir / f"{_key(source, filename)}.code"
        code = _read(path)
        if code is None:
            code = compile_source(source, filename, mode)
            _write(path, code)
        return code

    return compile_cached


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


def _write(path: Path, code: CodeType) -> None:
    partial = path.with_name(f"{path.name}.{os.getpid()}")
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        partial.write_bytes(marshal.dumps(code))
        os.replace(partial, path)  # whole or not at all, also with two starts at once
    except OSError:
        with suppress(OSError):
            partial.unlink()
