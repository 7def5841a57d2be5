"""Which platform plugins Qt will try, and the line that names a library it cannot load."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.system_parts import needs_command
from walletdesk.platform_libraries import (
    DEBIAN_PACKAGES,
    explain,
    missing_library,
    plugin_file,
    requested_platforms,
)

# Libraries every Linux has (libc6, libstdc++6, libgcc-s1, zlib1g, libzstd1) and ICU, which
# PySide6 ships itself: the table need not name them.
BASE_SYSTEM = {"libc.so.6", "libm.so.6", "libstdc++.so.6", "libgcc_s.so.1", "libz.so.1",
               "libzstd.so.1", "ld-linux-x86-64.so.2", "libpthread.so.0", "libdl.so.2"}


@pytest.mark.parametrize(("environ", "expected"), [
    ({}, ["xcb"]),
    ({"XDG_SESSION_TYPE": "x11"}, ["xcb"]),
    ({"XDG_SESSION_TYPE": "wayland"}, ["wayland", "xcb"]),
    ({"QT_QPA_PLATFORM": "offscreen", "XDG_SESSION_TYPE": "wayland"}, ["offscreen"]),
    ({"QT_QPA_PLATFORM": " wayland;xcb "}, ["wayland", "xcb"]),
    ({"QT_QPA_PLATFORM": "offscreen:fontengine=freetype"}, ["offscreen"]),
    ({"QT_QPA_PLATFORM": ""}, ["xcb"]),
])
def test_the_platforms_are_the_ones_qt_will_try(environ: dict[str, str],
                                                 expected: list[str]) -> None:
    assert requested_platforms(environ) == expected


def test_a_missing_library_is_named_with_its_package() -> None:
    line = explain("libxcb-icccm.so.4: cannot open shared object file: No such file or directory")
    assert line == (
        "walletdesk: cannot open the window: the system library libxcb-icccm.so.4 cannot be "
        "loaded; install the Debian/Ubuntu package libxcb-icccm4 "
        "(sudo apt-get install libxcb-icccm4). "
        'See "System libraries (bare Linux)" in README.md.')


def test_a_damaged_library_given_by_path_is_named_by_its_file_name() -> None:
    line = explain("/lib/x86_64-linux-gnu/libfontconfig.so.1: file too short")
    assert "library libfontconfig.so.1 cannot" in line and "install libfontconfig1" in line


def test_a_library_not_in_the_table_is_named_with_how_to_find_its_package() -> None:
    line = explain("libfoo.so.7: cannot open shared object file: No such file or directory")
    assert "library libfoo.so.7 cannot be loaded" in line
    assert "apt-file search libfoo.so.7" in line and "README.md" in line


def test_a_platform_this_pyside_lacks_is_left_to_qt() -> None:
    assert plugin_file("no-such-platform") is None
    assert missing_library({"QT_QPA_PLATFORM": "no-such-platform"}) is None


def test_offscreen_loads_here() -> None:
    # make test runs offscreen, so its libraries are installed wherever the suite runs.
    assert plugin_file("offscreen") is not None
    assert missing_library({"QT_QPA_PLATFORM": "offscreen"}) is None


def needed(path: Path) -> set[str]:
    dynamic = subprocess.run(["readelf", "--dynamic", str(path)], capture_output=True,
                             text=True, check=True).stdout
    return {line.split("[", 1)[1].rstrip("]") for line in dynamic.splitlines()
            if "(NEEDED)" in line}


@needs_command("readelf", "binutils")
def test_the_table_names_a_package_for_every_library_the_platform_plugins_link() -> None:
    plugins = [plugin_file(name) for name in ("xcb", "wayland", "offscreen")]
    assert all(plugins), plugins
    qt_lib = Path(str(plugins[0])).parents[2] / "lib"
    linked: set[str] = set()
    for path in [*plugins, *qt_lib.glob("libQt6*.so.6")]:
        if path is not None and path.name.split(".")[0] in {
                "libqxcb", "libqwayland", "libqoffscreen", "libQt6Core", "libQt6Gui",
                "libQt6Widgets", "libQt6DBus", "libQt6XcbQpa", "libQt6WaylandClient",
                "libQt6OpenGL", "libQt6Svg"}:
            linked |= needed(path)
    system = {name for name in linked
              if not name.startswith(("libQt6", "libicu")) and name not in BASE_SYSTEM}
    assert system - set(DEBIAN_PACKAGES) == set()
