"""Show a folder in the desktop's file manager (the data folder, the database's folder)."""

from __future__ import annotations

from pathlib import Path


def open_folder(folder: Path) -> bool:
    """Whether the desktop took the request."""
    # Imported when a folder is opened, not for the first paint: PySide6 builds QUrl's Python
    # type and its five enum types on first use (~1 ms).
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QDesktopServices

    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))
