"""Generate the application icon's PNG sizes, ``.ico`` and ``.icns`` from ``walletdesk.svg``.

    .venv/bin/python resources/build_icons.py          # regenerate (after editing the SVG)
    .venv/bin/python resources/build_icons.py --check  # exit 1 if the outputs are stale

Rasterised with Qt's SVG renderer (PySide6, already a dependency); the containers are
written by ``icon_containers`` with the stdlib. The outputs are committed, so neither
``pip install`` nor ``make package`` needs to run this; ``generated/source.sha256``
records which inputs they were made from, and a test checks it.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO))

from icon_containers import ICNS_TYPES, ICO_SIZES, write_icns, write_ico  # noqa: E402

from walletdesk.resources import APP_ICON_SIZES, app_icon_file_name  # noqa: E402

SOURCE = HERE / "walletdesk.svg"
INPUTS = (SOURCE, HERE / "build_icons.py", HERE / "icon_containers.py")
GENERATED = HERE / "generated"
ICO = GENERATED / "walletdesk.ico"
ICNS = GENERATED / "walletdesk.icns"
STAMP = GENERATED / "source.sha256"
PNG_DIR = REPO / "walletdesk" / "assets" / "app"


def inputs_digest() -> str:
    """SHA-256 over the inputs' names and bytes (newlines normalised)."""
    digest = hashlib.sha256()
    for path in INPUTS:
        digest.update(path.name.encode() + b"\0")
        digest.update(path.read_bytes().replace(b"\r\n", b"\n"))
    return digest.hexdigest()


def is_stale() -> bool:
    return not STAMP.exists() or STAMP.read_text().strip() != inputs_digest()


def render_pngs(sizes: set[int]) -> dict[int, bytes]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    app = QGuiApplication.instance() or QGuiApplication([])
    renderer = QSvgRenderer(str(SOURCE))
    if not renderer.isValid():
        raise SystemExit(f"{SOURCE} is not a valid SVG")
    pngs = {}
    for size in sorted(sizes):
        image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter, QRectF(0, 0, size, size))
        painter.end()
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        png = image.convertToFormat(QImage.Format.Format_ARGB32)
        png.save(buffer, "PNG")  # type: ignore[call-overload]  # the stubs say bytes; it takes str
        pngs[size] = bytes(data.data())
    del app
    return pngs


def generate() -> None:
    pngs = render_pngs({*APP_ICON_SIZES, *ICO_SIZES, *ICNS_TYPES.values()})
    PNG_DIR.mkdir(parents=True, exist_ok=True)
    for stale in PNG_DIR.glob("*.png"):
        stale.unlink()
    for size in APP_ICON_SIZES:
        (PNG_DIR / app_icon_file_name(size)).write_bytes(pngs[size])
    GENERATED.mkdir(exist_ok=True)
    ICO.write_bytes(write_ico({size: pngs[size] for size in ICO_SIZES}))
    ICNS.write_bytes(write_icns(pngs))
    STAMP.write_text(inputs_digest() + "\n")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if the outputs are stale")
    args = parser.parse_args()
    if args.check:
        if is_stale():
            print("icons are stale: run python resources/build_icons.py", file=sys.stderr)
            return 1
        return 0
    generate()
    print(f"wrote {len(APP_ICON_SIZES)} PNGs to {PNG_DIR.relative_to(REPO)}, "
          f"{ICO.relative_to(REPO)}, {ICNS.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
