"""The one rounding rule, at its own place: 8 decimals, half to even, once."""

from __future__ import annotations

from decimal import Decimal

import pytest

from walletdesk.core.money import from_units, quantize8, to_units


@pytest.mark.parametrize(("given", "rounded"), [
    ("0.000000005", "0.00000000"),  # a tie goes to the even neighbour: down...
    ("0.000000015", "0.00000002"),  # ...or up
    ("-0.000000025", "-0.00000002"),  # the same below zero
    ("2.0000000050000001", "2.00000001"),  # more than half: up
    ("1.123456784999", "1.12345678"),  # less than half: down
])
def test_amounts_round_to_eight_places_half_to_even(given: str, rounded: str) -> None:
    assert quantize8(Decimal(given)).as_tuple() == Decimal(rounded).as_tuple()


def test_integer_units_hold_the_rounded_amount_exactly() -> None:
    assert to_units(Decimal("0.000000025")) == 2
    assert from_units(to_units(Decimal("12345.678901235"))) == Decimal("12345.67890124")
