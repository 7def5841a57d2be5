"""What ``build.spec`` writes into the bundle about the app: version, identifiers, names.

The version comes from ``walletdesk.__version__`` and nowhere else; the application id
is the AppStream id of ``io.walletdesk.WalletDesk.metainfo.xml`` (macOS bundle id too).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
METAINFO = HERE / "io.walletdesk.WalletDesk.metainfo.xml"
PRODUCT = "WalletDesk"
DESCRIPTION = "WalletDesk: crypto exchange balances valued in USD"
COPYRIGHT = "Copyright © WalletDesk"


def application_id() -> str:
    element = ET.parse(METAINFO).getroot().find("id")  # noqa: S314 - our own file
    if element is None or not element.text:
        raise ValueError(f"{METAINFO} has no <id>")
    return element.text.strip()


def version_tuple(version: str) -> tuple[int, int, int, int]:
    """Four numbers for a Windows version resource: "1.2.3rc1" -> (1, 2, 3, 0)."""
    numbers = [int(match.group()) for part in version.split(".")[:4]
               if (match := re.match(r"\d+", part))]
    padded = [*numbers, 0, 0, 0, 0][:4]
    return padded[0], padded[1], padded[2], padded[3]


def windows_version_info(version: str, exe_name: str) -> Any:
    """A ``VSVersionInfo`` for ``EXE(version=...)`` (Windows only)."""
    from PyInstaller.utils.win32 import versioninfo as vi

    numbers = version_tuple(version)
    strings = [
        vi.StringStruct("CompanyName", PRODUCT),
        vi.StringStruct("FileDescription", DESCRIPTION),
        vi.StringStruct("FileVersion", version),
        vi.StringStruct("InternalName", exe_name),
        vi.StringStruct("LegalCopyright", COPYRIGHT),
        vi.StringStruct("OriginalFilename", f"{exe_name}.exe"),
        vi.StringStruct("ProductName", PRODUCT),
        vi.StringStruct("ProductVersion", version),
    ]
    return vi.VSVersionInfo(
        ffi=vi.FixedFileInfo(filevers=numbers, prodvers=numbers),
        kids=[
            vi.StringFileInfo([vi.StringTable("040904B0", strings)]),
            vi.VarFileInfo([vi.VarStruct("Translation", [0x0409, 1200])]),
        ],
    )


def macos_info_plist(version: str) -> dict[str, object]:
    """Info.plist keys beyond those ``BUNDLE`` writes (it sets the bundle id and version)."""
    return {
        "CFBundleDisplayName": PRODUCT,
        "CFBundleName": PRODUCT,
        "CFBundleShortVersionString": version,
        "CFBundleVersion": version,
        "NSHighResolutionCapable": True,
        "NSRequiresAquaSystemAppearance": False,  # follow the system's dark mode
        "LSApplicationCategoryType": "public.app-category.finance",
        "NSHumanReadableCopyright": COPYRIGHT,
    }
