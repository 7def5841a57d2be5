"""Display-currency conversion: the exact quotient, rounded once to 8 places, half-even."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from walletdesk.core.currency import Rate, UnsupportedCurrencyError, canonical_currency

TODAY = date(2026, 12, 1)
amounts = st.decimals(min_value=Decimal("-9999999999.99999999"),
                      max_value=Decimal("9999999999.99999999"), places=8)
rate_terms = st.decimals(min_value=Decimal("0.00000001"), max_value=Decimal("1000000"),
                         places=8).filter(lambda d: d > 0)


def reference(usd: Decimal, numerator: Decimal, denominator: Decimal) -> Decimal:
    """The same rule by another road: an exact Fraction; Python's round() of a Fraction is
    half-even."""
    exact = Fraction(usd) * Fraction(numerator) / Fraction(denominator)
    return Decimal(round(exact * 10**8)).scaleb(-8)


@given(usd=amounts, numerator=rate_terms, denominator=rate_terms)
def test_conversion_is_the_exact_quotient_rounded_once_half_even(
        usd: Decimal, numerator: Decimal, denominator: Decimal) -> None:
    rate = Rate("EUR", numerator, denominator, TODAY, "test")
    assert rate.convert(usd) == reference(usd, numerator, denominator)


def test_ties_round_to_even_and_ecb_rates_divide_exactly() -> None:
    ecb = Rate("GBP", Decimal("0.8530"), Decimal("1.0800"), TODAY, "European Central Bank")
    assert ecb.convert(Decimal("108.00000000")) == Decimal("85.30000000")
    half = Rate("EUR", Decimal(1), Decimal(2), TODAY, "test")
    assert half.convert(Decimal("0.00000001")) == Decimal("0E-8")  # 0.5 unit -> 0 (even)
    assert half.convert(Decimal("0.00000003")) == Decimal("0.00000002")  # 1.5 units -> 2
    btc = Rate("BTC", Decimal(1), Decimal("65000.12345678901234567890123456789"), TODAY, "t")
    assert btc.convert(Decimal("65000.12345679")) == Decimal("1.00000000")


@given(price=st.decimals(min_value=Decimal("0"), max_value=Decimal("99999999"), places=20),
       numerator=rate_terms, denominator=rate_terms)
def test_a_unit_price_with_more_decimals_is_converted_whole_then_rounded_once(
        price: Decimal, numerator: Decimal, denominator: Decimal) -> None:
    rate = Rate("EUR", numerator, denominator, TODAY, "test")
    assert rate.convert(price) == reference(price, numerator, denominator)


def test_a_quotient_is_not_rounded_to_8_places_before_it_is_converted() -> None:
    double = Rate("EUR", Decimal(2), Decimal(1), TODAY, "test")
    assert double.convert(Decimal("0.0000000126")) == Decimal("0.00000003")  # not 0.00000002


def test_a_rate_older_than_three_days_is_stale() -> None:
    friday = Rate("EUR", Decimal("0.9"), Decimal(1), date(2026, 11, 27), "ECB")
    assert not friday.is_stale(date(2026, 11, 30))  # Monday: three days
    assert friday.is_stale(date(2026, 12, 1))


def test_currency_codes_are_the_listed_ones_in_any_case() -> None:
    assert canonical_currency(" eur ") == "EUR"
    with pytest.raises(UnsupportedCurrencyError, match="choose one of USD, EUR"):
        canonical_currency("XAU")
