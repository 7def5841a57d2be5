"""Numbers and times as the user's locale writes them; money stays ``Decimal`` throughout.

QLocale only formats floats, which would round large or long amounts, so digits come from
the ``Decimal`` and only the separators come from the locale.
"""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import ROUND_HALF_EVEN, Decimal

from PySide6.QtCore import QDateTime, QLocale

from walletdesk.core.money import format_plain

_CENT = Decimal("0.01")
_TENTH = Decimal("0.1")
_HUNDRED = Decimal(100)


def user_locale() -> QLocale:
    """The system locale; for the bare "C"/POSIX locale (LANG=C, common on servers and in
    minimal sessions) US English, which WalletDesk's texts are written in: the C locale has
    no digit grouping and writes dates as "25 11 2026"."""
    system = QLocale()
    if system.language() == QLocale.Language.C:
        return QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)
    return system


class Formatter:
    """Locale-aware text for amounts, USD values, shares and times."""

    def __init__(self, locale: QLocale | None = None) -> None:
        self._locale = locale or user_locale()
        self._point = self._locale.decimalPoint() or "."
        omit = self._locale.numberOptions() & QLocale.NumberOption.OmitGroupSeparator
        self._group = "" if omit else (self._locale.groupSeparator() or "")
        self._minus = self._locale.negativeSign() or "-"

    def amount(self, value: Decimal) -> str:
        """An asset amount: up to 8 decimals, trailing zeros dropped ("1,234.5")."""
        text = format_plain(value)
        if "." in text:
            text = text.rstrip("0").rstrip(".")
        return self._localise(text)

    def usd(self, value: Decimal) -> str:
        """A USD value to the cent; a nonzero value under a cent reads "< $0.01"."""
        if value != 0 and abs(value) < _CENT:
            return f"< ${self._localise('0.01')}"
        cents = value.quantize(_CENT, rounding=ROUND_HALF_EVEN)
        text = self._localise(f"{abs(cents):f}")
        return f"{self._minus}${text}" if cents < 0 else f"${text}"

    def share(self, fraction: Decimal) -> str:
        """A share of the portfolio as a percentage with one decimal ("12.5 %")."""
        percent = (fraction * _HUNDRED).quantize(_TENTH, rounding=ROUND_HALF_EVEN)
        if fraction > 0 and percent == 0:
            return f"< {self._localise('0.1')} %"
        return f"{self._localise(f'{percent:f}')} %"

    def count(self, value: int) -> str:
        """A whole number with the locale's digit grouping ("10,000")."""
        return self._localise(str(value))

    def exact(self, value: Decimal) -> str:
        """Every stored digit (8 decimals), for tooltips and copying."""
        return format_plain(value)

    def when(self, moment: datetime) -> str:
        """A UTC timestamp in the user's time zone, short locale format."""
        stamp = QDateTime.fromSecsSinceEpoch(int(moment.timestamp()))
        return self._locale.toString(stamp, QLocale.FormatType.ShortFormat)

    def _localise(self, plain: str) -> str:
        negative = plain.startswith("-")
        digits = plain[1:] if negative else plain
        whole, _, fraction = digits.partition(".")
        if self._group and len(whole) > 3:
            head = len(whole) % 3 or 3
            parts = [whole[:head]] + [whole[i : i + 3] for i in range(head, len(whole), 3)]
            whole = self._group.join(parts)
        text = f"{whole}{self._point}{fraction}" if fraction else whole
        return f"{self._minus}{text}" if negative else text


def age(moment: datetime, now: datetime | None = None) -> str:
    """How long ago, in words: "just now", "5 min ago", "3 h ago", "2 days ago"."""
    seconds = ((now or datetime.now(UTC)) - moment).total_seconds()
    if seconds < 60:
        return "just now"
    if seconds < 3600:
        return f"{int(seconds // 60)} min ago"
    if seconds < 86400:
        return f"{int(seconds // 3600)} h ago"
    days = int(seconds // 86400)
    return "1 day ago" if days == 1 else f"{days} days ago"
