"""The test exchange checks requests as MEXC and Binance do, or tests against it prove nothing."""

from __future__ import annotations

import hashlib
import hmac
import time

import httpx
import pytest

from tests.exchange_server import Account, ExchangeServer, Fault

ACCOUNT = "/api/v3/account"


def signed(secret: str, query: str) -> str:
    digest = hmac.new(secret.encode(), query.encode(), hashlib.sha256).hexdigest()
    return f"{query}&signature={digest}"


def get_account(
    server: ExchangeServer, account: Account, query: str, *, key: str | None = None
) -> httpx.Response:
    header = server.flavour.key_header
    headers = {header: account.api_key if key is None else key}
    return httpx.get(f"{server.url}{ACCOUNT}?{query}", headers=headers)


def now_ms(offset_ms: int = 0) -> int:
    return int(time.time() * 1000) + offset_ms


def test_correctly_signed_request_gets_the_account(
    exchange_server: ExchangeServer, account: Account
) -> None:
    response = get_account(
        exchange_server, account, signed(account.secret, f"timestamp={now_ms()}")
    )
    assert response.status_code == 200
    assert {b["asset"] for b in response.json()["balances"]} == {"BTC", "ETH", "USDT"}


def test_signature_over_a_different_parameter_order_is_refused(
    exchange_server: ExchangeServer, account: Account
) -> None:
    stamp = now_ms()
    good = signed(account.secret, f"recvWindow=5000&timestamp={stamp}")
    reordered = good.replace(
        f"recvWindow=5000&timestamp={stamp}", f"timestamp={stamp}&recvWindow=5000"
    )
    response = get_account(exchange_server, account, reordered)
    code = {"mexc": 700002, "binance": -1022}[exchange_server.flavour.name]
    assert response.status_code == 400
    assert response.json()["code"] == code


@pytest.mark.parametrize(
    ("offset_ms", "recv_window", "accepted"),
    [
        (900, 5000, True),  # up to a second ahead is tolerated
        (1500, 5000, False),  # further ahead is not
        (-4000, 5000, True),
        (-6000, 5000, False),  # older than recvWindow
        (-6000, 10000, True),
    ],
)
def test_timestamp_window_is_checked_like_the_exchange(
    mexc_server: ExchangeServer, offset_ms: int, recv_window: int, accepted: bool
) -> None:
    account = mexc_server.add_account()
    query = signed(account.secret, f"recvWindow={recv_window}&timestamp={now_ms(offset_ms)}")
    response = get_account(mexc_server, account, query)
    assert (response.status_code == 200) is accepted
    if not accepted:
        assert response.json() == {
            "code": 700003,
            "msg": "Timestamp for this request is outside of the recvWindow.",
        }


def test_recv_window_above_sixty_seconds_is_refused(binance_server: ExchangeServer) -> None:
    account = binance_server.add_account()
    response = get_account(
        binance_server, account, signed(account.secret, f"recvWindow=60001&timestamp={now_ms()}")
    )
    assert response.json()["code"] == -1131


@pytest.mark.parametrize(
    ("key", "mexc_code", "binance"),
    [
        ("", 700001, (401, -2014)),
        ("has space", 700001, (401, -2014)),
        ("unknownkey123", 10072, (401, -2015)),
    ],
)
def test_bad_or_unknown_keys_get_the_exchange_code(
    exchange_server: ExchangeServer,
    account: Account,
    key: str,
    mexc_code: int,
    binance: tuple[int, int],
) -> None:
    response = get_account(
        exchange_server, account, signed(account.secret, f"timestamp={now_ms()}"), key=key
    )
    expected = (400, mexc_code) if exchange_server.flavour.name == "mexc" else binance
    assert (response.status_code, response.json()["code"]) == expected


def test_server_clock_offset_moves_the_window_and_the_time_endpoint(
    mexc_server: ExchangeServer,
) -> None:
    mexc_server.clock_offset = 60.0
    account = mexc_server.add_account()
    assert (
        get_account(mexc_server, account, signed(account.secret, f"timestamp={now_ms()}")).json()[
            "code"
        ]
        == 700003
    )
    server_time = httpx.get(f"{mexc_server.url}/api/v3/time").json()["serverTime"]
    assert abs(server_time - now_ms(60_000)) < 2000


def test_faults_are_consumed_one_request_at_a_time(mexc_server: ExchangeServer) -> None:
    mexc_server.inject(Fault.SERVER_ERROR, times=2, status=502)
    statuses = [httpx.get(f"{mexc_server.url}/api/v3/ping").status_code for _ in range(3)]
    assert statuses == [502, 502, 200]


def test_refusal_faults_only_hit_signed_endpoints(mexc_server: ExchangeServer) -> None:
    mexc_server.inject(Fault.INVALID_KEY, times=None)
    assert httpx.get(f"{mexc_server.url}/api/v3/time").status_code == 200


def test_rate_limit_fault_sends_retry_after(binance_server: ExchangeServer) -> None:
    binance_server.inject(Fault.RATE_LIMIT, retry_after=7)
    response = httpx.get(f"{binance_server.url}/api/v3/ticker/price")
    assert response.status_code == 429
    assert response.headers["Retry-After"] == "7"
    assert response.json()["code"] == -1003


def test_requests_are_recorded_with_headers(
    exchange_server: ExchangeServer, account: Account
) -> None:
    get_account(exchange_server, account, signed(account.secret, f"timestamp={now_ms()}"))
    (request,) = exchange_server.requests
    assert request.path == ACCOUNT
    assert request.headers[exchange_server.flavour.key_header] == account.api_key
    assert "signature" in request.params
