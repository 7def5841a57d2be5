"""The Kraken stand-in refuses what Kraken refuses, or tests against it prove nothing."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from tests.exchange_server import Fault
from tests.exchange_server.kraken import KrakenVenue
from tests.exchange_server.venue import VenueAccount, VenueServer
from walletdesk.exchanges.signers import kraken

BALANCE_EX = "/0/private/BalanceEx"
FORM = {"Content-Type": "application/x-www-form-urlencoded"}


@pytest.fixture
def server() -> Iterator[VenueServer[KrakenVenue]]:
    with VenueServer(KrakenVenue) as running:
        yield running


@pytest.fixture
def account(server: VenueServer[KrakenVenue]) -> VenueAccount:
    return server.venue.add_balances({"XXBT": ("0.5", "0.1"), "ZUSD": "100.25", "DOT.S": "12"})


def post(
    server: VenueServer[KrakenVenue],
    account: VenueAccount,
    nonce: int,
    *,
    secret: str | None = None,
    path: str = BALANCE_EX,
) -> list[str] | dict[str, object]:
    body = f"nonce={nonce}"
    sign = kraken.api_sign(path, str(nonce), body, kraken.decode_secret(secret or account.secret))
    headers = {**FORM, "API-Key": account.api_key, "API-Sign": sign}
    reply = httpx.post(f"{server.url}{path}", content=body, headers=headers).json()
    return reply["error"] or reply["result"]  # type: ignore[no-any-return]


def test_balance_ex_lists_balance_and_hold_per_asset_id(
    server: VenueServer[KrakenVenue], account: VenueAccount
) -> None:
    result = post(server, account, 1)
    assert isinstance(result, dict)
    assert result["XXBT"] == {
        "balance": "0.6",
        "credit": "0.0000",
        "credit_used": "0.0000",
        "hold_trade": "0.1",
    }
    assert set(result) == {"XXBT", "ZUSD", "DOT.S"}


def test_a_wrong_secret_is_an_invalid_signature(
    server: VenueServer[KrakenVenue], account: VenueAccount
) -> None:
    other = server.venue.new_secret()
    assert post(server, account, 1, secret=other) == ["EAPI:Invalid signature"]


def test_nonces_must_strictly_increase_per_key(
    server: VenueServer[KrakenVenue], account: VenueAccount
) -> None:
    assert isinstance(post(server, account, 100), dict)
    assert post(server, account, 100) == ["EAPI:Invalid nonce"]
    assert post(server, account, 99) == ["EAPI:Invalid nonce"]
    assert isinstance(post(server, account, 101), dict)


def test_a_refused_signature_does_not_use_up_the_nonce(
    server: VenueServer[KrakenVenue], account: VenueAccount
) -> None:
    post(server, account, 5, secret=server.venue.new_secret())
    assert isinstance(post(server, account, 5), dict)


def test_unknown_key_and_missing_permission(
    server: VenueServer[KrakenVenue], account: VenueAccount
) -> None:
    server.venue.remove_account(account.api_key)
    assert post(server, account, 1) == ["EAPI:Invalid key"]
    blind = server.venue.add_balances({}, can_read=False)
    assert post(server, blind, 1) == ["EGeneral:Permission denied"]


def test_the_call_counter_fills_at_fifteen(
    server: VenueServer[KrakenVenue], account: VenueAccount
) -> None:
    server.clock_offset = 0.0
    answers = [post(server, account, n) for n in range(1, 18)]
    assert all(isinstance(a, dict) for a in answers[:15])
    assert ["EAPI:Rate limit exceeded"] in answers[15:]


def test_errors_come_with_http_200(server: VenueServer[KrakenVenue], account: VenueAccount) -> None:
    response = httpx.post(f"{server.url}{BALANCE_EX}", content="nonce=1", headers=FORM)
    assert response.status_code == 200
    assert response.json() == {"error": ["EAPI:Invalid key"]}


def test_a_json_body_is_refused(server: VenueServer[KrakenVenue], account: VenueAccount) -> None:
    body = '{"nonce": 1}'
    sign = kraken.api_sign(BALANCE_EX, "1", body, kraken.decode_secret(account.secret))
    headers = {"Content-Type": "application/json", "API-Key": account.api_key, "API-Sign": sign}
    reply = httpx.post(f"{server.url}{BALANCE_EX}", content=body, headers=headers).json()
    assert reply["error"] == ["EGeneral:Invalid arguments"]


def test_ticker_answers_an_altname_under_the_canonical_pair_key(
    server: VenueServer[KrakenVenue],
) -> None:
    result = httpx.get(f"{server.url}/0/public/Ticker?pair=XBTUSD").json()["result"]
    assert list(result) == ["XXBTZUSD"]
    assert result["XXBTZUSD"]["c"][0] == "65000.10000"
    everything = httpx.get(f"{server.url}/0/public/Ticker").json()["result"]
    assert {"XXBTZUSD", "XDGUSD", "USDTZUSD"} <= set(everything)


def test_injected_rate_limit_is_krakens_own_error(
    server: VenueServer[KrakenVenue], account: VenueAccount
) -> None:
    server.inject(Fault.RATE_LIMIT)
    assert post(server, account, 1) == ["EAPI:Rate limit exceeded"]
