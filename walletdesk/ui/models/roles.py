"""Item-data roles shared by the table models."""

from __future__ import annotations

from PySide6.QtCore import Qt

RECORD_ROLE = Qt.ItemDataRole.UserRole + 1
"""The domain record (Balance, Wallet, Credential) behind a row."""

EXACT_ROLE = Qt.ItemDataRole.UserRole + 2
"""A cell as plain, exact text: what Ctrl+C copies (no locale separators)."""

RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
