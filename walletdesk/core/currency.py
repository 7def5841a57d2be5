"""Display currencies: what is stored stays USD; a chosen currency is a view of it.

The conversion rule (one rounding, as in ``core.money``): a rate is an exact fraction
``numerator / denominator`` of currency units per US dollar (an ECB reference rate is
``rate[X] / rate[USD]``; an exchange's ticker ``XUSDT = p`` gives ``1 / p``). A USD value
``v`` (8 decimals) is converted as ``v * numerator / denominator`` computed exactly in
integers and rounded once to 8 decimal places, ROUND_HALF_EVEN. No float, no intermediate
rounding: the result is the exact quotient rounded once. Display may round further (two
places for most currencies, none for JPY, eight for BTC), only on screen.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from walletdesk.core.errors import ValidationError
from walletdesk.core.money import PLACES, from_units, quantize8

USD = "USD"
DISPLAY_CURRENCIES: tuple[str, ...] = (USD, "EUR", "GBP", "CHF", "JPY", "CAD", "AUD", "BTC")
DISPLAY_PLACES: dict[str, int] = {"JPY": 0, "BTC": 8}  # others: 2
STALE_AFTER_DAYS = 3


class UnsupportedCurrencyError(ValidationError):
    def __init__(self, code: str) -> None:
        super().__init__("currency", f"Unknown currency {code[:12]!r}: choose one of "
                                     f"{', '.join(DISPLAY_CURRENCIES)}.")


def canonical_currency(code: str) -> str:
    candidate = code.strip().upper()
    if candidate not in DISPLAY_CURRENCIES:
        raise UnsupportedCurrencyError(code)
    return candidate


def display_places(currency: str) -> int:
    return DISPLAY_PLACES.get(currency, 2)


@dataclass(frozen=True, slots=True)
class Rate:
    """Units of ``currency`` per US dollar, as an exact fraction, with where it came from."""

    currency: str
    numerator: Decimal
    denominator: Decimal
    as_of: date
    source: str  # "European Central Bank", "Binance EURUSDT", ...

    def __post_init__(self) -> None:
        if not (self.numerator > 0 and self.denominator > 0):
            raise ValueError("a rate is a positive fraction")

    @property
    def per_usd(self) -> Decimal:
        """The rate to show (8 places); conversions use the exact fraction, not this."""
        return quantize8(self.numerator / self.denominator)

    def convert(self, usd_value: Decimal) -> Decimal:
        """``usd_value`` in this currency: the exact quotient, rounded once (module doc).

        ``usd_value`` may have more than 8 decimals (a unit price, a quotient): it is
        converted whole, so the one rounding is still the last step."""
        numerator, denominator = _integer_fraction(self.numerator, self.denominator)
        exponent = min(_exponent(usd_value), -PLACES)  # usd_value = scaled * 10**exponent
        scaled = _scaled(usd_value, exponent)
        return from_units(_divide_half_even(scaled * numerator,
                                            denominator * 10 ** (-PLACES - exponent)))

    def is_stale(self, today: date) -> bool:
        return (today - self.as_of).days > STALE_AFTER_DAYS


def usd_rate(today: date) -> Rate:
    return Rate(USD, Decimal(1), Decimal(1), today, "stored values")


def _integer_fraction(numerator: Decimal, denominator: Decimal) -> tuple[int, int]:
    """The same fraction with integer terms, both scaled by one power of ten, exactly
    (integer arithmetic: a Decimal context would round a long ticker price)."""
    exponent = min(_exponent(numerator), _exponent(denominator), 0)
    return _scaled(numerator, exponent), _scaled(denominator, exponent)


def _exponent(value: Decimal) -> int:
    exponent = value.as_tuple().exponent
    if not isinstance(exponent, int):
        raise ValueError("a rate is a finite number")
    return exponent


def _scaled(value: Decimal, exponent: int) -> int:
    """``value * 10**-exponent`` as an int; ``exponent`` is at most ``value``'s own."""
    sign, digits, own = value.as_tuple()
    assert isinstance(own, int)
    magnitude: int = int("".join(map(str, digits)) or "0") * 10 ** (own - exponent)
    return -magnitude if sign else magnitude


def _divide_half_even(numerator: int, denominator: int) -> int:
    quotient, remainder = divmod(numerator, denominator)  # floor division, remainder >= 0
    twice = 2 * remainder
    if twice > denominator or (twice == denominator and quotient % 2 == 1):
        quotient += 1
    return quotient



@dataclass(frozen=True, slots=True)
class ShownCurrency:
    """What values are shown in: USD as stored (no rate), or a display currency's rate."""

    rate: Rate | None = None

    @property
    def code(self) -> str:
        return USD if self.rate is None else self.rate.currency

    def of(self, usd_value: Decimal) -> Decimal:
        """``usd_value`` in this currency (``Rate.convert``'s one rounding); USD as is."""
        return usd_value if self.rate is None else self.rate.convert(usd_value)


AS_STORED = ShownCurrency()
