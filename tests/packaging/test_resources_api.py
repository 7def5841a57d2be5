"""walletdesk.resources finds the icons the GUI loads, without Qt."""

from __future__ import annotations

import struct
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from walletdesk import resources
from walletdesk.resources import (
    APP_ICON_SIZES,
    ICON_NAMES,
    NEUTRAL_ICON_COLOR,
    app_icon_path,
    app_icon_paths,
    icon_path,
    icon_svg,
)

SVG = "{http://www.w3.org/2000/svg}svg"


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


@pytest.mark.parametrize("name", ICON_NAMES)
def test_every_toolbar_icon_is_a_24_px_svg_drawn_in_current_color(name: str) -> None:
    root = ET.fromstring(icon_path(name).read_bytes())
    assert root.tag == SVG
    assert root.get("viewBox") == "0 0 24 24"
    assert root.get("color") == NEUTRAL_ICON_COLOR
    assert root.get("stroke") == "currentColor"


def test_icon_svg_swaps_the_neutral_grey_for_the_palette_colour() -> None:
    recoloured = ET.fromstring(icon_svg("refresh", "#e0e0e0"))
    assert recoloured.get("color") == "#e0e0e0"
    assert icon_svg("refresh") == icon_path("refresh").read_bytes()


@pytest.mark.parametrize("colour", ["red", "#12", '#fff" onload="x', ""])
def test_icon_svg_refuses_anything_but_a_hex_colour(colour: str) -> None:
    with pytest.raises(ValueError, match="hex colour"):
        icon_svg("add", colour)


def test_unknown_icon_names_are_refused_with_the_known_ones() -> None:
    with pytest.raises(ValueError, match="sign-in"):
        icon_path("logout")


def test_app_icon_exists_in_every_size_as_a_png_of_that_size() -> None:
    paths = app_icon_paths()
    assert [png_size(path.read_bytes()) for path in paths] == [(s, s) for s in APP_ICON_SIZES]


def test_app_icon_path_picks_the_next_larger_size() -> None:
    assert app_icon_path(16).name == "walletdesk-16.png"
    assert app_icon_path(20).name == "walletdesk-24.png"
    assert app_icon_path(4096).name == "walletdesk-512.png"


def test_assets_are_package_data_inside_walletdesk() -> None:
    assert resources.assets_dir() == Path(resources.__file__).parent / "assets"


def test_resources_module_imports_no_qt() -> None:
    code = ("import sys, walletdesk.resources as r; r.app_icon_paths(); r.icon_svg('add', '#fff');"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in {'PySide6', 'shiboken6'}))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    assert result.stdout.strip() == "[]"
