"""PySide6's support code, compiled once and taken from the cache dir at later starts
(walletdesk/ui/pyside_support_cache.py), and the PySide6 behaviour that module works around."""

from __future__ import annotations

import builtins
import json
import subprocess
import sys
from pathlib import Path

from walletdesk.ui.pyside_support_cache import compiled_in

PYTHON_COMPILE = builtins.compile

# A fresh process: which of PySide6's embedded sources went through Python's compile, and
# whether PySide6 then works as usual (a signature read through its support code).
PROBE = """
import builtins, json, sys
from pathlib import Path
compiled = []
python_compile = builtins.compile
def counting(source, filename, mode, *rest, **named):
    if isinstance(filename, str) and filename.startswith(("signature_bootstrap.py",
                                                          "shibokensupport/")):
        compiled.append(filename)
    return python_compile(source, filename, mode, *rest, **named)
builtins.compile = counting
from walletdesk.ui.pyside_support_cache import import_shiboken
import_shiboken(Path(sys.argv[1]) if sys.argv[1] else None)
from PySide6.QtCore import QObject
from PySide6.support.signature import get_signature
builtins.compile = python_compile
loader = sys.modules["shibokensupport.signature.loader"].__loader__
print(json.dumps({"compiled": compiled, "loader": type(loader).__name__,
                  "signature": str(get_signature(QObject.setObjectName))}))
"""


def start(cache_dir: Path | None) -> dict[str, object]:
    result = subprocess.run([sys.executable, "-c", PROBE, str(cache_dir or "")],
                            capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 0, result.stderr
    answer: dict[str, object] = json.loads(result.stdout)
    return answer


def test_pyside6_compiles_its_support_code_from_source_at_every_start() -> None:
    """The quirk itself. If this fails, PySide6 no longer compiles its embedded support code
    at import (or loads it from elsewhere): remove pyside_support_cache.py."""
    first, second = start(None), start(None)
    assert first["loader"] == "EmbeddableZipImporter"
    assert "shibokensupport/signature/parser.py" in first["compiled"]  # type: ignore[operator]
    assert first["compiled"] == second["compiled"]


def test_later_starts_take_the_compiled_code_from_the_cache(tmp_path: Path) -> None:
    uncached = start(None)
    cache = tmp_path / "cache"
    first = start(cache)
    assert first["compiled"] == uncached["compiled"]  # compiled once, as without the cache
    assert len(list(cache.iterdir())) == len(uncached["compiled"])  # type: ignore[arg-type]
    assert (cache.stat().st_mode & 0o777) == 0o700  # code that runs: the user's alone
    later = start(cache)
    assert later["compiled"] == []
    assert later["signature"] == uncached["signature"] == "(self, name: str, /) -> None"


def test_a_damaged_cache_file_is_compiled_again(tmp_path: Path) -> None:
    start(tmp_path)
    files = sorted(tmp_path.iterdir())
    for path in files:
        path.write_bytes(b"not marshalled code")
    again = start(tmp_path)
    assert len(again["compiled"]) == len(files)  # type: ignore[arg-type]
    assert start(tmp_path)["compiled"] == []  # and written whole once more


def test_the_same_source_under_two_names_keeps_each_name(tmp_path: Path) -> None:
    names = ("shibokensupport/__init__.py", "shibokensupport/signature/lib/__init__.py")
    for _ in range(2):  # compiled into the cache, then read back from it
        with compiled_in(tmp_path):
            codes = [builtins.compile(b"# the same text\n", name, "exec") for name in names]
        assert [code.co_filename for code in codes] == list(names)
    assert len(list(tmp_path.iterdir())) == 2


def test_other_compiles_are_pythons_own_and_an_unwritable_cache_only_costs_time(
        tmp_path: Path) -> None:
    with compiled_in(tmp_path):
        assert eval(builtins.compile("6 * 7", "<string>", "eval")) == 42
        builtins.compile(b"x = 2\n", "walletdesk/elsewhere.py", "exec")
    assert builtins.compile is PYTHON_COMPILE  # put back
    assert list(tmp_path.iterdir()) == []  # only PySide6's embedded sources are cached
    not_a_folder = tmp_path / "file"
    not_a_folder.write_text("")
    with compiled_in(not_a_folder):
        code = builtins.compile(b"x = 1\n", "shibokensupport/feature.py", "exec")
    assert code.co_filename == "shibokensupport/feature.py"
    assert [path.name for path in tmp_path.iterdir()] == ["file"]


def another_versions_file(cache: Path) -> Path:
    """A file as an older PySide6 left it in ``cache``: its feature.py, compiled."""
    older = cache.with_name(f"{cache.name}-older")
    with compiled_in(older):
        builtins.compile(b"# feature.py as PySide6 6.10 had it\n", "shibokensupport/feature.py",
                         "exec")
    [compiled] = older.iterdir()
    cache.mkdir(exist_ok=True)
    return compiled.rename(cache / compiled.name)


def test_a_start_that_writes_keeps_only_the_files_it_uses(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    older = another_versions_file(cache)
    crashed = cache / f"{older.name}.4242"  # half-written by a start that crashed
    crashed.write_bytes(b"half")
    first = start(cache)
    assert first["compiled"]  # this version's files written...
    assert not older.exists() and not crashed.exists()  # ...and the older ones gone
    assert len(list(cache.iterdir())) == len(first["compiled"])  # type: ignore[arg-type]
    assert start(cache)["compiled"] == []  # this version's kept and read back


def test_a_start_that_writes_nothing_removes_nothing(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    start(cache)
    older = another_versions_file(cache)
    assert start(cache)["compiled"] == []
    assert older.exists()  # the common start only reads: it does not even list the folder


def test_tidying_leaves_links_and_other_files_alone(tmp_path: Path) -> None:
    cache, outside = tmp_path / "cache", tmp_path / "outside"
    older = another_versions_file(cache)
    outside.mkdir()
    target = outside / older.name  # named as a cache file, but outside the cache
    target.write_bytes(older.read_bytes())
    kept = {cache / "notes.txt": "a file not of this module's naming",
            cache / "elsewhere" / older.name: "in a sub-folder: not of this cache"}
    for path, text in kept.items():
        path.parent.mkdir(exist_ok=True)
        path.write_text(text)
    links = {cache / f"{'0' * 16}.code": target, cache / f"{'1' * 16}.code": outside}
    for link, to in links.items():
        link.symlink_to(to)
    start(cache)
    assert not older.exists()  # tidied...
    assert all(path.read_text() == text for path, text in kept.items())  # ...but only that
    assert all(link.is_symlink() and link.resolve() == to for link, to in links.items())
    assert target.read_bytes() and sorted(outside.iterdir()) == [target]
