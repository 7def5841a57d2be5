"""``ceil_units``: comparing stored units with a typed threshold is exact."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from walletdesk.core.money import ceil_units, from_units

STORED = st.integers(min_value=-(10**18) + 1, max_value=10**18 - 1)
TYPED = st.decimals(allow_nan=False, allow_infinity=False, min_value=Decimal("-1e12"),
                    max_value=Decimal("1e12"), places=None)


@given(STORED, TYPED)
def test_units_at_or_above_the_threshold_are_exactly_the_amounts_at_or_above_it(
        units: int, threshold: Decimal) -> None:
    assert (units >= ceil_units(threshold)) == (from_units(units) >= threshold)


def test_examples() -> None:
    assert ceil_units(Decimal("0.01")) == 1_000_000
    assert ceil_units(Decimal("0.000000001")) == 1  # below one unit: the next unit up
    assert ceil_units(Decimal("0.0000000099999999999999999")) == 1
    assert ceil_units(Decimal("0")) == 0
    assert ceil_units(Decimal("1e30")) > 10**18 - 1
