"""One deadline per request, body included; a blocked region is named as such."""

from __future__ import annotations

import pytest

from tests.exchange_server import ExchangeServer, Fault
from tests.exchanges.conftest import PRICES, VirtualTime
from walletdesk.core.errors import ExchangeRegionError, ExchangeUnavailableError
from walletdesk.exchanges.http import RetryPolicy, Timeouts
from walletdesk.exchanges.mexc import MexcAdapter
from walletdesk.exchanges.spot_v3 import TICKER_PATH, SpotV3Adapter


def test_a_trickling_answer_is_cut_off_at_the_request_deadline(
    mexc_server: ExchangeServer, virtual_time: VirtualTime
) -> None:
    """Every byte beats the read time-out; the whole answer would take ~20 s."""
    mexc_server.set_prices({f"C{n:03}USDT": "1.5" for n in range(20)} | PRICES)
    body_size = len(mexc_server.ticker_body())
    mexc_server.inject(Fault.TRICKLE, path=TICKER_PATH, seconds=0.02)
    policy = RetryPolicy(attempts=1, sleep=virtual_time.sleep, clock=virtual_time.clock)
    adapter = MexcAdapter(
        mexc_server.url, policy=policy, timeouts=Timeouts(connect=1, read=0.5, request=0.5)
    )
    with pytest.raises(ExchangeUnavailableError, match="did not answer in time"):
        adapter.fetch_prices()
    adapter.close()
    assert 0 < mexc_server.trickled_bytes < body_size / 2


def test_http_451_says_the_exchange_does_not_serve_the_region(
    adapter: SpotV3Adapter, exchange_server: ExchangeServer
) -> None:
    exchange_server.inject(
        Fault.RAW,
        status=451,
        body=b'{"code":0,"msg":"Service unavailable from a restricted location according to '
        b"'b. Eligibility' in https://www.binance.com/en/terms.\"}",
    )
    with pytest.raises(ExchangeRegionError, match="does not serve your region"):
        adapter.fetch_prices()
