"""WalletRepository: a refresh replaces one wallet's balances; reads are ordered and scoped."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from walletdesk.core.models import Balance, Wallet
from walletdesk.store.wallets import WalletRepository

from .builders import T0, store_balances, valued

D = Decimal


def assets(wallets: WalletRepository, exchange: str | None = None) -> dict[str, Decimal]:
    return {b.asset: b.total for b in wallets.balances(exchange)}


def test_a_refresh_stores_totals_usd_sum_and_returns_the_wallet(
        alice_wallets: WalletRepository) -> None:
    wallet = store_balances(alice_wallets, "MEXC", [
        valued("BTC", "1.5", "0.25", "175000.12345678"),
        valued("USDT", "100", "0", "100"),
    ], T0)
    assert wallet == Wallet(id=wallet.id, exchange="MEXC", total_usd_value=D("175100.12345678"),
                            last_updated=T0, asset_count=2)
    assert alice_wallets.wallets() == [wallet]
    assert alice_wallets.balances() == [
        Balance("MEXC", "BTC", D("1.5"), D("0.25"), D("1.75"), D("175000.12345678"), True, T0),
        Balance("MEXC", "USDT", D("100"), D("0"), D("100"), D("100"), True, T0),
    ]


def test_a_refresh_replaces_updates_adds_and_deletes_assets(
        alice_wallets: WalletRepository) -> None:
    first = store_balances(
        alice_wallets, "MEXC", [valued("BTC", "1"), valued("ETH", "2"), valued("XRP", "3")], T0)
    later = T0 + timedelta(hours=1)
    second = store_balances(alice_wallets, "MEXC", [valued("ETH", "5"), valued("SOL", "7")], later)
    assert second.id == first.id and second.last_updated == later
    assert assets(alice_wallets) == {"ETH": D(5), "SOL": D(7)}
    assert alice_wallets.wallets()[0].asset_count == 2


def test_an_empty_refresh_empties_the_wallet_but_keeps_it(
        alice_wallets: WalletRepository) -> None:
    store_balances(alice_wallets, "MEXC", [valued("BTC", "1", usd="5")], T0)
    wallet = store_balances(alice_wallets, "MEXC", [], T0)
    assert alice_wallets.balances() == []
    assert alice_wallets.wallets() == [wallet] and wallet.total_usd_value == 0
    assert wallet.asset_count == 0


def test_wallets_are_separate_per_exchange(alice_wallets: WalletRepository) -> None:
    store_balances(alice_wallets, "MEXC", [valued("BTC", "1")], T0)
    store_balances(alice_wallets, "BINANCE", [valued("BTC", "2")], T0)
    store_balances(alice_wallets, "MEXC", [valued("ETH", "1")], T0)
    assert [w.exchange for w in alice_wallets.wallets()] == ["BINANCE", "MEXC"]
    assert assets(alice_wallets, "BINANCE") == {"BTC": D(2)}
    assert assets(alice_wallets, "MEXC") == {"ETH": D(1)}


def test_balances_are_ordered_by_usd_value_then_exchange_then_asset(
        alice_wallets: WalletRepository) -> None:
    store_balances(alice_wallets, "MEXC", [
        valued("B", "1", usd="5"), valued("A", "1", usd="5"), valued("C", "1", usd="900"),
        valued("Z", "1", usd="0")], T0)
    store_balances(alice_wallets, "BINANCE", [
        valued("B", "1", usd="5"), valued("Q", "1", usd="10000000")], T0)
    order = [(b.exchange, b.asset) for b in alice_wallets.balances()]
    assert order == [("BINANCE", "Q"), ("MEXC", "C"), ("BINANCE", "B"), ("MEXC", "A"),
                     ("MEXC", "B"), ("MEXC", "Z")]


def test_min_usd_and_exchange_filter_balances(alice_wallets: WalletRepository) -> None:
    store_balances(alice_wallets, "MEXC", [
        valued("A", "1", usd="0.99999999"), valued("B", "1", usd="1"),
        valued("C", "1", usd="250")], T0)
    store_balances(alice_wallets, "BINANCE", [valued("D", "1", usd="300")], T0)
    assert [b.asset for b in alice_wallets.balances(min_usd=D(1))] == ["D", "C", "B"]
    assert [b.asset for b in alice_wallets.balances("MEXC", D("100"))] == ["C"]
    assert alice_wallets.balances("KRAKEN") == []


def test_priced_is_true_unless_a_nonzero_amount_has_no_usd_value(
        alice_wallets: WalletRepository) -> None:
    store_balances(alice_wallets, "MEXC", [
        valued("BTC", "1", usd="100"), valued("OBSCURE", "1000", usd="0")], T0)
    assert {b.asset: b.priced for b in alice_wallets.balances()} == {
        "BTC": True, "OBSCURE": False}


def test_balances_carry_their_wallets_last_update(alice_wallets: WalletRepository) -> None:
    later = T0 + timedelta(days=1)
    store_balances(alice_wallets, "MEXC", [valued("BTC", "1")], T0)
    store_balances(alice_wallets, "BINANCE", [valued("ETH", "1")], later)
    assert {b.exchange: b.wallet_updated for b in alice_wallets.balances()} == {
        "MEXC": T0, "BINANCE": later}


def test_portfolio_holds_all_wallets_and_balances(alice_wallets: WalletRepository) -> None:
    store_balances(alice_wallets, "MEXC", [valued("BTC", "1", usd="3")], T0)
    store_balances(alice_wallets, "BINANCE", [valued("ETH", "1", usd="4")], T0)
    portfolio = alice_wallets.portfolio()
    assert portfolio.wallets == tuple(alice_wallets.wallets())
    assert portfolio.balances == tuple(alice_wallets.balances())
    assert portfolio.total_usd_value == 7


def test_a_users_wallets_are_invisible_to_another_user(
        alice_wallets: WalletRepository, bob_wallets: WalletRepository) -> None:
    store_balances(alice_wallets, "MEXC", [valued("BTC", "1")], T0)
    store_balances(bob_wallets, "MEXC", [valued("DOGE", "1000")], T0)
    assert assets(alice_wallets) == {"BTC": D(1)}
    assert assets(bob_wallets) == {"DOGE": D(1000)}
    assert [w.asset_count for w in bob_wallets.wallets()] == [1]
    store_balances(bob_wallets, "MEXC", [], T0)
    assert assets(alice_wallets) == {"BTC": D(1)}


def test_min_usd_keeps_unpriced_balances_and_takes_any_threshold(
        alice_wallets: WalletRepository) -> None:
    """Unpriced is not dust; a threshold beyond every storable value matches nothing
    instead of failing to bind (it once raised from inside SQLAlchemy)."""
    store_balances(alice_wallets, "MEXC", [
        valued("BTC", "1", usd="100"), valued("DUST", "1", usd="0.5"),
        valued("VEN", "1200", usd="0")], T0)
    assert [b.asset for b in alice_wallets.balances(min_usd=D(1))] == ["BTC", "VEN"]
    assert [b.asset for b in alice_wallets.balances(min_usd=D("1e999"))] == ["VEN"]
    assert [b.asset for b in alice_wallets.balances(min_usd=D("99999999999"))] == ["VEN"]
