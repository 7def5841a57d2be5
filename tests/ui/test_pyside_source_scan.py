"""PySide6 learns from module names which modules use it (walletdesk/ui/pyside_source_scan.py)
instead of reading their source; the names it is told must be true."""

from __future__ import annotations

import ast
import subprocess
import sys
import sysconfig
from pathlib import Path

import walletdesk
from walletdesk.ui.pyside_source_scan import is_qt_module

PROBE = """
import linecache, sys
import PySide6.QtCore
from PySide6.support import feature
from walletdesk.ui.pyside_source_scan import answer_from_names

answer_from_names()
answer_from_names()  # once is enough; twice changes nothing
read = []
update = linecache.updatecache
linecache.updatecache = lambda filename, *rest: read.append(filename) or update(filename, *rest)
import colorsys  # standard library, imported after PySide6
from walletdesk.core.sample import is_sample  # WalletDesk below ui/
from walletdesk.ui.widgets.plain_text import plain_label  # WalletDesk's ui/
from pytestqt.qt_compat import qt_api  # third-party: PySide6 still reads its source
flags = feature.pyside_feature_dict
print(flags["colorsys"], flags["walletdesk.core.sample"], flags["walletdesk.ui.widgets.plain_text"],
      flags["pytestqt.qt_compat"])
print(*read, sep=chr(10))
"""


def test_pyside6_reads_no_source_of_the_standard_library_or_walletdesk() -> None:
    result = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True,
                            timeout=60, check=False)
    assert result.returncode == 0, result.stderr
    flags, *read = result.stdout.splitlines()
    # -1: PySide6 leaves the module alone; 0: it uses PySide6 (no feature switched on)
    assert flags.split() == ["-1", "-1", "0", "0"]
    assert any("/pytestqt/" in name for name in read)  # third-party sources are still read
    ours_or_stdlib = (str(Path(walletdesk.__file__).parent), sysconfig.get_paths()["stdlib"])
    assert [name for name in read if name.startswith(ours_or_stdlib)] == []


def imports_pyside6(source: Path) -> bool:
    for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        else:
            continue
        if any(name.split(".")[0] == "PySide6" for name in names):
            return True
    return False


def test_only_the_modules_named_as_qt_modules_import_pyside6() -> None:
    package = Path(walletdesk.__file__).parent
    importing = set()
    for source in package.rglob("*.py"):
        module = ".".join(("walletdesk", *source.relative_to(package).with_suffix("").parts))
        if imports_pyside6(source):
            importing.add(module.removesuffix(".__init__"))
    assert "walletdesk.ui.gui_main" in importing  # the scan finds them
    assert {m for m in importing if not is_qt_module(m)} == set()


def test_a_pyside6_without_the_scan_still_starts() -> None:
    probe = ("import sys\nimport PySide6.QtCore, PySide6.support\n"
             "del PySide6.support.feature  # a PySide6 without it\n"
             "sys.modules['PySide6.support.feature'] = None\n"
             "from walletdesk.ui.pyside_source_scan import answer_from_names\n"
             "answer_from_names()\nprint('started')\n")
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                            timeout=60, check=False)
    assert (result.returncode, result.stdout) == (0, "started\n"), result.stderr
