"""What build.spec leaves out of the bundle, decided on a small fake of PyInstaller's lists."""

from __future__ import annotations

import ast
from collections.abc import Iterable

import pytest

from tests.packaging.bundle import REPO
from tests.packaging.scripts import script

bundle_qt = script("bundle_qt")
PLUGINS = "PySide6/Qt/plugins"
QT_LIB = "PySide6/Qt/lib"

BINARIES = [
    "PySide6/QtWidgets.abi3.so", "python3.11/lib-dynload/zlib.so",
    f"{QT_LIB}/libQt6Widgets.so.6", f"{QT_LIB}/libQt6Gui.so.6", f"{QT_LIB}/libQt6XcbQpa.so.6",
    f"{QT_LIB}/libQt6Quick.so.6",
    f"{PLUGINS}/platforms/libqxcb.so", f"{PLUGINS}/platformthemes/libqgtk3.so",
    f"{PLUGINS}/platforminputcontexts/libqtvirtualkeyboardplugin.so",
    "libstdc++.so.6", "libX11.so.6", "libxcb.so.1", "libz.so.1", "libgtk-3.so.0",
    "libcairo.so.2", "libuuid.so.1",  # libuuid: found for ctypes, nothing links it
]
# bundle name -> file names of the libraries it links against (a fake ldd)
LINKS: dict[str, list[str]] = {
    "PySide6/QtWidgets.abi3.so": ["libQt6Widgets.so.6"],
    "python3.11/lib-dynload/zlib.so": ["libz.so.1"],
    f"{QT_LIB}/libQt6Widgets.so.6": ["libQt6Gui.so.6", "libstdc++.so.6"],
    f"{QT_LIB}/libQt6Gui.so.6": ["libX11.so.6", "libz.so.1"],
    f"{QT_LIB}/libQt6XcbQpa.so.6": ["libxcb.so.1"],
    f"{PLUGINS}/platforms/libqxcb.so": ["libQt6XcbQpa.so.6"],
    f"{PLUGINS}/platformthemes/libqgtk3.so": ["libgtk-3.so.0", "libX11.so.6"],
    f"{PLUGINS}/platforminputcontexts/libqtvirtualkeyboardplugin.so": ["libQt6Quick.so.6"],
    "libgtk-3.so.0": ["libcairo.so.2"],
}


def entries() -> list[tuple[str, str, str]]:
    return [(name, f"/src/{name}", "BINARY") for name in BINARIES]


def fake_ldd(source: str) -> Iterable[str]:
    return LINKS.get(source.removeprefix("/src/"), [])


def kept_names(*, linux: bool) -> set[str]:
    kept, _dropped = bundle_qt.trim_binaries(entries(), fake_ldd, linux=linux)
    return {name for name, _source, _kind in kept}


def test_unwanted_plugins_go_with_the_libraries_only_they_need() -> None:
    kept = kept_names(linux=False)
    assert f"{PLUGINS}/platforms/libqxcb.so" in kept
    for gone in (f"{PLUGINS}/platformthemes/libqgtk3.so", "libgtk-3.so.0", "libcairo.so.2",
                 f"{PLUGINS}/platforminputcontexts/libqtvirtualkeyboardplugin.so",
                 f"{QT_LIB}/libQt6Quick.so.6"):
        assert gone not in kept
    assert "libX11.so.6" in kept  # Qt Gui links it too


def test_on_linux_system_libraries_only_qt_needs_are_left_to_the_system() -> None:
    kept = kept_names(linux=True)
    assert {"libX11.so.6", "libxcb.so.1", "libstdc++.so.6"}.isdisjoint(kept)
    assert "libz.so.1" in kept  # Python's zlib links it as well
    assert f"{QT_LIB}/libQt6Gui.so.6" in kept


def test_a_library_nothing_links_against_is_kept() -> None:
    assert "libuuid.so.1" in kept_names(linux=True)


def test_symlinks_to_dropped_libraries_and_qt_translations_are_dropped(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(bundle_qt, "_linked_libraries", fake_ldd)
    datas = [("libgtk-3.so.0", "libgtk-3.so.0", "SYMLINK"),
             ("libQt6Gui.so.6", f"{QT_LIB}/libQt6Gui.so.6", "SYMLINK"),
             ("PySide6/Qt/translations/qtbase_de.qm", "/src/qtbase_de.qm", "DATA"),
             ("walletdesk/assets/icons/add.svg", "/src/add.svg", "DATA")]
    _binaries, kept = bundle_qt.trim_qt(entries(), datas)
    assert [name for name, _target, _kind in kept] == [
        "libQt6Gui.so.6", "walletdesk/assets/icons/add.svg"]


@pytest.mark.parametrize(("name", "kept"), [
    (f"{PLUGINS}/imageformats/libqsvg.so", True),
    (f"{PLUGINS}/imageformats/libqjpeg.so", False),
    (f"{PLUGINS}/sqldrivers/libqsqlite.so", False),
    (f"{PLUGINS}/wayland-shell-integration/libxdg-shell.so", True),
    ("PySide6/plugins/platforms/qwindows.dll", True),
    ("PySide6/plugins/platforms/qdirect2d.dll", False),
    ("cryptography/hazmat/bindings/_rust.abi3.so", True),
])
def test_plugin_choice(name: str, kept: bool) -> None:
    assert bundle_qt.is_kept_plugin(name) is kept


def imported_modules() -> set[str]:
    found = set()
    for path in (REPO / "walletdesk").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found |= {alias.name for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.module:
                found.add(node.module)
                found |= {f"{node.module}.{alias.name}" for alias in node.names}
    return found


def test_walletdesk_imports_no_qt_module_the_bundle_leaves_out() -> None:
    assert imported_modules().isdisjoint(bundle_qt.EXCLUDED_QT_MODULES)


@pytest.mark.parametrize(("version", "numbers"), [
    ("0.1.0", (0, 1, 0, 0)), ("1.2.3rc1", (1, 2, 3, 0)), ("2.0", (2, 0, 0, 0)),
    ("1.2.3.4.5", (1, 2, 3, 4)),
])
def test_windows_version_numbers_come_from_the_package_version(
        version: str, numbers: tuple[int, ...]) -> None:
    assert script("bundle_metadata").version_tuple(version) == numbers
