"""Whatever an exchange sends, reading it raises ExchangeResponseError or returns valid data."""

from __future__ import annotations

import contextlib
import json
from decimal import Decimal

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from tests.refresh_values import refreshed
from walletdesk.core.errors import ExchangeResponseError
from walletdesk.core.models import Holdings
from walletdesk.core.money import quantize8
from walletdesk.exchanges.holdings import Holding, fold, parse_account
from walletdesk.exchanges.responses import amount as strict_amount
from walletdesk.exchanges.responses import (
    decode_json,
    error_code,
    parse_server_time,
    parse_ticker,
    ticker_entry,
)

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
    st.sampled_from(["1e999999999", "-0", "0E-1000", "1e-999999999", " 1.5 ", "", "0x10", "١٢",
                     "1_000", "9999999999.999999995", "9999999999.99999999",
                     "9999999999.9999999949999", "5000000000.000000000"]),
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
    refreshed(amounts, {"BTCUSDT": Decimal("65000")})  # and they can be stored


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


ticker_entries = st.one_of(
    st.fixed_dictionaries({"symbol": symbols, "price": amount_texts | json_scalars}),
    st.fixed_dictionaries({"symbol": symbols | json_scalars, "price": amount_texts}),
    st.fixed_dictionaries({"symbol": symbols, "price": st.sampled_from(
        ["1e3", "999999999999999", "1000000000000000", "1_000", "0"])}),
    json_values,
)


@settings(max_examples=1000, deadline=None)
@given(st.lists(ticker_entries, max_size=6))
def test_the_one_pass_reading_of_a_ticker_is_the_entry_rules_exactly(entries: list[object]) -> None:
    expected: dict[str, Decimal] = {}
    for entry in entries:  # the slow rule, entry by entry
        found = ticker_entry(entry)
        if found is not None:
            expected[found[0]] = found[1]
    prices = parse_ticker(entries, "MEXC")
    assert {s: p.as_tuple() for s, p in prices.items()} == {
        s: p.as_tuple() for s, p in expected.items()}


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


def strict_reading(payload: dict[str, object]) -> Holdings:
    """The slow rules ``parse_account`` reads in one pass: every amount through the strict
    reader, then ``holdings.fold`` (symbols, zero balances, DECIMAL(18,8))."""
    read: list[Holding] = []
    seen: set[str] = set()
    for entry in payload["balances"]:  # type: ignore[attr-defined]
        asset = entry["asset"]
        if not isinstance(asset, str):
            raise ExchangeResponseError("no asset symbol")
        free = strict_amount(entry["free"], "MEXC", "free")
        locked = strict_amount(entry["locked"], "MEXC", "locked")
        if asset in seen:
            raise ExchangeResponseError("listed twice")
        seen.add(asset)
        read.append(Holding(asset, "spot", free, locked))
    return fold(read, "MEXC")


def one(free: str, locked: str = "0") -> dict[str, object]:
    return {"balances": [{"asset": "BTC", "free": free, "locked": locked}]}


@settings(max_examples=1000, deadline=None)
@given(accounts)
@example(one("1_000"))  # Decimal() reads it as 1000
@example(one("9999999999.999999995"))  # rounds to 10^10: past DECIMAL(18,8)
@example(one("9999999999.9999999949999"))  # just fits
@example(one("5000000000", "4999999999.999999995"))  # each fits, the total does not
@example(one("1", "0.00000000"))  # zero as Binance writes it: 8 places kept
@example(one("1", "0"))
def test_the_one_pass_reading_of_an_account_is_the_strict_rules_exactly(
        payload: dict[str, object]) -> None:
    try:
        expected: Holdings | None = strict_reading(payload)
    except ExchangeResponseError:
        expected = None
    try:
        quick: Holdings | None = parse_account(payload, "MEXC")
    except ExchangeResponseError:
        quick = None
    assert (quick is None) == (expected is None)
    if quick is not None and expected is not None:
        assert [(a.asset, a.free.as_tuple(), a.locked.as_tuple(), a.place) for a in quick] == [
            (a.asset, a.free.as_tuple(), a.locked.as_tuple(), a.place) for a in expected]
        assert sorted(map(str, quick.left_out)) == sorted(map(str, expected.left_out))
