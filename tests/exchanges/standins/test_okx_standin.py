"""The OKX stand-in refuses what OKX refuses, or tests against it prove nothing."""

from __future__ import annotations

import time
from collections.abc import Iterator

import httpx
import pytest

from tests.exchange_server.okx import (
    ACCOUNT_CONFIG,
    FUNDING_BALANCE,
    ONCHAIN_ORDERS,
    SAVINGS_BALANCE,
    TRADING_BALANCE,
    OkxVenue,
)
from tests.exchange_server.venue import VenueAccount, VenueServer
from walletdesk.exchanges.signers import okx

PASSPHRASE = "Correct-Horse-9"


@pytest.fixture
def server() -> Iterator[VenueServer[OkxVenue]]:
    with VenueServer(OkxVenue) as running:
        yield running


@pytest.fixture
def account(server: VenueServer[OkxVenue]) -> VenueAccount:
    return server.venue.add_wallets(
        PASSPHRASE, trading={"BTC": ("0.5", "0.1"), "ETH": "0"}, funding={"USDT": "250.5"}
    )


def get(
    server: VenueServer[OkxVenue],
    account: VenueAccount,
    target: str,
    *,
    secret: str | None = None,
    passphrase: str = PASSPHRASE,
    stamp: str | None = None,
) -> tuple[int, dict[str, object]]:
    timestamp = stamp or okx.iso_timestamp(int(time.time() * 1000))
    headers = {
        "OK-ACCESS-KEY": account.api_key,
        "OK-ACCESS-SIGN": okx.access_sign(secret or account.secret, timestamp, "GET", target),
        "OK-ACCESS-TIMESTAMP": timestamp,
        "OK-ACCESS-PASSPHRASE": passphrase,
    }
    response = httpx.get(f"{server.url}{target}", headers=headers)
    return response.status_code, response.json()


def test_trading_account_lists_only_non_zero_assets(
    server: VenueServer[OkxVenue], account: VenueAccount
) -> None:
    status, body = get(server, account, TRADING_BALANCE)
    assert (status, body["code"]) == (200, "0")
    details = body["data"][0]["details"]  # type: ignore[index]
    assert [(d["ccy"], d["availBal"], d["frozenBal"]) for d in details] == [("BTC", "0.5", "0.1")]


def test_funding_account_is_separate(server: VenueServer[OkxVenue], account: VenueAccount) -> None:
    _, body = get(server, account, FUNDING_BALANCE)
    assert body["data"] == [{"ccy": "USDT", "bal": "250.5", "availBal": "250.5", "frozenBal": "0"}]


def test_simple_earn_answers_as_documented_and_checks_the_signature(
    server: VenueServer[OkxVenue],
) -> None:
    account = server.venue.add_wallets(
        PASSPHRASE, earn={"USDT": ("11.0010630707982819", "0.0000106745475002"), "BTC": "1"}
    )
    status, body = get(server, account, f"{SAVINGS_BALANCE}?ccy=USDT")
    assert (status, body["code"]) == (200, "0")
    data = body["data"]
    assert isinstance(data, list) and len(data) == 1
    row = data[0]
    assert {k: row[k] for k in ("ccy", "amt", "loanAmt", "pendingAmt", "redemptAmt")} == {
        "ccy": "USDT", "amt": "11.0010737453457821", "loanAmt": "11.0010630707982819",
        "pendingAmt": "0.0000106745475002", "redemptAmt": ""}  # the docs' example
    assert len(get(server, account, SAVINGS_BALANCE)[1]["data"]) == 2  # type: ignore[arg-type]
    status, body = get(server, account, SAVINGS_BALANCE, secret="0" * 32)
    assert (status, body["code"]) == (401, "50113")


def test_onchain_earn_lists_each_active_order_and_checks_the_signature(
    server: VenueServer[OkxVenue],
) -> None:
    account = server.venue.add_wallets(PASSPHRASE, onchain=[("DOT", "2"), ("USDT", "1")])
    status, body = get(server, account, f"{ONCHAIN_ORDERS}?ccy=DOT")
    assert (status, body["code"]) == (200, "0")
    data = body["data"]
    assert isinstance(data, list) and len(data) == 1
    assert (data[0]["state"], data[0]["investData"]) == ("1", [{"ccy": "DOT", "amt": "2"}])
    assert len(get(server, account, ONCHAIN_ORDERS)[1]["data"]) == 2  # type: ignore[arg-type]
    status, body = get(server, account, ONCHAIN_ORDERS, secret="0" * 32)
    assert (status, body["code"]) == (401, "50113")


def test_simple_earn_refused_alone_comes_with_http_200(server: VenueServer[OkxVenue]) -> None:
    account = server.venue.add_wallets(PASSPHRASE, earn={"BTC": "1"}, earn_refusal="51735")
    assert get(server, account, SAVINGS_BALANCE) == (
        200, {"code": "51735", "msg": "Sub-account is not supported", "data": []})
    assert get(server, account, TRADING_BALANCE)[1]["code"] == "0"


def test_the_query_string_is_part_of_the_signed_path(
    server: VenueServer[OkxVenue], account: VenueAccount
) -> None:
    assert get(server, account, f"{TRADING_BALANCE}?ccy=BTC")[1]["code"] == "0"
    timestamp = okx.iso_timestamp(int(time.time() * 1000))
    headers = {
        "OK-ACCESS-KEY": account.api_key,
        "OK-ACCESS-SIGN": okx.access_sign(account.secret, timestamp, "GET", TRADING_BALANCE),
        "OK-ACCESS-TIMESTAMP": timestamp,
        "OK-ACCESS-PASSPHRASE": PASSPHRASE,
    }
    response = httpx.get(f"{server.url}{TRADING_BALANCE}?ccy=BTC", headers=headers)
    assert (response.status_code, response.json()["code"]) == (401, "50113")


def test_wrong_secret_and_wrong_passphrase_have_their_own_codes(
    server: VenueServer[OkxVenue], account: VenueAccount
) -> None:
    assert get(server, account, TRADING_BALANCE, secret="0" * 32) == (
        401,
        {"code": "50113", "msg": "Invalid Sign.", "data": []},
    )
    assert get(server, account, TRADING_BALANCE, passphrase="wrong")[1]["code"] == "50105"


@pytest.mark.parametrize(
    ("stamp", "code"),
    [
        (str(int(time.time() * 1000)), "50112"),  # epoch milliseconds are not accepted
        ("2020-12-08T09:08:57Z", "50112"),  # no milliseconds
        ("2020-12-08T09:08:57.715Z", "50102"),  # long expired
    ],
)
def test_timestamps_must_be_iso_milliseconds_within_thirty_seconds(
    server: VenueServer[OkxVenue], account: VenueAccount, stamp: str, code: str
) -> None:
    assert get(server, account, TRADING_BALANCE, stamp=stamp)[1]["code"] == code


def test_a_clock_thirty_five_seconds_behind_is_expired(
    server: VenueServer[OkxVenue], account: VenueAccount
) -> None:
    server.clock_offset = 35.0
    assert get(server, account, TRADING_BALANCE)[1]["code"] == "50102"
    server.clock_offset = 20.0
    assert get(server, account, TRADING_BALANCE)[1]["code"] == "0"


def test_account_config_reports_the_key_permissions(server: VenueServer[OkxVenue]) -> None:
    trader = server.venue.add_wallets("pw", can_trade=True, can_withdraw=True)
    _, body = get(server, trader, ACCOUNT_CONFIG, passphrase="pw")
    assert body["data"][0]["perm"] == "read_only,trade,withdraw"  # type: ignore[index]


def test_tickers_need_the_instrument_type(server: VenueServer[OkxVenue]) -> None:
    assert httpx.get(f"{server.url}/api/v5/market/tickers").json()["code"] == "51000"
    rows = httpx.get(f"{server.url}/api/v5/market/tickers?instType=SPOT").json()["data"]
    assert {"instId": "BTC-USDT", "last": "65000.1"}.items() <= rows[0].items()
