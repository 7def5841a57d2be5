"""Whatever the exchange answers (random bytes, random or truncated JSON, huge, negative or
non-ASCII values), through the real adapters and the refresh: either exactly what it said
is stored, or one clear ExchangeError and the wallet keeps its rows byte for byte."""

from __future__ import annotations

import json
import re
from decimal import Decimal, InvalidOperation

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from tests.exchange_server import Fault
from tests.stress.bench import Bench, user
from tests.stress.fleet import Key, add_keys
from tests.stress.rows import amounts, wallet_rows
from tests.stress.tally import count
from walletdesk.core.errors import ExchangeError, WalletDeskError
from walletdesk.core.money import to_units
from walletdesk.exchanges.spot_v3 import ACCOUNT_PATH, TICKER_PATH

EXAMPLES = 150
SETTINGS = settings(max_examples=EXAMPLES, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture,
                                           HealthCheck.too_slow])

json_scalars = (st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False)
                | st.text(max_size=12))
json_values = st.recursive(
    json_scalars,
    lambda children: st.lists(children, max_size=4)
    | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=12,
)
assets = st.one_of(
    st.sampled_from(["BTC", "ETH", "USDT", "USDC", "DAI", "1INCH", "币安人生", "ÉTH", "ДОГ",
                     "B T C", "", "X" * 25, "A\n", "😀", "BTC\u200b", "usdt", "ab.c-d_e"]),
    st.from_regex(r"[A-Z0-9]{1,10}", fullmatch=True),
    st.text(max_size=22),
)
good_amounts = st.decimals(min_value=0, max_value=10**9, places=8).map(str)
amounts_ = st.one_of(
    good_amounts,
    good_amounts,
    st.sampled_from(["-1", "-0.00000001", "1e400", "9" * 30, "9999999999.99999999",
                     "5000000000", "1E+9", "0.000000001", "NaN", "Infinity", "", " 1 ", "0x1F",
                     "١٢٣", "1_000", "0E-1000"]),
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=10),
    st.none(),
)
entries = st.fixed_dictionaries({"asset": assets, "free": amounts_, "locked": amounts_})
accounts = st.fixed_dictionaries({"balances": st.lists(entries, max_size=12)}).map(
    lambda account: {"makerCommission": 0, "canTrade": False, **account})
big_amounts = st.decimals(min_value=0, max_value=Decimal("9999999999.99999999"), places=8)
valid_accounts = st.dictionaries(
    st.sampled_from(["USDT", "USDC", "DAI", "BTC", "ETH", "币安人生", "ÉTH"])
    | st.from_regex(r"[A-Z0-9]{1,10}", fullmatch=True),
    st.tuples(big_amounts | good_amounts, good_amounts),
    max_size=12,
).map(lambda held: {"balances": [{"asset": a, "free": str(f), "locked": str(lk)}
                                 for a, (f, lk) in held.items()]})
statuses = st.sampled_from([200] * 12 + [400, 401, 403, 404, 418, 429, 500, 503])


@st.composite
def bodies(draw: st.DrawFn, shaped: st.SearchStrategy[object]) -> bytes:
    kind = draw(st.sampled_from(["shaped", "shaped", "shaped", "truncated", "json", "bytes"]))
    event(f"body: {kind}")
    if kind == "bytes":
        return draw(st.binary(max_size=300))
    if kind == "json":
        return json.dumps(draw(json_values)).encode()
    body = json.dumps(draw(shaped), ensure_ascii=draw(st.booleans())).encode()
    if kind == "truncated":
        return body[: draw(st.integers(0, max(0, len(body) - 1)))]
    return body


_AMOUNT_TEXT = re.compile(
    r"[ \t\r\n]*[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]{1,4})?[ \t\r\n]*")


def _amount(value: object) -> Decimal:
    """An amount as the rules of issue 12 read it; ValueError if the answer is malformed."""
    if isinstance(value, bool) or not isinstance(value, str | int | Decimal):
        raise ValueError(value)
    if isinstance(value, str) and not _AMOUNT_TEXT.fullmatch(value):
        raise ValueError(value)
    number = Decimal(value.strip() if isinstance(value, str) else value)
    if not number.is_finite() or number < 0:
        raise ValueError(value)
    return number


def _storable_symbol(asset: str) -> bool:
    return 0 < len(asset) <= 20 and asset.isprintable() and not any(c.isspace() for c in asset)


def served(body: bytes) -> dict[str, tuple[int, int]] | None:
    """What a store of this account answer holds, in units; None if it is refused whole.

    An entry with a symbol the column cannot hold, or an amount past DECIMAL(18,8), is left
    out alone; anything malformed refuses the whole answer.
    """
    try:
        payload = json.loads(body, parse_float=Decimal)
        stored: dict[str, tuple[int, int]] = {}
        seen: set[str] = set()
        for entry in payload["balances"]:
            asset = entry["asset"]
            if not isinstance(asset, str):
                return None
            free, locked = _amount(entry["free"]), _amount(entry["locked"])
            if not _storable_symbol(asset):
                continue
            if asset in seen:
                return None
            seen.add(asset)
            try:
                units = (to_units(free), to_units(locked))
                to_units(free + locked)
            except WalletDeskError:
                continue  # left out alone
            if sum(units) != 0:  # a total that rounds to zero at 8 places is not stored
                stored[asset] = units
        return stored
    except (ValueError, TypeError, KeyError, InvalidOperation, RecursionError):
        return None


@pytest.fixture
def keys(bench: Bench) -> dict[str, Key]:
    made = add_keys(bench, [(user(0), "MEXC"), (user(0), "BINANCE")])
    assert all(o.ok for o in bench.portfolio(user(0)).refresh())
    return {key.exchange: key for key in made}


def refresh_with(bench: Bench, key: Key, body: bytes, status: int, path: str) -> None:
    """Serve ``body`` for ``path`` on ``key``'s exchange; refresh; check the outcome."""
    server = bench.servers[key.exchange]
    if path == ACCOUNT_PATH:
        server.inject_for(key.account.api_key, Fault.RAW, times=None, body=body, status=status)
    else:
        server.inject(Fault.RAW, times=None, path=path, body=body, status=status)
    count("inputs")
    count("faults")
    database = bench.database.path
    before = wallet_rows(database, key.who.id, key.exchange)
    try:
        (outcome,) = bench.portfolio(key.who).refresh(key.exchange)
    finally:
        server.clear_faults()
    after = wallet_rows(database, key.who.id, key.exchange)
    if outcome.error is None:
        event("stored")
        assert status == 200
        expected = served(body) if path == ACCOUNT_PATH else None
        if expected is not None:
            assert amounts(database, key.who.id, key.exchange) == expected
        return
    event(f"refused: {type(outcome.error).__name__}")
    assert isinstance(outcome.error, ExchangeError), repr(outcome.error)
    assert "\n" not in str(outcome.error)
    assert after == before, "a refused answer changed the stored wallet"


@pytest.mark.parametrize("exchange", ["MEXC", "BINANCE"])
@SETTINGS
@given(body=bodies(accounts | valid_accounts), status=statuses)
def test_any_account_answer_is_stored_exactly_or_refused_whole(
        bench: Bench, keys: dict[str, Key], exchange: str, body: bytes, status: int) -> None:
    refresh_with(bench, keys[exchange], body, status, ACCOUNT_PATH)


prices = st.one_of(
    good_amounts,
    st.sampled_from(["0", "-5", "1e400", "9" * 20, "1e14", "NaN", "", "abc"]),
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(allow_nan=False),
    st.none(),
)
symbols = st.sampled_from(["BTCUSDT", "ETHUSDT", "USDTUSDC", "ETHBTC", "币安人生USDT", "", "X" * 50,
                           "BTC USDT"]) | st.text(max_size=12)
tickers = st.lists(st.fixed_dictionaries({"symbol": symbols, "price": prices}), max_size=10)


@SETTINGS
@given(exchange=st.sampled_from(["MEXC", "BINANCE"]), body=bodies(tickers), status=statuses)
def test_any_price_list_is_used_or_refused_whole(
        bench: Bench, keys: dict[str, Key], exchange: str, body: bytes, status: int) -> None:
    refresh_with(bench, keys[exchange], body, status, TICKER_PATH)


SIX_BILLION = {"free": "6000000000", "locked": "0"}


@pytest.mark.parametrize("over", ["assets", "keys"])
def test_balances_that_add_up_to_more_than_can_be_stored_never_block_another_wallet(
        bench: Bench, keys: dict[str, Key], over: str) -> None:
    """Every amount and USD value fits DECIMAL(18,8), but not their sum: over the assets
    of the wallet (its total), or over two keys of one exchange (one asset's amount)."""
    mexc, binance = keys["MEXC"], keys["BINANCE"]
    if over == "assets":
        held, mexc_keys = [{"asset": "USDT", **SIX_BILLION}, {"asset": "USDC", **SIX_BILLION}], \
            [mexc.account]
    else:
        second = bench.servers["MEXC"].add_account()
        bench.credentials(user(0)).add(exchange="MEXC", api_key=second.api_key,
                                       secret=second.secret, label="second")
        held, mexc_keys = [{"asset": "BTC", **SIX_BILLION}], [mexc.account, second]
    for account in mexc_keys:
        bench.servers["MEXC"].inject_for(account.api_key, Fault.RAW, times=None,
                                         body=json.dumps({"balances": held}).encode())
        count("faults")
    count("inputs")
    binance.account.set_balances({"BTC": "2"})
    before = wallet_rows(bench.database.path, mexc.who.id, "MEXC")

    outcomes = bench.portfolio(user(0)).refresh()

    for outcome in outcomes:
        if outcome.credential.exchange == "MEXC" and over == "assets":  # the wallet's total
            assert isinstance(outcome.error, ExchangeError), repr(outcome.error)
            assert "more than WalletDesk can store" in str(outcome.error)
        elif outcome.credential.exchange == "MEXC":  # one asset's sum: that asset only
            assert outcome.ok and "BTC: 12,000,000,000 is more than" in (outcome.notice or "")
        else:
            assert outcome.ok
    if over == "assets":
        assert wallet_rows(bench.database.path, mexc.who.id, "MEXC") == before
    else:
        assert amounts(bench.database.path, mexc.who.id, "MEXC") == {}
    assert amounts(bench.database.path, binance.who.id, "BINANCE") == {"BTC": (2 * 10**8, 0)}
