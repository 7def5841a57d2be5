"""Trim what PyInstaller's PySide6 hooks collect down to what WalletDesk's widgets use.

``build.spec`` runs ``trim_qt`` on the Analysis' binaries and datas:

1. Qt plugins: only the plugin types and plugins listed in ``KEPT_PLUGINS`` stay (the X11,
   Wayland and offscreen platforms, SVG icons, input methods, the portal theme). Gone are,
   among others: the GTK3 platform theme, eglfs/linuxfb/vnc/vkkhrdisplay platforms, evdev
   and TUIO input, the virtual keyboard, QML tooling, SQL drivers, TLS and
   network-information backends, print support and all image formats but SVG and ICO.
   Shared libraries that only the dropped plugins link against go with them (GTK 3, cairo,
   pango, ATK, the eglfs support libraries, ...), and so do their symlinks.
2. Linux: system libraries that only Qt links against (X11/xcb, xkbcommon, fontconfig,
   freetype, GLib, D-Bus, libstdc++, ...) are left to the system, like libGL and libEGL,
   which PyInstaller never bundles anyway; the Debian packages that provide them are the
   ones a pip-installed PySide6 needs too (resources/README.md lists them). Libraries that
   Python's side links against (OpenSSL, SQLite, libffi, ...) stay in the bundle.
3. Qt translations: all gone; WalletDesk's UI is English and loads no QTranslator.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable
from pathlib import PurePosixPath

TocEntry = tuple[str, str, str]  # (name in the bundle, source path, type code)
ImportsOf = Callable[[str], Iterable[str]]  # source path -> names of the libraries it links

# plugin type -> kept plugin names (as in "libqxcb.so" / "qxcb.dll" -> "qxcb"); None keeps all.
KEPT_PLUGINS: dict[str, frozenset[str] | None] = {
    "platforms": frozenset({"qxcb", "qwayland", "qoffscreen", "qwindows", "qcocoa"}),
    "platformthemes": frozenset({"qxdgdesktopportal"}),
    "platforminputcontexts": frozenset(
        {"composeplatforminputcontextplugin", "ibusplatforminputcontextplugin"}
    ),
    "iconengines": frozenset({"qsvgicon"}),
    "imageformats": frozenset({"qsvg", "qico"}),
    "styles": None,
    "xcbglintegrations": None,
    "wayland-shell-integration": None,
    "wayland-decoration-client": None,
    "wayland-graphics-integration-client": None,
}

# Qt's Python modules WalletDesk does not use; a test checks that walletdesk imports none.
EXCLUDED_QT_MODULES = tuple(f"PySide6.{name}" for name in (
    "QtNetwork",  # imported by PySide6/__init__ only for a Windows OpenSSL check
    "QtQml", "QtQuick", "QtQuickWidgets", "QtQuickControls2", "QtQuick3D",
    "QtWebEngineCore", "QtWebEngineWidgets", "QtWebEngineQuick", "QtWebChannel",
    "QtWebSockets", "QtPdf", "QtPdfWidgets", "QtMultimedia", "QtMultimediaWidgets",
    "QtSpatialAudio", "QtTextToSpeech", "Qt3DCore", "Qt3DRender", "Qt3DInput", "Qt3DLogic",
    "Qt3DAnimation", "Qt3DExtras", "QtCharts", "QtDataVisualization", "QtGraphs",
    "QtGraphsWidgets", "QtDesigner", "QtUiTools", "QtHelp", "QtSql", "QtTest", "QtBluetooth",
    "QtNfc", "QtPositioning", "QtLocation", "QtSensors", "QtSerialPort", "QtSerialBus",
    "QtRemoteObjects", "QtScxml", "QtHttpServer", "QtNetworkAuth", "QtAxContainer",
))

_QT_ROOTS = ("PySide6/Qt/", "PySide6/")


def _qt_relative(name: str) -> PurePosixPath | None:
    """The part after ``PySide6/Qt/`` (or ``PySide6/`` on Windows), else None."""
    posix = name.replace("\\", "/")
    for root in _QT_ROOTS:
        if posix.startswith(root):
            return PurePosixPath(posix[len(root):])
    return None


def _file_name(path: str) -> str:
    return PurePosixPath(path.replace("\\", "/")).name


def plugin_name(file_name: str) -> str:
    stem = file_name.split(".", 1)[0]
    return stem[3:] if stem.startswith("lib") else stem


def is_kept_plugin(name: str) -> bool:
    relative = _qt_relative(name)
    if relative is None or len(relative.parts) < 3 or relative.parts[0] != "plugins":
        return True  # not a Qt plugin
    kept = KEPT_PLUGINS.get(relative.parts[1], frozenset())
    return kept is None or plugin_name(relative.name) in kept


def is_qt(name: str) -> bool:
    """Part of the PySide6 wheels (Qt, its plugins, the bindings, shiboken)."""
    return name.replace("\\", "/").startswith(("PySide6/", "shiboken6/"))


def is_translation(name: str) -> bool:
    relative = _qt_relative(name)
    return relative is not None and relative.parts[:1] == ("translations",)


def _closure(sources: Iterable[str], imports_of: ImportsOf,
             collected: dict[str, TocEntry]) -> set[str]:
    """File names of the collected libraries that ``sources`` link against, recursively."""
    reached: set[str] = set()
    pending = list(sources)
    while pending:
        for library in imports_of(pending.pop()):
            file_name = _file_name(library)
            if file_name in collected and file_name not in reached:
                reached.add(file_name)
                pending.append(collected[file_name][1])
    return reached


def exclusive_dependencies(binaries: list[TocEntry], owners: set[str],
                           imports_of: ImportsOf) -> set[str]:
    """Bundle names of the libraries that only ``owners`` (bundle names) link against.

    A library that nothing links against (e.g. one found for ``ctypes``) is no one's.
    """
    collected = {_file_name(entry[0]): entry for entry in binaries}
    theirs = _closure((e[1] for e in binaries if e[0] in owners), imports_of, collected)
    others = [e[1] for e in binaries if e[0] not in owners and _file_name(e[0]) not in theirs]
    theirs -= _closure(others, imports_of, collected)
    return {collected[name][0] for name in theirs} - owners


def trim_binaries(binaries: list[TocEntry], imports_of: ImportsOf, *, linux: bool
                  ) -> tuple[list[TocEntry], set[str]]:
    """Steps 1 and 2 of the module's docstring: the kept entries, the dropped names."""
    plugins = {entry[0] for entry in binaries if not is_kept_plugin(entry[0])}
    dropped = plugins | exclusive_dependencies(binaries, plugins, imports_of)
    kept = [entry for entry in binaries if entry[0] not in dropped]
    if linux:
        qt = {entry[0] for entry in kept if is_qt(entry[0])}
        system = {name for name in exclusive_dependencies(kept, qt, imports_of)
                  if not is_qt(name)}
        dropped |= system
        kept = [entry for entry in kept if entry[0] not in system]
    return kept, dropped


def _linked_libraries(source: str) -> list[str]:
    from PyInstaller.depend.bindepend import get_imports

    return [name for name, _path in get_imports(source)]


def trim_qt(binaries: list[TocEntry], datas: list[TocEntry]
            ) -> tuple[list[TocEntry], list[TocEntry]]:
    kept_binaries, dropped = trim_binaries(binaries, _linked_libraries,
                                           linux=sys.platform.startswith("linux"))
    kept_datas = [entry for entry in datas
                  if not is_translation(entry[0])
                  and not (entry[2] == "SYMLINK" and entry[1] in dropped)]
    return kept_binaries, kept_datas
