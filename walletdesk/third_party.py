"""The open-source components WalletDesk ships, with their licences: one list for the About
dialog and the bundle's NOTICE.txt (resources/bundle_licences.py copies the texts).

A test checks it against the installed dependency tree, so a new dependency cannot ship
unlisted. Licences are SPDX expressions as each project declares them.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path


@dataclass(frozen=True, slots=True)
class Component:
    distribution: str  # the package's name on PyPI, normalised (lower case, "-")
    shown: str  # what it is, for people
    licence: str  # SPDX expression
    url: str


QT = Component("pyside6-essentials", "Qt 6 and PySide6 (Qt for Python)",
               "LGPL-3.0-only", "https://www.qt.io/qt-for-python")

COMPONENTS: tuple[Component, ...] = (
    QT,
    Component("shiboken6", "Shiboken 6 (PySide6's binding runtime)", "LGPL-3.0-only",
              "https://www.qt.io/qt-for-python"),
    Component("python", "Python", "PSF-2.0", "https://www.python.org"),
    Component("sqlalchemy", "SQLAlchemy", "MIT", "https://www.sqlalchemy.org"),
    Component("alembic", "Alembic", "MIT", "https://alembic.sqlalchemy.org"),
    Component("mako", "Mako", "MIT", "https://www.makotemplates.org"),
    Component("markupsafe", "MarkupSafe", "BSD-3-Clause", "https://palletsprojects.com"),
    Component("cryptography", "cryptography", "Apache-2.0 OR BSD-3-Clause",
              "https://cryptography.io"),
    Component("cffi", "CFFI", "MIT-0", "https://cffi.readthedocs.io"),
    Component("pycparser", "pycparser", "BSD-3-Clause", "https://github.com/eliben/pycparser"),
    Component("keyring", "keyring", "MIT", "https://github.com/jaraco/keyring"),
    Component("jaraco-classes", "jaraco.classes", "MIT", "https://github.com/jaraco"),
    Component("jaraco-context", "jaraco.context", "MIT", "https://github.com/jaraco"),
    Component("jaraco-functools", "jaraco.functools", "MIT", "https://github.com/jaraco"),
    Component("backports-tarfile", "backports.tarfile", "MIT", "https://github.com/jaraco"),
    Component("more-itertools", "more-itertools", "MIT",
              "https://github.com/more-itertools/more-itertools"),
    Component("importlib-metadata", "importlib_metadata", "Apache-2.0",
              "https://github.com/python/importlib_metadata"),
    Component("zipp", "zipp", "MIT", "https://github.com/jaraco/zipp"),
    Component("secretstorage", "SecretStorage", "BSD-3-Clause",
              "https://github.com/mitya57/secretstorage"),
    Component("jeepney", "Jeepney", "MIT", "https://gitlab.com/takluyver/jeepney"),
    Component("httpx", "HTTPX", "BSD-3-Clause", "https://www.python-httpx.org"),
    Component("httpcore", "HTTP Core", "BSD-3-Clause", "https://github.com/encode/httpcore"),
    Component("h11", "h11", "MIT", "https://github.com/python-hyper/h11"),
    Component("anyio", "AnyIO", "MIT", "https://github.com/agronholm/anyio"),
    Component("idna", "idna", "BSD-3-Clause", "https://github.com/kjd/idna"),
    Component("certifi", "certifi (Mozilla's CA certificates)", "MPL-2.0",
              "https://github.com/certifi/python-certifi"),
    Component("platformdirs", "platformdirs", "MIT",
              "https://github.com/tox-dev/platformdirs"),
    Component("openpyxl", "openpyxl", "MIT", "https://openpyxl.readthedocs.io"),
    Component("et-xmlfile", "et_xmlfile", "MIT", "https://foss.heptapod.net/openpyxl"),
    Component("authlib", "Authlib", "BSD-3-Clause", "https://authlib.org"),
    Component("joserfc", "joserfc", "BSD-3-Clause", "https://jose.authlib.org"),
    Component("typing-extensions", "typing_extensions", "PSF-2.0",
              "https://github.com/python/typing_extensions"),
    Component("lazy-importer", "lazy-importer", "Apache-2.0",
              "https://pypi.org/project/lazy-importer"),
)


def licences_folder() -> Path | None:
    """Where the bundle keeps the licence texts (beside the ``walletdesk`` package); None
    when running from a source checkout or a wheel (the texts are in each package's
    installed metadata then)."""
    root = files("walletdesk")
    if not isinstance(root, Path):
        return None
    folder = root.parent / "licences"
    return folder if folder.is_dir() else None


def notice() -> str:
    """The text of the bundle's NOTICE.txt."""
    lines = [
        "WalletDesk includes the following open-source components. Their licence texts",
        "are in the licences/ folder beside this file, one folder per component.",
        "",
        f"{QT.shown} is used under the GNU Lesser General Public License v3 (LGPL-3.0),",
        "dynamically linked: you may replace the Qt and PySide6 libraries in this bundle",
        "with your own builds of the same version. Qt's source code is available from",
        "https://download.qt.io and PySide6's from https://code.qt.io/pyside/pyside-setup.",
        "certifi is used under the Mozilla Public License 2.0; its source is at",
        "https://github.com/certifi/python-certifi.",
        "",
    ]
    width = max(len(c.shown) for c in COMPONENTS)
    lines += [f"{c.shown:<{width}}  {c.licence:<26}  {c.url}" for c in COMPONENTS]
    return "\n".join(lines) + "\n"
