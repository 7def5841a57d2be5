"""Windows ``.ico`` and macOS ``.icns`` containers around PNG images, with the stdlib only.

ICO: a 6-byte header, one 16-byte directory entry per image, then the images; Windows
Vista and later read PNG-compressed entries of any size. ICNS: ``icns`` and the file length
(big-endian), then one chunk per image: a 4-byte type, the chunk length, the PNG.
"""

from __future__ import annotations

import struct
from collections.abc import Mapping

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"

ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)

# ICNS chunk type -> pixel size of its PNG (the @2x types hold twice the point size).
ICNS_TYPES = {
    "icp4": 16,
    "icp5": 32,
    "ic11": 32,  # 16 pt @2x
    "ic12": 64,  # 32 pt @2x
    "ic07": 128,
    "ic13": 256,  # 128 pt @2x
    "ic08": 256,
    "ic14": 512,  # 256 pt @2x
    "ic09": 512,
    "ic10": 1024,  # 512 pt @2x
}


def _check_png(size: int, png: bytes) -> None:
    if not png.startswith(PNG_SIGNATURE):
        raise ValueError(f"the {size} px image is not a PNG")


def write_ico(pngs: Mapping[int, bytes]) -> bytes:
    """An ICO file holding ``pngs`` (pixel size -> PNG bytes), smallest first."""
    sizes = sorted(pngs)
    if not sizes or sizes[-1] > 256:
        raise ValueError("an ICO holds 1 to 256 px images")
    header = struct.pack("<HHH", 0, 1, len(sizes))
    offset = len(header) + 16 * len(sizes)
    entries, images = [], []
    for size in sizes:
        png = pngs[size]
        _check_png(size, png)
        edge = 0 if size == 256 else size  # 0 means 256 in the one-byte fields
        entries.append(struct.pack("<BBBBHHII", edge, edge, 0, 0, 1, 32, len(png), offset))
        images.append(png)
        offset += len(png)
    return header + b"".join(entries) + b"".join(images)


def write_icns(pngs: Mapping[int, bytes]) -> bytes:
    """An ICNS file with every chunk type of ``ICNS_TYPES`` whose pixel size is in ``pngs``."""
    chunks = []
    for kind, size in ICNS_TYPES.items():
        if size in pngs:
            _check_png(size, pngs[size])
            chunks.append(kind.encode("ascii") + struct.pack(">I", 8 + len(pngs[size]))
                          + pngs[size])
    if not chunks:
        raise ValueError("no image of an ICNS size")
    body = b"".join(chunks)
    return b"icns" + struct.pack(">I", 8 + len(body)) + body
