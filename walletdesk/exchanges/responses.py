"""Strict reading of exchange answers: all of a response is valid, or nothing is returned.

Every function raises ``ExchangeResponseError`` (never another exception) for an answer
that is not what the exchange documents as a whole: bad JSON, wrong shapes, amounts that are
not finite non-negative numbers, duplicate assets. Single entries that cannot be stored are
left out instead (``holdings.py``); malformed ticker entries are skipped.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Mapping
from decimal import Decimal
from typing import NoReturn

from walletdesk.core.errors import ExchangeResponseError, WalletDeskError
from walletdesk.core.money import PLAIN_AMOUNT, parse_amount

log = logging.getLogger(__name__)

_SYMBOL = re.compile(r"[^\W_][\w.\-]{0,39}")
_PRICE_MAX_DIGITS = 15  # no unit of anything costs a quadrillion; beyond that it is garbage
_TIME_RANGE_MS = (10**12, 10**14)  # 2001 .. 5138


def decode_json(body: bytes, exchange: str) -> object:
    """Parse JSON exactly: floats as Decimal, no NaN or Infinity."""
    try:
        return json.loads(body, parse_float=Decimal, parse_constant=_refuse_constant)
    except (ValueError, RecursionError):
        _fail(exchange, "the answer is not valid JSON")


def parse_ticker(payload: object, exchange: str) -> dict[str, Decimal]:
    """``[{"symbol": "BTCUSDT", "price": "65000.1"}, ...]`` as a symbol -> price mapping.

    Real ticker lists hold thousands of entries and some junk (a null price, an odd
    symbol): such entries are skipped and counted in the log, never fatal.
    """
    if not isinstance(payload, list):
        _fail(exchange, "the price list is not a list")
    prices: dict[str, Decimal] = {}
    skipped = 0
    symbol_text, plain = _SYMBOL.fullmatch, PLAIN_AMOUNT.fullmatch
    for entry in payload:
        # The usual entry (a symbol and a plain price, both text) is read here, at once; any
        # other goes through the rules of ``ticker_entry``, which read it the same way.
        if type(entry) is dict:
            symbol, text = entry.get("symbol"), entry.get("price")
            if type(symbol) is str and type(text) is str and symbol_text(symbol) and plain(text):
                price = Decimal(text)  # plain text: finite and not negative
                if price.adjusted() < _PRICE_MAX_DIGITS:
                    prices[symbol] = price
                else:
                    skipped += 1
                continue
        found = ticker_entry(entry)
        if found is None:
            skipped += 1
        else:
            prices[found[0]] = found[1]
    if skipped:
        log.info("%s ticker: %d of %d entries skipped as malformed", exchange, skipped,
                 len(payload))
    return prices


def ticker_entry(entry: object) -> tuple[str, Decimal] | None:
    """One ticker entry's (symbol, price), or None for a malformed one (skipped)."""
    if not isinstance(entry, Mapping):
        return None
    symbol, text = entry.get("symbol"), entry.get("price")
    if not isinstance(symbol, str) or not _SYMBOL.fullmatch(symbol):
        return None
    if isinstance(text, bool) or not isinstance(text, str | int | Decimal):
        return None
    try:
        price = parse_amount(text)
    except WalletDeskError:
        return None
    if price < 0 or price.adjusted() >= _PRICE_MAX_DIGITS:
        return None
    return symbol, price


def parse_server_time(payload: object, exchange: str) -> int:
    """``{"serverTime": 1645539742000}``; the number may also come as a string."""
    value = _mapping(payload, exchange, "server time").get("serverTime")
    if isinstance(value, str) and value.isascii() and value.isdigit():
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int):
        _fail(exchange, "the server time is not a number")
    low, high = _TIME_RANGE_MS
    if not low <= value < high:
        _fail(exchange, "the server time is implausible")
    return value


def error_code(payload: object) -> int | None:
    """The exchange's error code of an error answer (``{"code": -1022, "msg": ...}``), if any."""
    if not isinstance(payload, Mapping):
        return None
    code = payload.get("code")
    if isinstance(code, str) and code.lstrip("-").isascii() and code.lstrip("-").isdigit():
        return int(code)
    if isinstance(code, int) and not isinstance(code, bool):
        return code
    return None


def read_flag(payload: object, key: str, exchange: str) -> bool | None:
    """A boolean permission flag; None when the exchange does not send it."""
    value = _mapping(payload, exchange, "account").get(key)
    if value is None or isinstance(value, bool):
        return value
    _fail(exchange, f"{key} is not true or false")


def mapping(value: object, exchange: str, what: str) -> Mapping[str, object]:
    """``value`` as a JSON object, else the whole answer is refused."""
    return _mapping(value, exchange, what)


def _mapping(value: object, exchange: str, what: str) -> Mapping[str, object]:
    if not isinstance(value, Mapping):
        _fail(exchange, f"the {what} is not a JSON object")
    return value


def _number(value: object, exchange: str, what: str) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, str | int | Decimal):
        _fail(exchange, f"{what} is not a number")
    try:
        number = parse_amount(value)
    except WalletDeskError:
        _fail(exchange, f"{what} is not a number")
    if number < 0:
        _fail(exchange, f"{what} is negative")
    return number


def _refuse_constant(name: str) -> NoReturn:
    raise ValueError(f"{name} is not allowed")


def fail(exchange: str, detail: str) -> NoReturn:
    """Refuse a whole answer: nothing in it is used, and the previous balances are kept."""
    _fail(exchange, detail)


def _fail(exchange: str, detail: str) -> NoReturn:
    raise ExchangeResponseError(
        f"{exchange} sent an answer WalletDesk cannot use ({detail}). Nothing was changed; "
        "try again later, and report it if it keeps happening."
    )


# For adapters that read answers field by field (the REST exchanges beyond Spot v3).
def amount(value: object, exchange: str, what: str) -> Decimal:
    """A balance amount: a finite, non-negative number, else the whole answer is refused.
    Whether it fits DECIMAL(18,8) is ``holdings.fold``'s question (it leaves it out)."""
    return _number(value, exchange, what)


def price(value: object, exchange: str, what: str) -> Decimal:
    """A ticker price: a finite non-negative number, and not absurdly large."""
    number = _number(value, exchange, what)
    if number.adjusted() >= _PRICE_MAX_DIGITS:
        _fail(exchange, f"{what} is implausibly large")
    return number
