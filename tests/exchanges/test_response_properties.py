"""Whatever an exchange sends, reading it raises ExchangeResponseError or returns valid data."""

from __future__ import annotations

import contextlib
import json
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from walletdesk.core.errors import ExchangeResponseError
from walletdesk.core.money import quantize8
from walletdesk.exchanges.holdings import parse_account
from walletdesk.exchanges.responses import amount as strict_amount
from walletdesk.exchanges.responses import (
    decode_json,
    error_code,
    parse_server_time,
    parse_ticker,
    plain_amount,
)
from walletdesk.pricing import value_balances

FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

json_scalars = st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=12)
json_values = st.recursive(
    json_scalars,
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=12,
)
good_amounts = st.decimals(min_value=0, max_value=10**9, places=8).map(str)
amount_texts = st.one_of(
    good_amounts,
    good_amounts,
    good_amounts,
    st.decimals(allow_nan=True, allow_infinity=True).map(str),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.sampled_from(["1e999999999", "-0", "0E-1000", "1e-999999999", " 1.5 ", "", "0x10", "١٢"]),
    st.text(max_size=10),
)
symbols = st.one_of(
    st.from_regex(r"[A-Z0-9]{1,10}", fullmatch=True),
    st.from_regex(r"[A-Z0-9]{1,10}", fullmatch=True),
    st.sampled_from(
        ["BTC", "ETH", "1INCH", "币安人生", "ÉTH", "B T C", "", "X" * 25, "A\n", "USDT"]
    ),
    st.text(max_size=22),
)
balance_entries = st.fixed_dictionaries(
    {"asset": symbols, "free": amount_texts | json_scalars, "locked": amount_texts}
)
accounts = st.fixed_dictionaries({"balances": st.lists(balance_entries, max_size=4)})


def read_account(body: bytes) -> list[object]:
    return list(parse_account(decode_json(body, "MEXC"), "MEXC"))


@FAST
@given(st.binary(max_size=200))
def test_random_bytes_never_raise_anything_but_response_errors(body: bytes) -> None:
    for parse in (parse_account, parse_ticker, parse_server_time):
        with contextlib.suppress(ExchangeResponseError):
            parse(decode_json(body, "MEXC"), "MEXC")
    with contextlib.suppress(ExchangeResponseError):
        error_code(decode_json(body, "MEXC"))


@FAST
@given(json_values)
def test_any_json_shape_is_either_read_or_refused_cleanly(payload: object) -> None:
    body = json.dumps(payload).encode()
    for parse in (parse_account, parse_ticker, parse_server_time):
        with contextlib.suppress(ExchangeResponseError):
            parse(decode_json(body, "Binance"), "Binance")


@FAST
@given(accounts)
def test_accepted_accounts_hold_only_sane_storable_amounts(payload: dict[str, object]) -> None:
    body = json.dumps(payload).encode()
    try:
        amounts = parse_account(decode_json(body, "MEXC"), "MEXC")
    except ExchangeResponseError:
        return
    for amount in amounts:
        assert 1 <= len(amount.asset) <= 20
        assert amount.asset.strip() == amount.asset and amount.asset.isprintable()
        assert amount.free >= 0 and amount.locked >= 0
        quantize8(amount.total)
    value_balances(amounts, {"BTCUSDT": Decimal("65000")})  # and they can be valued


@FAST
@given(accounts, st.integers(min_value=1, max_value=400))
def test_truncated_answers_are_refused_whole(payload: dict[str, object], cut: int) -> None:
    body = json.dumps(payload).encode()
    truncated = body[: min(cut, len(body) - 1)]
    try:
        read_account(truncated)
    except ExchangeResponseError:
        return
    raise AssertionError("a truncated JSON object was accepted")


@FAST
@given(st.lists(st.fixed_dictionaries({"symbol": symbols, "price": amount_texts}), max_size=5))
def test_accepted_tickers_hold_non_negative_plausible_prices(rows: list[dict[str, str]]) -> None:
    try:
        prices = parse_ticker(decode_json(json.dumps(rows).encode(), "MEXC"), "MEXC")
    except ExchangeResponseError:
        return
    assert all(price >= 0 and price.adjusted() < 15 for price in prices.values())


def test_deeply_nested_json_is_refused_not_a_crash() -> None:
    body = b"[" * 100_000 + b"]" * 100_000
    try:
        parse_account(decode_json(body, "MEXC"), "MEXC")
    except ExchangeResponseError:
        return
    raise AssertionError("nested lists were accepted as an account")


def test_huge_integer_is_refused_not_a_crash() -> None:
    body = b'{"balances": [{"asset": "BTC", "free": ' + b"9" * 5000 + b', "locked": "0"}]}'
    try:
        read_account(body)
    except ExchangeResponseError:
        return
    raise AssertionError("a 5000-digit amount was accepted")


@FAST
@given(
    st.dictionaries(
        st.from_regex(r"[A-Z0-9]{1,10}", fullmatch=True),
        st.tuples(good_amounts, good_amounts),
        max_size=8,
    )
)
def test_valid_accounts_are_read_exactly(balances: dict[str, tuple[str, str]]) -> None:
    rows = [{"asset": a, "free": f, "locked": lk} for a, (f, lk) in balances.items()]
    amounts = parse_account(decode_json(json.dumps({"balances": rows}).encode(), "MEXC"), "MEXC")
    assert [(a.asset, a.free, a.locked) for a in amounts] == [
        (a, Decimal(f), Decimal(lk)) for a, (f, lk) in balances.items()
        if Decimal(f) or Decimal(lk)  # an empty balance holds nothing to store
    ]


@settings(max_examples=1000, deadline=None)
@given(amount_texts | json_scalars)
def test_the_quick_reading_of_plain_amounts_agrees_with_the_strict_one(value: object) -> None:
    quick = plain_amount(value)
    try:
        strict: Decimal | None = strict_amount(value, "MEXC", "BTC free")
    except ExchangeResponseError:
        strict = None
    if quick is not None:  # read at once only what the strict reader reads the same way
        assert strict is not None and quick.as_tuple() == strict.as_tuple()
