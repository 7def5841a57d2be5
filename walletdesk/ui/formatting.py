"""Numbers and times as the user's locale writes them; money stays ``Decimal`` throughout.

QLocale only formats floats, which would round large or long amounts, so digits come from
the ``Decimal`` and only the separators come from the locale.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from PySide6.QtCore import QDateTime, QLocale

from walletdesk.core.money import format_plain
from walletdesk.core.number_style import NumberStyle


def user_locale() -> QLocale:
    """The system locale; for the bare "C"/POSIX locale (LANG=C, common on servers and in
    minimal sessions) US English, which WalletDesk's texts are written in: the C locale has
    no digit grouping and writes dates as "25 11 2026"."""
    system = QLocale()
    if system.language() == QLocale.Language.C:
        return QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)
    return system


HIDDEN = "•••••"


class Formatter:
    """Locale-aware text for amounts, USD values, shares and times.

    ``private`` (privacy mode, for screen sharing): every amount, value and share reads
    ``HIDDEN`` wherever it is shown, tooltips and copies included, since all of them are
    written here. Counts and times stay.
    """

    def __init__(self, locale: QLocale | None = None) -> None:
        self._locale = locale or user_locale()
        omit = self._locale.numberOptions() & QLocale.NumberOption.OmitGroupSeparator
        self.style = NumberStyle(
            point=self._locale.decimalPoint() or ".",
            group="" if omit else (self._locale.groupSeparator() or ""),
            minus=self._locale.negativeSign() or "-",
        )
        self.count = self.style.count
        self.private = False

    def amount(self, value: Decimal) -> str:
        return HIDDEN if self.private else self.style.amount(value)

    def usd(self, value: Decimal) -> str:
        return HIDDEN if self.private else self.style.usd(value)

    def money(self, value: Decimal, currency: str) -> str:
        """A value already in ``currency`` (``core.currency`` converts), as people read it."""
        return HIDDEN if self.private else self.style.money(value, currency)

    def share(self, fraction: Decimal) -> str:
        return HIDDEN if self.private else self.style.share(fraction)

    def change(self, fraction: Decimal) -> str:
        return HIDDEN if self.private else self.style.change(fraction)

    def exact(self, value: Decimal) -> str:
        """Every stored digit (8 decimals), for tooltips and copying."""
        return HIDDEN if self.private else format_plain(value)

    def when(self, moment: datetime) -> str:
        """A UTC timestamp in the user's time zone, short locale format."""
        stamp = QDateTime.fromSecsSinceEpoch(int(moment.timestamp()))
        return self._locale.toString(stamp, QLocale.FormatType.ShortFormat)
