"""Before Qt loads its platform plugin: can this system load it?

When a system library that Qt's platform plugin needs is missing, Qt aborts the process
(SIGABRT) with a message that can blame the wrong library ("xcb-cursor0 or libxcb-cursor0 is
needed" whatever is missing), and without offscreen's libraries importing PySide6 raises.
So, before PySide6 is imported, the GUI loads the very plugin file Qt will load (xcb,
wayland, offscreen...) with the dynamic loader: it pulls in Qt's own libraries and every
system library they link, which Qt would load a moment later anyway. If that fails, the
loader names the first library it could not load, and the user gets one line naming it and
the Debian package that provides it.

Standard library only, Linux only (elsewhere Qt's plugins link nothing the OS lacks).
"""

from __future__ import annotations

import importlib.util
import os
import sys
from collections.abc import Mapping
from pathlib import Path

README_SECTION = '"System libraries (bare Linux)" in README.md'

# soname -> the Debian 12 package that provides it: what Qt's platform plugins and the Qt
# libraries they pull in link against (tests/test_platform_libraries.py keeps this complete),
# plus the libraries those load in turn.
DEBIAN_PACKAGES: Mapping[str, str] = {
    "libEGL.so.1": "libegl1",
    "libGL.so.1": "libgl1",
    "libGLX.so.0": "libglx0",
    "libGLdispatch.so.0": "libglvnd0",
    "libfontconfig.so.1": "libfontconfig1",
    "libfreetype.so.6": "libfreetype6",
    "libpng16.so.16": "libpng16-16",
    "libexpat.so.1": "libexpat1",
    "libbrotlidec.so.1": "libbrotli1",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libglib-2.0.so.0": "libglib2.0-0",
    "libgthread-2.0.so.0": "libglib2.0-0",
    "libpcre2-8.so.0": "libpcre2-8-0",
    "libdbus-1.so.3": "libdbus-1-3",
    "libX11.so.6": "libx11-6",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libXau.so.6": "libxau6",
    "libXdmcp.so.6": "libxdmcp6",
    "libxcb.so.1": "libxcb1",
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-render.so.0": "libxcb-render0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-util.so.1": "libxcb-util1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libwayland-client.so.0": "libwayland-client0",
    "libwayland-cursor.so.0": "libwayland-cursor0",
    "libwayland-egl.so.1": "libwayland-egl1",
}


def requested_platforms(environ: Mapping[str, str]) -> list[str]:
    """The platform plugins Qt will try, in order, as QGuiApplication chooses them:
    ``QT_QPA_PLATFORM`` ("wayland;xcb", "offscreen:fontengine=freetype"...), else Wayland
    first in a Wayland session, else xcb."""
    value = environ.get("QT_QPA_PLATFORM", "").strip()
    if not value:
        value = "wayland;xcb" if environ.get("XDG_SESSION_TYPE") == "wayland" else "xcb"
    names = (entry.split(":", 1)[0].strip() for entry in value.split(";"))
    return [name for name in names if name]


def plugin_file(platform: str) -> Path | None:
    """The plugin file Qt loads for ``platform``, from the PySide6 beside this package
    (a venv's site-packages or the bundle), found without importing PySide6."""
    spec = importlib.util.find_spec("PySide6")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations)), "Qt", "plugins", "platforms",
                f"libq{platform}.so")
    return path if path.is_file() else None


def load_error(path: Path) -> str | None:
    """The dynamic loader's message when ``path`` cannot be loaded, else None."""
    import _ctypes  # the loader itself: `ctypes` would add a few ms of Python imports

    try:
        _ctypes.dlopen(str(path), os.RTLD_LAZY | os.RTLD_LOCAL)
    except OSError as error:
        return str(error)
    return None


def explain(error: str) -> str:
    """One line for the loader's ``error``, naming the library and its Debian package."""
    # "libxcb-icccm.so.4: cannot open shared object file: ..." or "/usr/lib/.../X: file too short"
    library = os.path.basename(error.split(": ", 1)[0])
    package = DEBIAN_PACKAGES.get(library)
    if package is None:
        how = ("install the package that provides it (on Debian/Ubuntu, "
               f"`apt-file search {library}` finds it)")
    else:
        how = f"install the Debian/Ubuntu package {package} (sudo apt-get install {package})"
    return (f"walletdesk: cannot open the window: the system library {library} cannot be "
            f"loaded; {how}. See {README_SECTION}.")


def missing_library(environ: Mapping[str, str] = os.environ) -> str | None:
    """None when Qt can load one of the platform plugins it will try; else the line that
    names the first library the first of them lacks."""
    if not sys.platform.startswith("linux"):
        return None
    first_error = None
    for platform in requested_platforms(environ):
        path = plugin_file(platform)
        if path is None:  # unknown to this PySide6: Qt says so itself
            return None
        error = load_error(path)
        if error is None:
            return None
        first_error = first_error or error
    return explain(first_error) if first_error else None
