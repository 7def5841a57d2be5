"""Status icons from the platform style, so they follow the system theme."""

from __future__ import annotations

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QStyle

from walletdesk.ui.models.check_status import CheckLevel

_PIXMAPS = {
    CheckLevel.RUNNING: QStyle.StandardPixmap.SP_BrowserReload,
    CheckLevel.OK: QStyle.StandardPixmap.SP_DialogApplyButton,
    CheckLevel.WARNING: QStyle.StandardPixmap.SP_MessageBoxWarning,
    CheckLevel.ERROR: QStyle.StandardPixmap.SP_MessageBoxCritical,
}


def status_icon(level: CheckLevel) -> QIcon:
    return QApplication.style().standardIcon(_PIXMAPS[level])
