"""Where each amount of an account sits, read entry by entry so one odd entry never blocks
the rest.

An exchange account has several wallets (Binance's funding and Simple Earn, Kraken's staked
balances, OKX's trading and funding accounts, KuCoin's main, trade and trade_hf accounts).
Adapters read every one into ``Holding`` records, each with its place, and ``fold`` turns
them into the key's ``Holdings``: one amount per (asset, place), zero ones dropped.

An answer malformed as a whole (an asset that is not text, an amount that is not a number
or is negative) is refused whole by the readers in ``responses.py``: nothing of it can be
trusted. A holding that is well-formed but cannot be stored (a symbol longer than the column
or with spaces or control characters, an amount past DECIMAL(18,8)) is left out alone and
named, and the rest of the account is stored.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal
from typing import NamedTuple

from walletdesk.core.models import AssetAmount, Holdings, LeftOut
from walletdesk.core.money import FIT_BOUND, PLAIN_AMOUNT, fits
from walletdesk.exchanges.responses import amount, fail, mapping

SPOT = "spot"
FUNDING = "funding"
TRADING = "trading"
EARN = "earn"
STAKED = "staked"
MARGIN = "margin"
FUTURES = "futures"

ASSET_MAX = 20  # balances.asset is VARCHAR(20)
_SHOWN = 24
_NO_SPACE = re.compile(rf"\S{{1,{ASSET_MAX}}}")  # \s is str.isspace, character for character
# Zero as MEXC and Binance write it, read once (Decimal is immutable, so one object serves).
_ZERO_TEXTS = {text: Decimal(text) for text in ("0", "0.00000000")}


class Holding(NamedTuple):  # a tuple: a 10,000-asset account builds one per entry
    asset: str
    place: str
    free: Decimal
    locked: Decimal


def fold(holdings: Iterable[Holding], exchange: str,
         named: Iterable[LeftOut] = ()) -> Holdings:
    """One amount per (asset, place), in the order first seen; zero ones are dropped; what
    cannot be stored is left out and named (after ``named``, left out already)."""
    sums: dict[tuple[str, str], tuple[Decimal, Decimal]] = {}
    left_out: list[LeftOut] = list(named)
    for asset, place, free, locked in holdings:
        if not is_asset_symbol(asset):
            left_out.append(_bad_symbol(asset))
            continue
        if not (free or locked):  # zero
            continue
        key = (asset, place)
        known = sums.get(key)
        sums[key] = (free, locked) if known is None else (known[0] + free, known[1] + locked)
    amounts: list[AssetAmount] = []
    too_large: dict[str, LeftOut] = {}
    for (asset, place), (free, locked) in sums.items():
        if fits(free) and fits(locked) and fits(free + locked):
            amounts.append(AssetAmount(asset, free, locked, place))
        elif asset not in too_large:
            too_large[asset] = _too_large(asset, free, locked)
    left_out += too_large.values()
    kept = [a for a in amounts if a.asset not in too_large] if too_large else amounts
    return Holdings(tuple(kept), tuple(left_out))  # an asset is stored whole or not


def as_holdings(amounts: Iterable[AssetAmount]) -> list[Holding]:
    """Folded amounts back as holdings, to fold with another wallet's."""
    return [Holding(a.asset, a.place, a.free, a.locked) for a in amounts]


def parse_account(payload: object, exchange: str, place: str = SPOT) -> Holdings:
    """The ``balances`` of a Spot v3 account answer (``{asset, free, locked}`` entries)."""
    balances = mapping(payload, exchange, "account").get("balances")
    if not isinstance(balances, list):
        fail(exchange, "the account has no list of balances")
    amounts: list[AssetAmount] = []
    left_out: list[LeftOut] = []
    seen: set[str] = set()
    plain, symbol = PLAIN_AMOUNT.fullmatch, _NO_SPACE.fullmatch
    # The NamedTuple's constructor is Python code costing twice the tuple's own; the record
    # is the same either way.
    new_amount = tuple.__new__
    for index, entry in enumerate(balances):  # once per asset of a 10,000-asset account
        item = entry if type(entry) is dict else mapping(entry, exchange, f"balance {index + 1}")
        asset = item.get("asset")
        if not isinstance(asset, str):
            fail(exchange, f"balance {index + 1} has no asset symbol")
        free_text, locked_text = item.get("free"), item.get("locked")
        # The plain form exchanges send (``core.money.PLAIN_AMOUNT``) is read at once, and the
        # usual locked amount, zero, is not read at all; anything else goes through the strict
        # reader, which names the entry when it refuses it.
        free = (Decimal(free_text) if type(free_text) is str and plain(free_text)
                else amount(free_text, exchange, f"{_shown(asset)} free"))
        locked = _ZERO_TEXTS.get(locked_text) if type(locked_text) is str else None
        if locked is None:
            locked = (Decimal(locked_text) if type(locked_text) is str and plain(locked_text)
                      else amount(locked_text, exchange, f"{_shown(asset)} locked"))
        if asset in seen:
            fail(exchange, f"the asset {_shown(asset)} is listed twice")
        seen.add(asset)
        # ``fold``'s rules, in the same pass (each asset comes once, in one place).
        if symbol(asset) is None or not asset.isprintable():  # is_asset_symbol, inline
            left_out.append(_bad_symbol(asset))
        elif not (free or locked):
            continue
        elif free + locked < FIT_BOUND:  # both are finite and not negative: each fits too
            amounts.append(new_amount(AssetAmount, (asset, free, locked, place)))
        else:
            left_out.append(_too_large(asset, free, locked))
    return Holdings(tuple(amounts), tuple(left_out))


def _too_large(asset: str, free: Decimal, locked: Decimal) -> LeftOut:
    over = next(a for a in (free, locked, free + locked) if not fits(a))
    return LeftOut(asset, too_large_reason(over))


def _bad_symbol(asset: str) -> LeftOut:
    return LeftOut(_shown(asset), "the symbol cannot be stored (longer than 20 characters, "
                   "or with spaces or control characters)")


def is_asset_symbol(asset: str) -> bool:
    """1-20 printable characters without spaces: stored as the exchange sends it (exports
    neutralise formula-like cells)."""
    return _NO_SPACE.fullmatch(asset) is not None and asset.isprintable()


def too_large_reason(amount: Decimal) -> str:
    shown = f"{amount.normalize():,f}" if amount.adjusted() < 30 else f"{amount:.3E}"
    return f"{shown} is more than WalletDesk can store"


def _shown(asset: str) -> str:
    """The symbol as it may be shown: control characters escaped, cut to a sensible length."""
    safe = asset.encode("unicode_escape").decode("ascii") if not asset.isprintable() else asset
    return safe if len(safe) <= _SHOWN else safe[: _SHOWN - 1] + "…"
