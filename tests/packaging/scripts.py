"""Import the build scripts in resources/ (a folder of scripts, not a package)."""

from __future__ import annotations

import importlib
import sys
from types import ModuleType

from tests.packaging.bundle import REPO

RESOURCES = REPO / "resources"


def script(name: str) -> ModuleType:
    if str(RESOURCES) not in sys.path:
        sys.path.insert(0, str(RESOURCES))
    return importlib.import_module(name)
