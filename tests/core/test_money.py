"""The one rounding rule, at its own place: 8 decimals, half to even, once."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from walletdesk.core.errors import WalletDeskError
from walletdesk.core.money import fits, from_units, quantize8, to_units, units_of


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


def _rounded_units(value: Decimal) -> int | None:
    """The rule spelled out slowly: round once to 8 places, then count the units; None when
    it does not fit DECIMAL(18,8)."""
    try:
        return int(quantize8(value).scaleb(8))
    except WalletDeskError:
        return None


@settings(max_examples=2000, deadline=None)
@given(st.one_of(
    st.decimals(allow_nan=True, allow_infinity=True),
    st.integers(-10**19, 10**19).map(lambda units: Decimal(units).scaleb(-9)),  # near ties
    st.sampled_from(["9999999999.99999999", "9999999999.999999995", "9999999999.9999999949",
                     "-9999999999.999999995", "1E+10", "-0", "0E-30"]).map(Decimal),
))
def test_fits_and_units_follow_the_rounding_rule_exactly(value: Decimal) -> None:
    expected = _rounded_units(value)
    assert fits(value) is (expected is not None)
    if expected is None:
        with pytest.raises(WalletDeskError):
            to_units(value)
    else:
        assert to_units(value) == expected


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.one_of(
    st.decimals(allow_nan=True, allow_infinity=True),
    st.decimals(min_value=-10**10, max_value=10**10, places=9),
    st.sampled_from(["9999999999.99999999", "9999999999.999999995", "-9999999999.999999995",
                     "0.000000005", "0.000000015", "-0", "0E-30", "1E+30"]).map(Decimal),
), max_size=6))
def test_units_of_many_amounts_are_each_amount_s_units_or_the_first_refusal(
        values: list[Decimal]) -> None:
    try:
        expected = [to_units(value) for value in values]
    except WalletDeskError as refusal:
        with pytest.raises(type(refusal)) as raised:
            units_of(values)
        assert str(raised.value) == str(refusal)
    else:
        assert units_of(values) == expected
