"""How numbers are written for people: digit grouping, decimal point, USD to the cent.

Digits always come from the ``Decimal``; a style only chooses the separators, so the GUI
(which takes them from the user's locale) and the CLI's tables (US English) write every
amount by the same rules. Exports never use this: they keep the exact decimal text.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, Decimal

from walletdesk.core.currency import USD, display_places
from walletdesk.core.money import format_plain

NO_BREAK_SPACE = "\u00a0"
_CENT = Decimal("0.01")
_TENTH = Decimal("0.1")
_HUNDRED = Decimal(100)


@dataclass(frozen=True, slots=True)
class NumberStyle:
    point: str = "."
    group: str = ","  # "" for no grouping
    minus: str = "-"

    def amount(self, value: Decimal) -> str:
        """An asset amount: up to 8 decimals, trailing zeros dropped ("1,234.5")."""
        text = format_plain(value)
        if "." in text:
            text = text.rstrip("0").rstrip(".")
        return self.localise(text)

    def usd(self, value: Decimal) -> str:
        """A USD value to the cent; a nonzero value under a cent reads "< $0.01"."""
        if value != 0 and abs(value) < _CENT:
            return f"< ${self.localise('0.01')}"
        cents = value.quantize(_CENT, rounding=ROUND_HALF_EVEN)
        text = self.localise(f"{abs(cents):f}")
        return f"{self.minus}${text}" if cents < 0 else f"${text}"

    def money(self, value: Decimal, currency: str) -> str:
        """A value in a display currency, to its usual places, code after ("1,234.56 EUR",
        "0.01234567 BTC"); USD as ``usd`` writes it. A nonzero value under the smallest
        shown unit reads "< 0.01 EUR". The code is held to its number by a no-break space,
        so wrapped text never leaves it alone on a line."""
        if currency == USD:
            return self.usd(value)
        unit = Decimal(1).scaleb(-display_places(currency))
        code = f"{NO_BREAK_SPACE}{currency}"
        if value != 0 and abs(value) < unit:
            return f"< {self.localise(f'{unit:f}')}{code}"
        rounded = value.quantize(unit, rounding=ROUND_HALF_EVEN)
        text = self.localise(f"{abs(rounded):f}")
        return f"{self.minus}{text}{code}" if rounded < 0 else f"{text}{code}"

    def share(self, fraction: Decimal) -> str:
        """A share of the portfolio as a percentage with one decimal ("12.5 %")."""
        percent = (fraction * _HUNDRED).quantize(_TENTH, rounding=ROUND_HALF_EVEN)
        if fraction > 0 and percent == 0:
            return f"< {self.localise('0.1')} %"
        return f"{self.localise(f'{percent:f}')} %"

    def change(self, fraction: Decimal) -> str:
        """A signed change as a percentage to two decimals ("+2.35 %", "-0.10 %")."""
        percent = (fraction * _HUNDRED).quantize(_CENT, rounding=ROUND_HALF_EVEN)
        sign = "+" if percent > 0 else self.minus if percent < 0 else ""
        return f"{sign}{self.localise(f'{abs(percent):f}')} %"

    def count(self, value: int) -> str:
        """A whole number with digit grouping ("10,000")."""
        return self.localise(str(value))

    def localise(self, plain: str) -> str:
        """Plain decimal text ("-1234.5") with this style's separators ("-1,234.5")."""
        negative = plain.startswith("-")
        digits = plain[1:] if negative else plain
        whole, _, fraction = digits.partition(".")
        if self.group and len(whole) > 3:
            head = len(whole) % 3 or 3
            parts = [whole[:head]] + [whole[i : i + 3] for i in range(head, len(whole), 3)]
            whole = self.group.join(parts)
        text = f"{whole}{self.point}{fraction}" if fraction else whole
        return f"{self.minus}{text}" if negative else text

    def decimals(self, text: str) -> int:
        """How many digits ``text`` (as this style writes it) has after its point."""
        whole, point, fraction = text.rpartition(self.point)
        return len(fraction) if point and whole else 0

    def align(self, text: str, decimals: int, *, digit: str = " ", point: str = " ") -> str:
        """``text`` padded on the right so its point lines up with numbers of ``decimals``
        decimals when right-aligned: ``digit`` stands for a missing digit, ``point`` for a
        missing point (in a proportional font, U+2007 and U+2008 have those widths)."""
        missing = decimals - self.decimals(text)
        if missing <= 0 or not any(ch.isdigit() for ch in text):  # "no price" is no number
            return text
        if self.decimals(text) == 0 and decimals > 0:
            return text + point + digit * decimals
        return text + digit * missing


def widest_decimals(style: NumberStyle, texts: Sequence[str]) -> int:
    return max((style.decimals(text) for text in texts), default=0)


US_ENGLISH = NumberStyle()
"""The CLI's style: WalletDesk's texts are written in US English."""
