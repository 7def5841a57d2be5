"""A key removed while a refresh of it is in flight stays removed with its wallet: the
refresh, finishing later, must not bring the wallet back (a lost delete)."""

from __future__ import annotations

import threading
import time

from tests.exchange_server import Fault
from tests.stress.bench import Bench, user
from tests.stress.fleet import add_keys, by_label
from tests.stress.rows import query
from tests.stress.tally import count
from walletdesk.core.errors import NotFoundError
from walletdesk.exchanges.http import Timeouts
from walletdesk.exchanges.spot_v3 import ACCOUNT_PATH


def test_a_key_removed_during_its_refresh_does_not_come_back_as_a_wallet(bench: Bench) -> None:
    mexc, binance = add_keys(bench, [(user(0), "MEXC"), (user(0), "BINANCE")])
    bench.use_timeouts(Timeouts(connect=1.0, read=5.0))
    portfolio = bench.portfolio(user(0))
    assert all(o.ok for o in portfolio.refresh())
    server = bench.servers["MEXC"]
    server.inject_for(mexc.account.api_key, Fault.LATENCY, seconds=1.0)
    count("faults")
    count("runs")
    asked = len(server.requests_to(ACCOUNT_PATH))
    outcomes = {}
    refreshing = threading.Thread(target=lambda: outcomes.update(by_label(portfolio.refresh())))
    refreshing.start()
    deadline = time.monotonic() + 10
    while len(server.requests_to(ACCOUNT_PATH)) == asked:  # until MEXC is being asked
        assert time.monotonic() < deadline
        time.sleep(0.01)
    bench.credentials(user(0)).remove(mexc.credential.id)
    refreshing.join()

    wallets = query(bench.database.path, "SELECT exchange FROM wallets WHERE user_id = ?",
                    user(0).id)
    assert wallets == [("BINANCE",)], "the removed key's wallet came back"
    assert isinstance(outcomes[mexc.label].error, NotFoundError)
    assert outcomes[binance.label].ok
