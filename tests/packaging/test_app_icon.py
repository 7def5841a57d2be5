"""The application icon's generated files match its SVG source and are valid containers."""

from __future__ import annotations

import struct

import pytest
from PySide6.QtGui import QImageReader

from tests.packaging.scripts import RESOURCES, script

GENERATED = RESOURCES / "generated"


def test_generated_icons_were_made_from_the_current_svg_and_script() -> None:
    assert not script("build_icons").is_stale(), "run: python resources/build_icons.py"


def test_ico_holds_png_entries_from_16_to_256_px() -> None:
    data = (GENERATED / "walletdesk.ico").read_bytes()
    reserved, kind, count = struct.unpack("<HHH", data[:6])
    assert (reserved, kind) == (0, 1)
    sizes = []
    for index in range(count):
        width, _h, _c, _r, _p, bits, length, offset = struct.unpack(
            "<BBBBHHII", data[6 + 16 * index: 22 + 16 * index])
        assert bits == 32
        assert data[offset: offset + 8] == b"\x89PNG\r\n\x1a\n"
        assert offset + length <= len(data)
        sizes.append(width or 256)
    assert sizes == list(script("icon_containers").ICO_SIZES)


def test_icns_chunks_cover_its_length_and_hold_pngs() -> None:
    data = (GENERATED / "walletdesk.icns").read_bytes()
    assert data[:4] == b"icns"
    assert struct.unpack(">I", data[4:8])[0] == len(data)
    kinds, position = [], 8
    while position < len(data):
        kind, length = data[position: position + 4].decode(), struct.unpack(
            ">I", data[position + 4: position + 8])[0]
        assert data[position + 8: position + 16] == b"\x89PNG\r\n\x1a\n"
        kinds.append(kind)
        position += length
    assert position == len(data)
    assert kinds == list(script("icon_containers").ICNS_TYPES)


@pytest.mark.parametrize(("file_name", "largest"), [("walletdesk.ico", 256),
                                                     ("walletdesk.icns", 1024)])
def test_qt_reads_every_image_of_the_icon_files(qapp: object, file_name: str,
                                                largest: int) -> None:
    reader = QImageReader(str(GENERATED / file_name))
    widths = []
    for index in range(reader.imageCount()):
        reader.jumpToImage(index)
        image = reader.read()
        assert not image.isNull(), reader.errorString()
        widths.append(image.width())
    assert max(widths) == largest


def test_containers_refuse_what_they_cannot_hold() -> None:
    containers = script("icon_containers")
    with pytest.raises(ValueError):
        containers.write_ico({512: b"\x89PNG\r\n\x1a\n"})
    with pytest.raises(ValueError, match="not a PNG"):
        containers.write_icns({128: b"GIF89a"})
