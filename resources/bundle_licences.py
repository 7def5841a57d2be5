"""The licence texts and the notice that ``build.spec`` puts into the bundle.

Every component in ``walletdesk.third_party.COMPONENTS`` gets a folder ``licences/NAME/``
with the licence files its distribution ships (its dist-info's ``licenses/``), Python gets
its own LICENSE.txt, and Qt and PySide6, whose wheels ship no licence file, get the GNU
LGPL 3 and, since the LGPL is a set of additions to it, the GNU GPL 3 (resources/licences/,
the FSF's texts). ``NOTICE.txt`` at the bundle's top lists them all (``third_party.notice``).
A build fails when a component has no licence text to ship.
"""

from __future__ import annotations

import importlib.metadata
import re
import sysconfig
from pathlib import Path

from walletdesk.third_party import COMPONENTS, notice

HERE = Path(__file__).resolve().parent
FSF_TEXTS = (HERE / "licences" / "LGPL-3.0.txt", HERE / "licences" / "GPL-3.0.txt")
_LICENCE_FILE = re.compile(r"(LICEN[CS]E|COPYING|NOTICE|AUTHORS)", re.IGNORECASE)
LICENCES_DIR = "licences"


def licence_files(distribution: str) -> list[Path]:
    """The licence texts to ship for one component."""
    if distribution == "python":
        return sorted(Path(sysconfig.get_paths()["stdlib"]).glob("LICENSE*"))
    if distribution in ("pyside6-essentials", "shiboken6"):
        return list(FSF_TEXTS)
    dist = importlib.metadata.distribution(distribution)
    return sorted(
        Path(str(dist.locate_file(file))) for file in dist.files or []
        if ".dist-info" in str(file) and _LICENCE_FILE.search(file.name)
    )


def licence_datas() -> list[tuple[str, str]]:
    """(source, folder in the bundle) pairs for PyInstaller's ``datas``."""
    datas = []
    for component in COMPONENTS:
        files = licence_files(component.distribution)
        if not files:
            raise SystemExit(f"no licence text found for {component.distribution}: "
                             "the bundle must not ship it without one")
        datas += [(str(file), f"{LICENCES_DIR}/{component.distribution}") for file in files]
    return datas


def write_notice(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "NOTICE.txt"
    path.write_text(notice(), encoding="utf-8")
    return path
