"""A refresh writes only what changed, and still leaves exactly what it was given.

Most of a large account is the same from one refresh to the next, so the balances, their
parts (``balance_sources``) and their valuations are compared with what is stored: a row
as stored is not written again, a changed one is, a gone one is deleted.
"""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from pathlib import Path

from tests.reference.valuation import ValuedBalance
from walletdesk.core.models import BalanceSource
from walletdesk.store.credentials import CredentialRepository
from walletdesk.store.wallets import WalletRepository

from .builders import T0, raw_rows, store_balances

D = Decimal


def vb(asset: str, free: str, usd: str, route: str = "", locked: str = "0",
       priced: bool = True) -> ValuedBalance:
    return ValuedBalance(asset, D(free), D(locked), D(usd), priced, route)


def details(wallets: WalletRepository) -> dict[str, tuple[object, ...]]:
    """Each balance as read back: amounts, value, route, priced and its parts."""
    return {b.asset: (b.free, b.locked, b.usd_value, b.route, b.priced,
                      sorted((s.credential_id, s.place, s.free, s.locked) for s in b.sources))
            for b in wallets.balances()}


def test_a_second_refresh_leaves_exactly_its_own_rows_parts_and_routes(
        alice_wallets: WalletRepository, alice_credentials: CredentialRepository) -> None:
    for key in ("k1", "k2"):
        alice_credentials.add(credential_id=key, exchange="MEXC", api_key=f"api-{key}",
                              label=key, api_secret=b"x")
    first = [vb("BTC", "2", "130000", "BTCUSDT"), vb("ETH", "1", "3000", "ETHUSDT"),
             vb("DOGE", "10", "1", "DOGEUSDT"), vb("XRP", "5", "0", priced=False),
             vb("SOL", "3", "300", "SOLUSDT")]
    first_parts = [BalanceSource("k1", "BTC", "spot", D("1"), D("0")),
                   BalanceSource("k2", "BTC", "spot", D("1"), D("0")),
                   BalanceSource("k1", "ETH", "spot", D("0.5"), D("0")),
                   BalanceSource("k1", "ETH", "earn", D("0.5"), D("0")),
                   BalanceSource("k1", "DOGE", "spot", D("10"), D("0")),
                   BalanceSource("k1", "XRP", "spot", D("5"), D("0")),
                   BalanceSource("k2", "SOL", "spot", D("3"), D("0"))]
    store_balances(alice_wallets, "MEXC", first, T0, credential_ids=["k1", "k2"],
                   sources=first_parts)
    # BTC: one key's part changes; ETH: its earn part goes; DOGE: only its value and route
    # change; XRP: as before; SOL: gone; ADA: new.
    second = [vb("BTC", "2.5", "162500", "BTCUSDT"), vb("ETH", "0.5", "1500", "ETHUSDT"),
              vb("DOGE", "10", "1.2", "DOGEBTC x BTCUSDT"), vb("XRP", "5", "0", priced=False),
              vb("ADA", "7", "0", "ADAUSDT")]
    second_parts = [BalanceSource("k1", "BTC", "spot", D("1.5"), D("0")),
                    BalanceSource("k2", "BTC", "spot", D("1"), D("0")),
                    BalanceSource("k1", "ETH", "spot", D("0.5"), D("0")),
                    BalanceSource("k1", "DOGE", "spot", D("10"), D("0")),
                    BalanceSource("k1", "XRP", "spot", D("5"), D("0")),
                    BalanceSource("k2", "ADA", "spot", D("7"), D("0"))]
    store_balances(alice_wallets, "MEXC", second, T0 + timedelta(minutes=1),
                   credential_ids=["k1", "k2"], sources=second_parts)
    assert details(alice_wallets) == {
        b.asset: (b.free, b.locked, b.usd_value, b.route, b.priced,
                  sorted((s.credential_id, s.place, s.free, s.locked)
                         for s in second_parts if s.asset == b.asset))
        for b in second}


def test_a_row_as_stored_is_not_written_again(
        alice_wallets: WalletRepository, db_path: Path) -> None:
    balances = [vb("BTC", "1", "65000", "BTCUSDT"), vb("ETH", "2", "6000", "ETHUSDT")]
    store_balances(alice_wallets, "MEXC", balances, T0)
    before = dict((r[0], r[1:]) for r in raw_rows(
        db_path, "SELECT asset, created_at, updated_at FROM balances"))
    store_balances(alice_wallets, "MEXC", [balances[0], vb("ETH", "2", "6100", "ETHUSDT")],
                   T0 + timedelta(minutes=1))
    after = dict((r[0], r[1:]) for r in raw_rows(
        db_path, "SELECT asset, created_at, updated_at FROM balances"))
    assert after["BTC"] == before["BTC"]  # unchanged: untouched
    assert after["ETH"][0] == before["ETH"][0]  # changed: created_at kept ...
    assert str(after["ETH"][1]) > str(before["ETH"][1])  # ... updated_at moved on


def test_only_priced_assets_keep_a_valuation_and_unpriced_ones_read_back_the_same(
        alice_wallets: WalletRepository, alice_credentials: CredentialRepository,
        db_path: Path) -> None:
    alice_credentials.add(credential_id="k1", exchange="MEXC", api_key="api-k1", label="k1",
                          api_secret=b"x")
    parts = [BalanceSource("k1", asset, "spot", D("5"), D("0")) for asset in ("BTC", "XRP")]
    for at, (btc, xrp) in enumerate([(vb("BTC", "5", "300000", "BTCUSDT"),
                                      vb("XRP", "5", "0", priced=False)),
                                     (vb("BTC", "5", "0", priced=False),  # priced no more
                                      vb("XRP", "5", "0", "XRPUSDT"))]):  # priced dust
        store_balances(alice_wallets, "MEXC", [btc, xrp], T0 + timedelta(minutes=at),
                       credential_ids=["k1"], sources=parts)
        priced = btc if btc.priced else xrp
        assert raw_rows(db_path, "SELECT asset, route, priced FROM balance_valuations") == [
            (priced.asset, priced.route, 1)]
        assert details(alice_wallets) == {
            b.asset: (b.free, b.locked, b.usd_value, b.route, b.priced,
                      [("k1", "spot", D("5"), D("0"))]) for b in (btc, xrp)}


def snapshots(db_path: Path) -> list[list[tuple[object, ...]]]:
    """Each history snapshot's (asset, total, usd_value) rows, oldest first."""
    rows = raw_rows(db_path, "SELECT s.id, b.asset, b.total, b.usd_value FROM history_snapshots s "
                    "LEFT JOIN history_balances b ON b.snapshot_id = s.id ORDER BY s.id, b.asset")
    by_id: dict[object, list[tuple[object, ...]]] = {}
    for snapshot_id, *row in rows:
        by_id.setdefault(snapshot_id, []).extend([tuple(row)] if row[0] is not None else [])
    return list(by_id.values())


def test_each_snapshot_holds_the_wallet_s_balances_as_stored(
        alice_wallets: WalletRepository, alice_credentials: CredentialRepository,
        db_path: Path) -> None:
    """The refresh's snapshot is copied from the balances it has just stored, and so is the
    one written when one of two keys goes (its part taken out of each row)."""
    for key in ("k1", "k2"):
        alice_credentials.add(credential_id=key, exchange="MEXC", api_key=f"api-{key}",
                              label=key, api_secret=b"x")
    store_balances(alice_wallets, "OTHER", [vb("ETH", "3", "9000", "ETHUSDT")],
                   T0)  # another wallet: not in MEXC's
    store_balances(
        alice_wallets, "MEXC",
        [vb("BTC", "1.5", "97500", "BTCUSDT", locked="0.5"), vb("DOGE", "7", "0.7")],
        T0, credential_ids=["k1", "k2"],
        sources=[BalanceSource("k1", "BTC", "spot", D("1"), D("0.5")),
                 BalanceSource("k2", "BTC", "spot", D("0.5"), D("0")),
                 BalanceSource("k2", "DOGE", "spot", D("7"), D("0"))])
    alice_credentials.remove("k2")
    stored = ("SELECT asset, total, usd_value FROM balances b JOIN wallets w "
              "ON w.id = b.wallet_id WHERE w.exchange = 'MEXC' ORDER BY asset")
    assert snapshots(db_path) == [
        [("ETH", 300000000, 900000000000)],
        [("BTC", 200000000, 9750000000000), ("DOGE", 700000000, 70000000)],
        raw_rows(db_path, stored)]
    assert raw_rows(db_path, stored) == [("BTC", 150000000, 7312500000000)]
