"""Refresh: concurrent, per-wallet transactions, and nothing lost when an exchange fails."""

from __future__ import annotations

import gc
import sqlite3
import threading
from decimal import Decimal
from typing import Any

import pytest

from tests.controllers.desk import Desk
from tests.exchange_server import Fault
from walletdesk.controllers.refresh_outcome import WalletNotUpdatedError
from walletdesk.core.errors import (
    CancelledError,
    ExchangeAuthError,
    ExchangeError,
    ValidationError,
)
from walletdesk.core.keys import ApiCredentials
from walletdesk.core.models import Holdings, Wallet
from walletdesk.store.wallets import WalletRepository

PRICES = {"BTCUSDT": "65000.5", "ETHUSDT": "3000", "SOLUSDC": "150.25", "ETHBTC": "0.05"}


def add_mexc(desk: Desk, balances: dict[str, object], label: str | None = None) -> str:
    account = desk.mexc.add_account(balances=balances)
    desk.mexc.set_prices(PRICES)
    credential = desk.credentials.add(
        exchange="mexc", api_key=account.api_key, secret=account.secret, label=label
    )
    return credential.id


def add_binance(desk: Desk, balances: dict[str, object], label: str | None = None) -> str:
    account = desk.binance.add_account(balances=balances)
    desk.binance.set_prices(PRICES)
    credential = desk.credentials.add(
        exchange="binance", api_key=account.api_key, secret=account.secret, label=label
    )
    return credential.id


def stored_rows(desk: Desk) -> list[tuple[object, ...]]:
    """The raw bytes of wallets and balances, to compare before and after a failure."""
    with sqlite3.connect(desk.database.path) as db:
        wallets = db.execute("SELECT * FROM wallets ORDER BY id").fetchall()
        balances = db.execute("SELECT * FROM balances ORDER BY id").fetchall()
    return wallets + balances


def test_refresh_values_balances_exactly_in_usd(desk: Desk) -> None:
    add_mexc(desk, {"BTC": ("0.5", "0.25"), "ETH": "2", "USDT": "10.5", "NOPE": "7", "ZERO": "0"})
    [outcome] = desk.portfolio.refresh()
    assert outcome.ok and outcome.asset_count == 4
    by_asset = {b.asset: b for b in desk.portfolio.balances()}
    assert set(by_asset) == {"BTC", "ETH", "USDT", "NOPE"}  # zero balances are not stored
    btc = by_asset["BTC"]
    assert (btc.free, btc.locked, btc.total) == (Decimal("0.5"), Decimal("0.25"), Decimal("0.75"))
    assert btc.usd_value == Decimal("48750.37500000")
    assert by_asset["USDT"].usd_value == Decimal("10.5") and by_asset["USDT"].priced
    assert by_asset["NOPE"].usd_value == 0 and not by_asset["NOPE"].priced
    portfolio = desk.portfolio.portfolio()
    assert portfolio.total_usd_value == Decimal("48750.375") + Decimal("6000") + Decimal("10.5")


def test_refresh_removes_assets_that_are_gone(desk: Desk) -> None:
    credential_id = add_mexc(desk, {"BTC": "1", "ETH": "1"})
    desk.portfolio.refresh()
    account = desk.mexc.account(desk.credentials.get(credential_id).api_key)
    assert account is not None
    account.set_balances({"BTC": "2"})
    desk.portfolio.refresh()
    assert [(b.asset, b.total) for b in desk.portfolio.balances()] == [("BTC", Decimal("2"))]


@pytest.mark.parametrize(
    ("fault", "options"),
    [
        (Fault.SERVER_ERROR, {"status": 503}),
        (Fault.RATE_LIMIT, {"retry_after": 30}),
        (Fault.BANNED, {"retry_after": 30}),
        (Fault.TIMEOUT, {"seconds": 3}),
        (Fault.MALFORMED_JSON, {}),
        (Fault.TRUNCATED_JSON, {}),
        (Fault.BAD_SIGNATURE, {}),
        (Fault.INVALID_KEY, {}),
        (Fault.IP_NOT_WHITELISTED, {}),
        (Fault.CLOCK_SKEW, {}),
        (Fault.DISCONNECT, {}),
    ],
)
def test_refresh_keeps_previous_balances_byte_for_byte_when_the_exchange_fails(
    desk: Desk, fault: Fault, options: dict[str, object]
) -> None:
    add_mexc(desk, {"BTC": "0.1", "ETH": "3"})
    desk.portfolio.refresh()
    before = stored_rows(desk)
    desk.mexc.inject(fault, times=None, **options)  # type: ignore[arg-type]
    [outcome] = desk.portfolio.refresh()
    assert isinstance(outcome.error, ExchangeError), outcome
    assert str(outcome.error)  # a message for the user
    assert stored_rows(desk) == before


def test_one_failing_exchange_does_not_block_the_others(desk: Desk) -> None:
    add_mexc(desk, {"BTC": "1"})
    add_binance(desk, {"ETH": "1"})
    desk.portfolio.refresh()
    desk.mexc.inject(Fault.INVALID_KEY, times=None)
    for account_key in [c.api_key for c in desk.credentials.list() if c.exchange == "BINANCE"]:
        account = desk.binance.account(account_key)
        assert account is not None
        account.set_balances({"ETH": "5"})
    outcomes = {o.credential.exchange: o for o in desk.portfolio.refresh()}
    assert isinstance(outcomes["MEXC"].error, ExchangeAuthError)
    assert outcomes["BINANCE"].ok
    totals = {(b.exchange, b.asset): b.total for b in desk.portfolio.balances()}
    assert totals == {("MEXC", "BTC"): Decimal("1"), ("BINANCE", "ETH"): Decimal("5")}


def test_two_keys_of_one_exchange_are_summed_exactly(desk: Desk) -> None:
    add_mexc(desk, {"BTC": ("0.1", "0.00000001"), "ETH": "1"}, label="a")
    add_mexc(desk, {"BTC": ("0.2", "0")}, label="b")
    outcomes = desk.portfolio.refresh()
    assert all(o.ok for o in outcomes)
    btc = next(b for b in desk.portfolio.balances() if b.asset == "BTC")
    assert (btc.free, btc.locked, btc.total) == (
        Decimal("0.3"),
        Decimal("0.00000001"),
        Decimal("0.30000001"),
    )
    assert len(desk.portfolio.wallets()) == 1


def test_wallet_keeps_previous_balances_when_one_of_its_keys_fails(desk: Desk) -> None:
    add_mexc(desk, {"BTC": "1"}, label="good")
    bad_id = add_mexc(desk, {"BTC": "1"}, label="bad")
    desk.portfolio.refresh()
    before = stored_rows(desk)
    bad_key = desk.credentials.get(bad_id).api_key
    desk.mexc.remove_account(bad_key)  # the exchange deleted that key
    outcomes = {o.credential.label: o for o in desk.portfolio.refresh()}
    assert isinstance(outcomes["bad"].error, ExchangeAuthError)
    assert isinstance(outcomes["good"].error, WalletNotUpdatedError)
    assert "bad" in str(outcomes["good"].error)
    assert stored_rows(desk) == before


def test_refresh_runs_credentials_concurrently(desk: Desk) -> None:
    for index in range(4):  # Binance: its documented rate limit lets all four ask at once
        add_binance(desk, {"BTC": "1"}, label=f"k{index}")
    desk.binance.latency = 0.5  # each answer takes long enough for the others to be asked
    outcomes = desk.portfolio.refresh()
    assert all(o.ok for o in outcomes)
    # One key's fetch asks for its four wallets at once (spot, funding, two Earn lists): more
    # than four requests in flight means several keys were asked at the same time.
    assert desk.binance.most_in_flight > 4


def test_cancelled_refresh_keeps_previous_balances(desk: Desk) -> None:
    add_mexc(desk, {"BTC": "1"})
    desk.portfolio.refresh()
    before = stored_rows(desk)
    cancel = threading.Event()
    cancel.set()
    [outcome] = desk.portfolio.refresh(cancel=cancel)
    assert isinstance(outcome.error, CancelledError)
    assert stored_rows(desk) == before


def test_secret_never_leaves_in_a_request(desk: Desk) -> None:
    add_mexc(desk, {"BTC": "1"})
    desk.portfolio.refresh()
    [credential] = desk.credentials.list()
    account = desk.mexc.account(credential.api_key)
    assert account is not None
    assert desk.mexc.requests and all(account.secret not in r.text for r in desk.mexc.requests)


def test_outcomes_are_reported_as_they_settle(desk: Desk) -> None:
    add_mexc(desk, {"BTC": "1"})
    add_binance(desk, {"ETH": "1"})
    seen: list[str] = []
    desk.portfolio.refresh(on_outcome=lambda o: seen.append(o.credential.exchange))
    assert sorted(seen) == ["BINANCE", "MEXC"]


def test_test_connection_reports_a_read_only_key(desk: Desk) -> None:
    account = desk.binance.add_account(balances={}, can_trade=False, can_withdraw=False)
    check = desk.credentials.test_connection(
        exchange="Binance", api_key=account.api_key, secret=account.secret
    )
    assert check.can_trade is False and check.can_withdraw is False
    trading = desk.binance.add_account(balances={}, can_trade=True, can_withdraw=True)
    warn = desk.credentials.test_connection(
        exchange="binance", api_key=trading.api_key, secret=trading.secret
    )
    assert warn.can_trade and "read-only" in warn.message


def test_a_second_unlabelled_key_is_refused_in_the_exchanges_own_name(desk: Desk) -> None:
    add_binance(desk, {"BTC": "1"})
    with pytest.raises(ValidationError, match="An unlabelled Binance key is saved already"):
        add_binance(desk, {"ETH": "1"})


def test_a_refresh_pauses_the_collector_only_while_it_works(
        desk: Desk, monkeypatch: pytest.MonkeyPatch) -> None:
    """Paused while the answers are read (balances and the ticker) and the wallet is stored."""
    add_mexc(desk, {"BTC": "1"})
    adapter = desk.registry.get("mexc")
    read, prices = adapter.fetch_balances, adapter.fetch_prices
    store = WalletRepository.replace_wallet
    during: list[bool] = []

    def fetch(creds: ApiCredentials) -> Holdings:
        during.append(gc.isenabled())
        return read(creds)

    def fetch_prices() -> dict[str, Decimal]:
        during.append(gc.isenabled())
        return prices()

    def replace_wallet(*args: Any, **kwargs: Any) -> Wallet:
        during.append(gc.isenabled())
        return store(*args, **kwargs)

    monkeypatch.setattr(adapter, "fetch_balances", fetch)
    monkeypatch.setattr(adapter, "fetch_prices", fetch_prices)
    monkeypatch.setattr(WalletRepository, "replace_wallet", replace_wallet)
    assert gc.isenabled()
    assert all(o.ok for o in desk.portfolio.refresh())
    assert during == [False, False, False] and gc.isenabled()
