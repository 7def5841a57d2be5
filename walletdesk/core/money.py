"""Exact money: every amount is a ``Decimal`` with at most 8 decimal places.

The one rounding rule of WalletDesk: amounts are quantized to 8 decimal places with
ROUND_HALF_EVEN (banker's rounding), once, when they enter storage or leave a computation.
Amounts whose magnitude needs more than 10 integer digits (the spec's DECIMAL(18,8)) are
refused with :class:`AmountOutOfRangeError`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import ROUND_CEILING, ROUND_HALF_EVEN, Decimal, InvalidOperation

from walletdesk.core.errors import AmountOutOfRangeError, InvalidAmountError

PLACES = 8
QUANTUM = Decimal(1).scaleb(-PLACES)  # 0.00000001
INTEGER_DIGITS = 10
LIMIT = Decimal(10) ** INTEGER_DIGITS  # smallest magnitude that no longer fits
ZERO = Decimal("0E-8")
SCALE = 10**PLACES
# The smallest magnitude that rounds (half to even, at 8 places) to LIMIT: 9999999999.99999999
# ends in an odd digit, so its half step rounds up. Below it every amount fits.
FIT_BOUND = LIMIT - QUANTUM / 2
_SCALE = Decimal(SCALE)
_MAX_UNITS = int(LIMIT) * SCALE

# ASCII digits only, an optional sign, point and exponent: what exchanges and users write.
# Decimal() alone also takes "1_000" (as 1000), "١٢٣" (Arabic-Indic digits), "Infinity".
_DECIMAL_TEXT = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]{1,4})?")
# The form balances nearly always come in: digits and a point, no sign, no exponent. Such
# text is a finite, non-negative amount that ``Decimal`` reads exactly as ``parse_amount`` does.
PLAIN_AMOUNT = re.compile(r"[0-9]{1,40}(?:\.[0-9]{0,40})?")


def parse_amount(text: str | int | Decimal) -> Decimal:
    """Parse an amount as an exchange sends it (a string); never goes through float."""
    if isinstance(text, float):
        raise TypeError("amounts are never floats")
    if isinstance(text, str) and not _DECIMAL_TEXT.fullmatch(text.strip(" \t\r\n")):
        raise InvalidAmountError(f"{text[:40]!r} is not a number.")
    try:
        value = Decimal(text.strip()) if isinstance(text, str) else Decimal(text)
    except (InvalidOperation, ValueError) as exc:
        raise InvalidAmountError(f"{str(text)[:40]!r} is not a number.") from exc
    if not value.is_finite():
        raise InvalidAmountError(f"{str(text)[:40]!r} is not a finite number.")
    return value


def quantize8(value: Decimal) -> Decimal:
    """Round to 8 decimal places (ROUND_HALF_EVEN) and check the DECIMAL(18,8) range."""
    # A refresh rounds every amount of 10,000 assets: the usual amount is one quantize and
    # one range test. Anything else (not finite, far too large, out of range) takes the
    # checks below, which say what is wrong. The rounding is passed by position: a keyword
    # argument to the C method costs as much again as the quantize itself.
    try:
        quantized = value.quantize(QUANTUM, ROUND_HALF_EVEN)
        if -LIMIT < quantized < LIMIT:
            return quantized
    except InvalidOperation:
        pass
    return _checked_quantize8(value)


def _checked_quantize8(value: Decimal) -> Decimal:
    if not value.is_finite():
        raise InvalidAmountError("Amounts must be finite numbers.")
    if value.adjusted() >= INTEGER_DIGITS + 2:  # far too large; avoid a huge quantize
        raise AmountOutOfRangeError(value)
    quantized = value.quantize(QUANTUM, rounding=ROUND_HALF_EVEN)
    if abs(quantized) >= LIMIT:
        raise AmountOutOfRangeError(value)
    return quantized


def fits(value: Decimal) -> bool:
    """Whether ``quantize8(value)`` succeeds: finite, and within DECIMAL(18,8) once rounded."""
    return value.is_finite() and abs(value) < FIT_BOUND


def to_units(value: Decimal) -> int:
    """An amount as an integer count of 1e-8 units: the exact storage form in SQLite.

    ``quantize8``'s rule, written out: a refresh converts every amount of 10,000 assets."""
    if not value:  # most locked amounts (NaN is true, so it is refused below)
        return 0
    try:  # the usual amount in one step, as in quantize8; an inexact product is far
        # out of range, so the range test sends it to the checks below
        units = int(value.quantize(QUANTUM, ROUND_HALF_EVEN) * _SCALE)
        if -_MAX_UNITS < units < _MAX_UNITS:
            return units
    except (InvalidOperation, ValueError, OverflowError):
        pass
    if not value.is_finite():
        raise InvalidAmountError("Amounts must be finite numbers.")
    if value.adjusted() >= INTEGER_DIGITS + 2:
        raise AmountOutOfRangeError(value)
    # The quantized coefficient has at most 20 digits, so scaling it by 1e8 is exact.
    units = int(value.quantize(QUANTUM, rounding=ROUND_HALF_EVEN) * _SCALE)
    if abs(units) >= _MAX_UNITS:
        raise AmountOutOfRangeError(value)
    return units


def units_of(values: Iterable[Decimal]) -> list[int]:
    """``[to_units(v) for v in values]``, raising as that does, in one pass: a refresh converts
    each column of a 10,000-asset account, and a call per amount costs as much again as the
    conversion. The usual amounts take ``to_units``' first step; if any is not usual (not
    finite, out of range, far too large), every amount goes through ``to_units`` itself."""
    values = tuple(values)
    try:
        units = [int(value.quantize(QUANTUM, ROUND_HALF_EVEN) * _SCALE) if value else 0
                 for value in values]
        if max(map(abs, units), default=0) < _MAX_UNITS:
            return units
    except (InvalidOperation, ValueError, OverflowError):
        pass
    return [to_units(value) for value in values]


def from_units(units: int) -> Decimal:
    """The inverse of :func:`to_units`: exact, with exactly 8 decimal places."""
    return Decimal(units).scaleb(-PLACES)  # exponent is exactly -8: no quantize needed


def ceil_units(value: Decimal) -> int:
    """The fewest 1e-8 units worth at least ``value``: ``units >= ceil_units(v)`` is exactly
    ``from_units(units) >= v``, for a threshold with any number of decimals."""
    if abs(value) >= LIMIT:  # beyond every storable amount
        beyond = int(LIMIT.scaleb(PLACES))
        return beyond if value > 0 else -beyond
    return int(value.quantize(QUANTUM, rounding=ROUND_CEILING).scaleb(PLACES))


def format_plain(value: Decimal) -> str:
    """Fixed-point text with exactly 8 decimals, no exponent ("0.10000000")."""
    return f"{quantize8(value):f}"
