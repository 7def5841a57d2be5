"""The files the running app loads (application and toolbar icons).

One mechanism everywhere: they are package data of ``walletdesk`` under ``assets/`` and are
found with ``importlib.resources``, which gives the same real directory from a source
checkout, an installed wheel and a PyInstaller bundle (where ``build.spec`` copies
``walletdesk/assets`` into the bundle's ``walletdesk/`` folder). Standard library only: no
Qt here, the GUI turns these paths and bytes into ``QIcon``s.

Toolbar icons are 24 px line drawings whose strokes use ``currentColor``; the SVG root sets
that colour to a neutral grey readable on light and dark palettes, and ``icon_svg`` swaps
it for the palette's text colour.
"""

from __future__ import annotations

import re
from functools import cache
from importlib.resources import files
from pathlib import Path

APP_ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICON_NAMES = (
    "about", "add", "edit", "export", "refresh", "remove", "settings", "sign-in", "sign-out",
)
NEUTRAL_ICON_COLOR = "#7f8691"
DESKTOP_ENTRY_ID = "walletdesk"
"""The freedesktop entry's name (``walletdesk.desktop``): pass it to
``QGuiApplication.setDesktopFileName`` so that Wayland shows the window with its icon."""

_COLOR_ATTRIBUTE = f'color="{NEUTRAL_ICON_COLOR}"'.encode()
_HEX_COLOR = re.compile(r"#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})")


@cache
def assets_dir() -> Path:
    """The ``walletdesk/assets`` directory, wherever the package is."""
    root = files("walletdesk") / "assets"
    if not isinstance(root, Path) or not root.is_dir():
        raise FileNotFoundError(
            f"WalletDesk's assets are missing ({root}): reinstall WalletDesk."
        )
    return root


def _existing(path: Path) -> Path:
    if not path.is_file():
        raise FileNotFoundError(
            f"WalletDesk's resource {path.name} is missing: reinstall WalletDesk."
        )
    return path


def icon_path(name: str) -> Path:
    """The SVG of a toolbar icon; ``name`` is one of ``ICON_NAMES``."""
    if name not in ICON_NAMES:
        raise ValueError(f"no icon named {name!r}; known: {', '.join(ICON_NAMES)}")
    return _existing(assets_dir() / "icons" / f"{name}.svg")


def icon_svg(name: str, color: str | None = None) -> bytes:
    """The SVG of a toolbar icon drawn in ``color`` (``#rgb``, ``#rrggbb`` or ``#aarrggbb``,
    as ``QColor.name()`` gives it); the neutral grey when ``color`` is None."""
    data = icon_path(name).read_bytes()
    if color is None:
        return data
    if not _HEX_COLOR.fullmatch(color):
        raise ValueError(f"not a hex colour: {color!r}")
    return data.replace(_COLOR_ATTRIBUTE, f'color="{color}"'.encode(), 1)


def app_icon_file_name(size: int) -> str:
    return f"walletdesk-{size}.png"


def app_icon_path(size: int = 256) -> Path:
    """The application icon as a PNG of ``size`` px, or the next larger size there is."""
    fitting = [candidate for candidate in APP_ICON_SIZES if candidate >= size]
    chosen = fitting[0] if fitting else APP_ICON_SIZES[-1]
    return _existing(assets_dir() / "app" / app_icon_file_name(chosen))


def app_icon_paths() -> list[Path]:
    """Every size of the application icon, smallest first (for ``QIcon.addFile``)."""
    return [app_icon_path(size) for size in APP_ICON_SIZES]
