"""A stand-in MEXC or Binance exchange on 127.0.0.1, for tests and benchmarks.

    from tests.exchange_server import ExchangeServer, Fault

    with ExchangeServer("mexc") as server:          # or "binance"; one flavour per server
        account = server.add_account(balances={"BTC": "0.5", "ETH": ("1.0", "0.25")})
        server.set_prices({"BTCUSDT": "65000", "ETHUSDT": "3000"})
        server.inject(Fault.RATE_LIMIT, times=1, retry_after=1)
        server.latency = 0.25                        # every answer; clock_offset = 120.0 too
        env = {"WALLETDESK_MEXC_BASE_URL": server.url}
        ...                                          # use account.api_key and account.secret
        assert all(account.secret not in r.text for r in server.requests)

It checks the key header, the timestamp window and the HMAC signature as the exchange does
and answers in the exchange's own shapes and statuses. Pytest fixtures (``mexc_server``,
``binance_server``, ``exchange_server`` for both): ``tests.exchange_server.fixtures``.
Run one by hand: ``python -m tests.exchange_server --flavour binance``.
"""

from tests.exchange_server.accounts import Account
from tests.exchange_server.faults import Fault
from tests.exchange_server.recorded import RecordedRequest
from tests.exchange_server.server import ExchangeServer

__all__ = ["Account", "ExchangeServer", "Fault", "RecordedRequest"]
