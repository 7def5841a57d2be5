"""Each exchange's documented budgets, against its stand-in, on a virtual clock: an exchange
that counts signed calls per account paces each key by its own budget (a second key never
waits for the first one's, and one key flat out goes at its documented rate), while public
calls spend the host's budget and never a key's; where the exchange counts signed calls per
IP (Binance, MEXC spot), keys share the host's budget."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

import pytest

from tests.exchange_server import ExchangeServer
from tests.exchange_server.bitget import BitgetVenue
from tests.exchange_server.bybit import BybitVenue
from tests.exchange_server.coinbase import CoinbaseVenue
from tests.exchange_server.gate import GateVenue
from tests.exchange_server.kraken import KrakenVenue
from tests.exchange_server.kucoin import KucoinVenue
from tests.exchange_server.okx import OkxVenue
from tests.exchange_server.venue import Venue, VenueAccount, VenueServer
from tests.exchanges.conftest import FAST_TIMEOUTS, VirtualTime, make_adapter
from walletdesk.exchanges.base import ApiCredentials, ExchangeAdapter
from walletdesk.exchanges.bitget import BitgetAdapter
from walletdesk.exchanges.bybit import BybitAdapter
from walletdesk.exchanges.coinbase import CoinbaseAdapter
from walletdesk.exchanges.gate import GateAdapter
from walletdesk.exchanges.http import RetryPolicy
from walletdesk.exchanges.kraken import KrakenAdapter
from walletdesk.exchanges.kucoin import KucoinAdapter
from walletdesk.exchanges.okx import OkxAdapter
from walletdesk.exchanges.rest_adapter import RestAdapter

PASSPHRASE = "pace me"
MAX_CALLS = 800  # more than any budget below holds, so a budget that never runs out fails


Make = Callable[[str, RetryPolicy, Path], ExchangeAdapter]  # address, policy, nonce folder


def plain(adapter: type[RestAdapter]) -> Make:
    """Each RestAdapter subclass is an ExchangeAdapter (RestAdapter alone is not)."""
    return lambda url, policy, _: cast(
        ExchangeAdapter, adapter(url, policy=policy, timeouts=FAST_TIMEOUTS)
    )


def kraken(url: str, policy: RetryPolicy, nonces: Path) -> ExchangeAdapter:
    return KrakenAdapter(url, policy=policy, timeouts=FAST_TIMEOUTS, nonce_directory=nonces)


class BybitOneWalletAtATime(BybitAdapter):
    """Bybit reads its four wallets at once, and the virtual clock adds up the waits that
    threads take side by side: one at a time, a key's spent budget is timed exactly."""

    wallet_readers = 1


class GateOneWalletAtATime(GateAdapter):
    """Gate reads the spot account and Simple Earn at once (see BybitOneWalletAtATime)."""

    wallet_readers = 1


@dataclass(frozen=True)
class Case:
    """One exchange, and what its documentation says one key and one computer may do."""

    name: str
    venue: Callable[[VenueServer[Any]], Venue]
    make: Make
    add_key: Callable[[Any], VenueAccount]
    seconds_per_balances: float  # one key reading its balances flat out, each time
    seconds_per_prices: float  # one computer reading prices flat out, each time
    passphrase: str | None = None
    # Kraken's stand-in counts calls per key on its own clock (no timestamps to spoil): it
    # follows the virtual one, so it refuses whatever goes faster than Kraken allows.
    venue_follows_virtual_time: bool = False


CASES = [
    # Per user: account/balance 10 per 2 s, asset/balances and finance/savings/balance 6 per
    # s (each weighing one account/balance), finance/staking-defi/orders-active 3 per s
    # (5/3 of one); a read is one of each. Per IP: market/tickers 20 per 2 s.
    Case("OKX", OkxVenue, plain(OkxAdapter),
         lambda v: v.add_wallets(PASSPHRASE, trading={"BTC": "1"}, funding={"USDT": "2"},
                                 earn={"ETH": "3"}, onchain=[("DOT", "4")]),
         seconds_per_balances=(3 + 5 / 3) / (10 / 2), seconds_per_prices=1 / (20 / 2),
         passphrase=PASSPHRASE),
    # Per UID: wallet-balance 50/s, the funding wallet 5/s, earn/position 10/s (once per
    # Earn category); per IP: 600 per 5 s.
    Case("Bybit", BybitVenue, plain(BybitOneWalletAtATime),
         lambda v: v.add_wallets(trading={"BTC": "1"}, fund={"USDT": "2"}),
         seconds_per_balances=1 / 50 + 1 / 5 + 2 / 10, seconds_per_prices=1 / (600 / 5)),
    # Per key: a counter of 15 decaying by 0.33/s, +1 per BalanceEx; per IP: about 1 a second.
    Case("Kraken", KrakenVenue, kraken, lambda v: v.add_balances({"XXBT": "0.5"}),
         seconds_per_balances=1 / 0.33, seconds_per_prices=1.0,
         venue_follows_virtual_time=True),
    # Management pool 2000 per 30 s per UID (accounts weigh 5), Earn pool 2000 per 30 s per
    # UID (a page of Earn holdings weighs 5), counted in one budget; Public pool 2000 per
    # 30 s per IP (allTickers weighs 15).
    Case("KuCoin", KucoinVenue, plain(KucoinAdapter),
         lambda v: v.add_wallets(PASSPHRASE, {"main": {"BTC": "1"}}, earn=[("ETH", "2")]),
         seconds_per_balances=(5 + 5) / (2000 / 30), seconds_per_prices=15 / (2000 / 30),
         passphrase=PASSPHRASE),
    # Spot account/assets and earn/account/assets 10 per s each per UID (a read is one of
    # each); tickers 20 per s per IP.
    Case("Bitget", BitgetVenue, plain(BitgetAdapter),
         lambda v: v.add_spot(PASSPHRASE, {"BTC": "1"}, {"ETH": "3"}),
         seconds_per_balances=2 / 10, seconds_per_prices=1 / 20, passphrase=PASSPHRASE),
    # 200 per 10 s for each private endpoint per UID (spot accounts, earn/uni/lends: one
    # budget here), and for each public one per IP.
    Case("Gate", GateVenue, plain(GateOneWalletAtATime),
         lambda v: v.add_spot({"BTC": "1"}, {"ETH": "2"}),
         seconds_per_balances=2 / (200 / 10), seconds_per_prices=1 / (200 / 10)),
    # 30 per s per user; 10 per s per IP.
    Case("Coinbase", CoinbaseVenue, plain(CoinbaseAdapter), lambda v: v.add_wallets({"BTC": "1"}),
         seconds_per_balances=1 / 30, seconds_per_prices=1 / 10),
]


@dataclass
class Desk:
    server: VenueServer[Any]
    adapter: ExchangeAdapter
    time: VirtualTime
    case: Case

    def new_key(self) -> ApiCredentials:
        account = self.case.add_key(self.server.venue)
        return ApiCredentials(account.api_key, account.secret, self.case.passphrase)

    def run_until_paced(self, call: Callable[[], object]) -> None:
        """``call`` until it waits: its budget is spent."""
        for _ in range(MAX_CALLS):
            call()
            if self.time.sleeps:
                return
        pytest.fail(f"{self.case.name} never paced {MAX_CALLS} calls")

    def seconds_taken(self, call: Callable[[], object], times: int = 3) -> float:
        started = self.time.now
        for _ in range(times):
            call()
        return (self.time.now - started) / times


def virtual_policy(
    time: VirtualTime, server: VenueServer[Any], *, venue_follows: bool = False
) -> RetryPolicy:
    """Waits on the virtual clock (the stand-in's clock moving with it, if asked)."""

    def sleep(seconds: float) -> None:
        time.sleep(seconds)
        if venue_follows:
            server.clock_offset += seconds

    return RetryPolicy(sleep=sleep, clock=time.clock, jitter=lambda: 0.5)


@pytest.fixture(params=CASES, ids=lambda case: case.name)
def desk(
    request: pytest.FixtureRequest, virtual_time: VirtualTime, tmp_path: Path
) -> Iterator[Desk]:
    case: Case = request.param
    with VenueServer(case.venue) as server:
        policy = virtual_policy(
            virtual_time, server, venue_follows=case.venue_follows_virtual_time
        )
        adapter = case.make(server.url, policy, tmp_path)
        yield Desk(server, adapter, virtual_time, case)
        adapter.close()


def test_a_key_at_its_documented_rate_never_holds_up_another_key(desk: Desk) -> None:
    first, second = desk.new_key(), desk.new_key()
    desk.run_until_paced(lambda: desk.adapter.fetch_balances(first))
    each = desk.seconds_taken(lambda: desk.adapter.fetch_balances(first))
    assert each == pytest.approx(desk.case.seconds_per_balances)
    waits = len(desk.time.sleeps)
    desk.adapter.fetch_balances(second)
    assert len(desk.time.sleeps) == waits  # the second key's budget is its own


def test_public_calls_pace_the_host_and_never_a_key(desk: Desk) -> None:
    key = desk.new_key()
    # Reference lists (Kraken's assets and pairs, symbols) are read once and kept.
    desk.adapter.fetch_balances(key)
    desk.adapter.fetch_prices()
    desk.run_until_paced(desk.adapter.fetch_prices)
    each = desk.seconds_taken(desk.adapter.fetch_prices)
    assert each == pytest.approx(desk.case.seconds_per_prices)
    waits = len(desk.time.sleeps)
    desk.adapter.fetch_balances(key)
    assert len(desk.time.sleeps) == waits  # the host's spent budget is not the key's


def test_kraken_never_finds_a_key_past_its_call_counter(
    virtual_time: VirtualTime, tmp_path: Path
) -> None:
    """Kraken's stand-in refuses a call that would take the key's counter past 15 (decaying
    by 0.33/s on the virtual clock): flat out, every BalanceEx is accepted at the first try."""
    with VenueServer(KrakenVenue) as server:
        policy = virtual_policy(virtual_time, server, venue_follows=True)
        adapter = KrakenAdapter(server.url, policy=policy, timeouts=FAST_TIMEOUTS,
                                nonce_directory=tmp_path)
        account = server.venue.add_balances({"XXBT": "0.5"})
        creds = ApiCredentials(account.api_key, account.secret)
        for _ in range(25):
            adapter.fetch_balances(creds)
        adapter.close()
    assert len(server.requests_to("/0/private/BalanceEx")) == 25  # none refused, none retried
    assert virtual_time.now - 1000.0 == pytest.approx((25 - 15) / 0.33)


@pytest.mark.parametrize("flavour", ["binance", "mexc"])
def test_where_signed_calls_count_per_ip_keys_share_the_host_budget(
    flavour: str, virtual_time: VirtualTime, policy: RetryPolicy
) -> None:
    """Binance weighs /api/v3/account and its wallets per IP, MEXC spot marks its account
    call "Weight(IP)": there a second key does wait once the first has spent the budget."""
    with ExchangeServer(flavour) as server:
        adapter = make_adapter(server, policy)
        first, second = (server.add_account(balances={"BTC": "1"}) for _ in range(2))
        creds = [ApiCredentials(a.api_key, a.secret) for a in (first, second)]
        for _ in range(MAX_CALLS):
            adapter.fetch_balances(creds[0])
            if virtual_time.sleeps:
                break
        waits = len(virtual_time.sleeps)
        adapter.fetch_balances(creds[1])
        adapter.close()
    assert waits and len(virtual_time.sleeps) > waits
