"""What the window remembers between runs, in QSettings (organisation "WalletDesk").

Tests point QSettings at a temporary directory (IniFormat + setPath) before creating this.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

from walletdesk.core.currency import DISPLAY_CURRENCIES, Rate
from walletdesk.process_guard import make_private

ORGANIZATION = "WalletDesk"
APPLICATION = "WalletDesk"

_GEOMETRY = "window/geometry"
_STATE = "window/state"
_VIEW = "window/view"
_DUST = "balances/dust_threshold"
_DUST_ON = "balances/hide_dust"
_EXPORT_DIR = "export/last_dir"
_AUTO_REFRESH = "refresh/auto_minutes"
_THEME = "window/theme"
_HIDDEN = "balances/hidden_assets"
_CURRENCY = "window/display_currency"
_LAST_RATE = "rates/last/"  # + currency code: the last rate looked up, exact, as text
DEFAULT_AUTO_REFRESH_MINUTES = 15
DEFAULT_DUST = Decimal("1")


class UiSettings:
    def __init__(self, settings: QSettings | None = None) -> None:
        self._settings = settings or QSettings()
        settings_file = Path(self._settings.fileName())  # one an older version left 0644
        make_private(settings_file.parent)
        make_private(settings_file)

    def sync(self) -> None:
        self._settings.sync()

    # --- window ----------------------------------------------------------------------------

    def geometry(self) -> QByteArray | None:
        return self._bytes(_GEOMETRY)

    def set_geometry(self, value: QByteArray) -> None:
        self._settings.setValue(_GEOMETRY, value)

    def window_state(self) -> QByteArray | None:
        return self._bytes(_STATE)

    def set_window_state(self, value: QByteArray) -> None:
        self._settings.setValue(_STATE, value)

    def view(self) -> int:
        return self._int(_VIEW, 2)

    def set_view(self, index: int) -> None:
        self._settings.setValue(_VIEW, index)

    def header_state(self, table: str) -> QByteArray | None:
        return self._bytes(f"tables/{table}")

    def set_header_state(self, table: str, value: QByteArray) -> None:
        self._settings.setValue(f"tables/{table}", value)

    # --- balances filter -------------------------------------------------------------------

    def dust_threshold(self) -> Decimal:
        raw = self._settings.value(_DUST, None)
        try:
            value = Decimal(str(raw)) if raw is not None else DEFAULT_DUST
        except InvalidOperation:
            return DEFAULT_DUST
        return value if value.is_finite() and value >= 0 else DEFAULT_DUST

    def set_dust_threshold(self, value: Decimal) -> None:
        self._settings.setValue(_DUST, str(value))  # text: exact, never a float

    def hide_dust(self) -> bool:
        return str(self._settings.value(_DUST_ON, "false")).lower() == "true"

    def set_hide_dust(self, value: bool) -> None:
        self._settings.setValue(_DUST_ON, "true" if value else "false")

    # --- refresh --------------------------------------------------------------------------

    def auto_refresh_minutes(self) -> int:
        """Minutes between refreshes while the window is open; 0: never by itself."""
        return max(0, self._int(_AUTO_REFRESH, DEFAULT_AUTO_REFRESH_MINUTES))

    def set_auto_refresh_minutes(self, minutes: int) -> None:
        self._settings.setValue(_AUTO_REFRESH, max(0, minutes))

    def theme(self) -> str:
        """"system", "light" or "dark"."""
        value = str(self._settings.value(_THEME, "system"))
        return value if value in ("system", "light", "dark") else "system"

    def set_theme(self, theme: str) -> None:
        self._settings.setValue(_THEME, theme)

    def legacy_hidden_assets(self) -> frozenset[tuple[str, str]]:
        """(exchange, asset) pairs hidden before they moved to the database (migration
        0006): the window moves them to the user it shows first, then forgets them here."""
        raw = self._settings.value(_HIDDEN, [])
        items: list[object] = [raw] if isinstance(raw, str) else list(raw or [])  # type: ignore[call-overload]
        pairs = (str(item).split("\t", 1) for item in items)
        return frozenset((p[0], p[1]) for p in pairs if len(p) == 2)

    def forget_legacy_hidden_assets(self) -> None:
        self._settings.remove(_HIDDEN)

    def display_currency(self) -> str:
        """The currency values are also shown in (``core.currency``); USD: none other."""
        value = str(self._settings.value(_CURRENCY, "USD"))
        return value if value in DISPLAY_CURRENCIES else "USD"

    def set_display_currency(self, code: str) -> None:
        self._settings.setValue(_CURRENCY, code)

    def last_rate(self, code: str) -> Rate | None:
        """The rate of ``code`` last looked up, so a start shows the chosen currency at once
        (its date and source still tell how old it is); None if none or unreadable."""
        parts = str(self._settings.value(_LAST_RATE + code, "")).split("\t")
        if len(parts) != 4:
            return None
        try:
            numerator, denominator = Decimal(parts[0]), Decimal(parts[1])
            if not (numerator.is_finite() and denominator.is_finite()):
                return None
            return Rate(code, numerator, denominator, date.fromisoformat(parts[2]), parts[3])
        except (InvalidOperation, ValueError):  # edited by hand, or by another version
            return None

    def set_last_rate(self, rate: Rate) -> None:
        self._settings.setValue(_LAST_RATE + rate.currency, "\t".join((  # text: exact
            f"{rate.numerator:f}", f"{rate.denominator:f}", rate.as_of.isoformat(),
            rate.source)))

    # --- export ----------------------------------------------------------------------------

    def export_dir(self) -> str | None:
        value = self._settings.value(_EXPORT_DIR, None)
        return str(value) if value else None

    def set_export_dir(self, value: str) -> None:
        self._settings.setValue(_EXPORT_DIR, value)

    # --- helpers ---------------------------------------------------------------------------

    def _bytes(self, key: str) -> QByteArray | None:
        value = self._settings.value(key, None)
        return value if isinstance(value, QByteArray) else None

    def _int(self, key: str, default: int) -> int:
        try:
            return int(str(self._settings.value(key, default)))
        except ValueError:
            return default
