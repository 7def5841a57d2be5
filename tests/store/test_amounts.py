"""DECIMAL(18, 8) is exact: what is stored is what is read, as integer 1e-8 units."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from walletdesk.core.errors import AmountOutOfRangeError
from walletdesk.core.models import Balance
from walletdesk.core.money import LIMIT, QUANTUM
from walletdesk.store.database import Database
from walletdesk.store.wallets import WalletRepository

from .builders import T0, raw_rows, snapshot, store_balances, valued

LARGEST = Decimal("9999999999.99999999")
amounts = st.decimals(min_value=-LIMIT + QUANTUM, max_value=LIMIT - QUANTUM, places=8,
                      allow_nan=False, allow_infinity=False)


def read_back(wallets: WalletRepository, free: str, locked: str = "0",
              usd: str = "0") -> Balance:
    store_balances(wallets, "MEXC", [valued("BTC", free, locked, usd)], T0)
    (balance,) = wallets.balances()
    return balance


@settings(max_examples=75, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(free=amounts, usd=amounts)
def test_every_valid_amount_reads_back_exactly_with_eight_places(
        alice_wallets: WalletRepository, free: Decimal, usd: Decimal) -> None:
    locked = Decimal("0.00000001") if free == 0 else Decimal(0)
    wallet = store_balances(
        alice_wallets, "MEXC", [valued("BTC", str(free), str(locked), str(usd))], T0)
    (stored,) = alice_wallets.wallets()
    (balance,) = alice_wallets.balances()
    assert (balance.free, balance.usd_value, stored.total_usd_value) == (free, usd, usd)
    assert stored == wallet
    for value in (balance.free, balance.locked, balance.total, balance.usd_value,
                  stored.total_usd_value):
        assert value.as_tuple().exponent == -8


@pytest.mark.parametrize("extreme", [LARGEST, -LARGEST])
def test_the_largest_amounts_of_either_sign_round_trip(
        alice_wallets: WalletRepository, extreme: Decimal) -> None:
    balance = read_back(alice_wallets, str(extreme), "0", str(extreme))
    assert (balance.free, balance.total, balance.usd_value) == (extreme, extreme, extreme)
    assert str(balance.free) == str(extreme)


def test_amounts_are_stored_as_integer_units_never_as_real(
        db: Database, alice_wallets: WalletRepository) -> None:
    read_back(alice_wallets, str(-LARGEST), "0.1", "0.00000001")
    assert raw_rows(db.path, "SELECT free, typeof(free), locked, usd_value FROM balances") == [
        (-999999999999999999, "integer", 10000000, 1)]


def test_a_wallet_total_that_overflows_is_refused_and_nothing_is_written(
        db: Database, alice_wallets: WalletRepository) -> None:
    """Each value fits, their sum does not. (An amount or an asset's total that does not fit
    never reaches the store: the refresh's fold leaves that asset out and names it.)"""
    read_back(alice_wallets, "1")
    before = snapshot(db.path)
    balances = [valued(asset, "1", usd=str(LARGEST)) for asset in ("BTC", "ETH")]
    with pytest.raises(AmountOutOfRangeError):
        store_balances(alice_wallets, "MEXC", balances, T0)
    assert snapshot(db.path) == before


@pytest.mark.parametrize(("given_free", "stored_free"), [
    ("1.000000005", "1.00000000"),     # half to even: down to the even 0
    ("1.000000015", "1.00000002"),     # half to even: up to the even 2
    ("1.0000000051", "1.00000001"),    # more than half: up
    ("-2.000000025", "-2.00000002"),
    ("0.123456789", "0.12345679"),
])
def test_more_than_eight_decimals_round_half_to_even(
        alice_wallets: WalletRepository, given_free: str, stored_free: str) -> None:
    balance = read_back(alice_wallets, given_free)
    assert str(balance.free) == stored_free


def test_total_is_free_plus_locked_as_stored(alice_wallets: WalletRepository) -> None:
    balance = read_back(alice_wallets, "0.000000015", "0.000000025")
    assert (balance.free, balance.locked, balance.total) == (
        Decimal("0.00000002"), Decimal("0.00000002"), Decimal("0.00000004"))
