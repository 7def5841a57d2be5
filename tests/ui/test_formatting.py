"""Locale-aware text for exact amounts."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

from PySide6.QtCore import QLocale

from walletdesk.controllers.freshness import age
from walletdesk.ui.formatting import Formatter


def german() -> Formatter:
    return Formatter(QLocale(QLocale.Language.German, QLocale.Country.Germany))


def test_amounts_keep_every_digit_without_trailing_zeros() -> None:
    fmt = Formatter()
    assert fmt.amount(Decimal("1234567.12345678")) == "1,234,567.12345678"
    assert fmt.amount(Decimal("0.50000000")) == "0.5"
    assert fmt.amount(Decimal("0E-8")) == "0"
    assert fmt.amount(Decimal("9999999999.99999999")) == "9,999,999,999.99999999"


def test_separators_come_from_the_locale() -> None:
    assert german().amount(Decimal("1234.5")) == "1.234,5"
    assert german().usd(Decimal("-1234.567")) == "-$1.234,57"


def test_usd_rounds_half_even_to_the_cent_and_marks_dust() -> None:
    fmt = Formatter()
    assert fmt.usd(Decimal("0.125")) == "$0.12"
    assert fmt.usd(Decimal("0.135")) == "$0.14"
    assert fmt.usd(Decimal("0.00002624")) == "< $0.01"
    assert fmt.usd(Decimal(0)) == "$0.00"


def test_display_currencies_have_their_own_places_and_the_locale_s_separators() -> None:
    fmt, nbsp = Formatter(), "\u00a0"
    assert fmt.money(Decimal("1234.565"), "EUR") == f"1,234.56{nbsp}EUR"  # half-even
    assert fmt.money(Decimal("-1234.575"), "GBP") == f"-1,234.58{nbsp}GBP"
    assert fmt.money(Decimal("162500.5"), "JPY") == f"162,500{nbsp}JPY"
    assert fmt.money(Decimal("0.01234567"), "BTC") == f"0.01234567{nbsp}BTC"
    assert fmt.money(Decimal("0.004"), "CHF") == f"< 0.01{nbsp}CHF"
    assert fmt.money(Decimal("0.4"), "JPY") == f"< 1{nbsp}JPY"
    assert fmt.money(Decimal("1234.5"), "USD") == fmt.usd(Decimal("1234.5"))
    assert german().money(Decimal("1234.5"), "EUR") == f"1.234,50{nbsp}EUR"
    fmt.private = True
    assert fmt.money(Decimal("1"), "EUR") == "•••••"


def test_shares_are_percentages_with_one_decimal() -> None:
    fmt = Formatter()
    assert fmt.share(Decimal("0.5083")) == "50.8 %"
    assert fmt.share(Decimal("0.0000001")) == "< 0.1 %"
    assert fmt.count(10000) == "10,000"


def test_exact_is_plain_eight_decimals() -> None:
    assert Formatter().exact(Decimal("1.5")) == "1.50000000"


def test_age_reads_as_words() -> None:
    now = datetime(2026, 1, 2, 12, 0, tzinfo=UTC)
    assert age(now - timedelta(seconds=5), now) == "just now"
    assert age(now - timedelta(minutes=5), now) == "5 min ago"
    assert age(now - timedelta(hours=3), now) == "3 h ago"
    assert age(now - timedelta(days=1), now) == "1 day ago"
    assert age(now - timedelta(days=9), now) == "9 days ago"


def test_the_bare_c_locale_formats_like_us_english() -> None:
    previous = QLocale()
    QLocale.setDefault(QLocale.c())
    try:
        formatter = Formatter()
        assert formatter.usd(Decimal("59703.23")) == "$59,703.23"
        assert formatter.amount(Decimal("1843.27")) == "1,843.27"
    finally:
        QLocale.setDefault(previous)
