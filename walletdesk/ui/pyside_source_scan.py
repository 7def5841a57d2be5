"""Tell PySide6 which modules use it from their names, instead of letting it read their source.

PySide6 (6.11) hooks ``import``: every module imported after it is examined once, by reading
its whole source file and looking for the word "PySide6" (``shibokensupport.feature.
_mod_uses_pyside``), to know which modules may switch on a ``__feature__`` such as
``from __feature__ import snake_case``. WalletDesk switches on none (the answer only decides
whether PySide6 follows a module's choice of features). A smoke start had it
read some 130 source files (the standard library's and WalletDesk's own): 3% of the
start's work (callgrind: 39 M of 1,390 M instructions), ~8 ms. Importing those modules
before PySide6 does not help: the hook looks at each module named by an ``import``
statement run after PySide6, already loaded or not.

The answer is known without reading: the standard library never uses PySide6, and
WalletDesk's layers say which of its modules may (``is_qt_module``;
``tests/ui/test_pyside_source_scan.py`` fails if another imports it). PySide6 still reads
every other module. If a PySide6 release stops calling that function, the same test fails:
then this module can go.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from types import ModuleType


def is_qt_module(name: str) -> bool:
    """The WalletDesk modules that may import PySide6 (docs/architecture.md's layers)."""
    return name in ("walletdesk.app", "walletdesk.__main__", "walletdesk.ui") or name.startswith(
        "walletdesk.ui.")


def answer_from_names() -> None:
    """Replace PySide6's source scan with one that answers from module names (once)."""
    try:
        from PySide6.support import feature  # type: ignore[attr-defined]

        scan: Callable[[ModuleType], bool] = feature._mod_uses_pyside
    except (ImportError, AttributeError):
        # A PySide6 without that function (test_pyside_source_scan then fails): start as it
        # would, only a few milliseconds slower, rather than not at all.
        return
    if getattr(scan, "by_name", False):
        return
    feature._mod_uses_pyside = _by_name(scan)


def _by_name(read_source: Callable[[ModuleType], bool]) -> Callable[[ModuleType], bool]:
    def uses_pyside(module: ModuleType) -> bool:
        name = getattr(module, "__name__", "")
        top = name.partition(".")[0]
        if top == "walletdesk":
            return is_qt_module(name)
        if top in sys.stdlib_module_names:
            return False
        return read_source(module)

    uses_pyside.by_name = True  # type: ignore[attr-defined]
    return uses_pyside
