"""Strict reading of exchange answers: all of a response is valid, or nothing is returned.

Every function raises ``ExchangeResponseError`` (never another exception) for anything that
is not what the exchange documents: bad JSON, wrong shapes, amounts that are not finite
non-negative numbers or do not fit DECIMAL(18,8), odd asset symbols, duplicate assets.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from decimal import Decimal
from typing import NoReturn

from walletdesk.core.errors import ExchangeResponseError, WalletDeskError
from walletdesk.core.models import AssetAmount
from walletdesk.core.money import parse_amount, quantize8

_ASSET = re.compile(r"[^\W_][\w.\-]{0,19}")  # letters or digits (any script), then . - _
_SYMBOL = re.compile(r"[^\W_][\w.\-]{0,39}")
_PRICE_MAX_DIGITS = 15  # no unit of anything costs a quadrillion; beyond that it is garbage
_TIME_RANGE_MS = (10**12, 10**14)  # 2001 .. 5138


def decode_json(body: bytes, exchange: str) -> object:
    """Parse JSON exactly: floats as Decimal, no NaN or Infinity."""
    try:
        return json.loads(body, parse_float=Decimal, parse_constant=_refuse_constant)
    except (ValueError, RecursionError):
        _fail(exchange, "the answer is not valid JSON")


def parse_account(payload: object, exchange: str) -> list[AssetAmount]:
    """The ``balances`` of an account answer, every entry checked before any is returned."""
    account = _mapping(payload, exchange, "account")
    balances = account.get("balances")
    if not isinstance(balances, list):
        _fail(exchange, "the account has no list of balances")
    seen: set[str] = set()
    amounts: list[AssetAmount] = []
    for index, entry in enumerate(balances):
        item = _mapping(entry, exchange, f"balance {index + 1}")
        asset = item.get("asset")
        if not isinstance(asset, str) or not _ASSET.fullmatch(asset):
            _fail(exchange, f"balance {index + 1} has an invalid asset symbol")
        if asset in seen:
            _fail(exchange, f"the asset {asset} is listed twice")
        seen.add(asset)
        free = _amount(item.get("free"), exchange, f"{asset} free")
        locked = _amount(item.get("locked"), exchange, f"{asset} locked")
        _check_fits(free + locked, exchange, f"{asset} total")
        amounts.append(AssetAmount(asset=asset, free=free, locked=locked))
    return amounts


def parse_ticker(payload: object, exchange: str) -> dict[str, Decimal]:
    """``[{"symbol": "BTCUSDT", "price": "65000.1"}, ...]`` as a symbol -> price mapping."""
    if not isinstance(payload, list):
        _fail(exchange, "the price list is not a list")
    prices: dict[str, Decimal] = {}
    for index, entry in enumerate(payload):
        item = _mapping(entry, exchange, f"price {index + 1}")
        symbol = item.get("symbol")
        if not isinstance(symbol, str) or not _SYMBOL.fullmatch(symbol):
            _fail(exchange, f"price {index + 1} has an invalid symbol")
        price = _number(item.get("price"), exchange, f"the price of {symbol}")
        if price.adjusted() >= _PRICE_MAX_DIGITS:
            _fail(exchange, f"the price of {symbol} is implausibly large")
        prices[symbol] = price
    return prices


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


def _amount(value: object, exchange: str, what: str) -> Decimal:
    number = _number(value, exchange, what)
    _check_fits(number, exchange, what)
    return number


def _check_fits(number: Decimal, exchange: str, what: str) -> None:
    try:
        quantize8(number)
    except WalletDeskError:
        _fail(exchange, f"{what} is too large to store (at most 10 digits before the point)")


def _refuse_constant(name: str) -> NoReturn:
    raise ValueError(f"{name} is not allowed")


def _fail(exchange: str, detail: str) -> NoReturn:
    raise ExchangeResponseError(
        f"{exchange} sent an answer WalletDesk cannot use ({detail}). Nothing was changed; "
        "try again later, and report it if it keeps happening."
    )


# For adapters that read answers field by field (the REST exchanges beyond Spot v3).
def is_asset_symbol(name: str) -> bool:
    """Letters or digits, then . - _; at most 20 characters (the ``asset`` column)."""
    return bool(_ASSET.fullmatch(name))


mapping = _mapping
amount = _amount
check_fits = _check_fits
fail = _fail


def price(value: object, exchange: str, what: str) -> Decimal:
    """A ticker price: a finite non-negative number, and not absurdly large."""
    number = _number(value, exchange, what)
    if number.adjusted() >= _PRICE_MAX_DIGITS:
        _fail(exchange, f"{what} is implausibly large")
    return number
