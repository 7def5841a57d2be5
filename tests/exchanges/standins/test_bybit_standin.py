"""The Bybit stand-in refuses what Bybit refuses, or tests against it prove nothing."""

from __future__ import annotations

import time
from collections.abc import Iterator

import httpx
import pytest

from tests.exchange_server.bybit import (
    EARN_POSITION,
    FUND_BALANCE,
    QUERY_API,
    WALLET_BALANCE,
    BybitVenue,
)
from tests.exchange_server.venue import VenueAccount, VenueServer
from walletdesk.exchanges.signers import bybit


@pytest.fixture
def server() -> Iterator[VenueServer[BybitVenue]]:
    with VenueServer(BybitVenue) as running:
        yield running


def get(
    server: VenueServer[BybitVenue],
    account: VenueAccount,
    path: str,
    query: str,
    *,
    secret: str | None = None,
    offset_ms: int = 0,
    window: int = 5000,
) -> dict[str, object]:
    stamp = int(time.time() * 1000) + offset_ms
    headers = {
        "X-BAPI-API-KEY": account.api_key,
        "X-BAPI-TIMESTAMP": str(stamp),
        "X-BAPI-RECV-WINDOW": str(window),
        "X-BAPI-SIGN": bybit.bapi_sign(
            secret or account.secret, stamp, account.api_key, window, query
        ),
    }
    response = httpx.get(f"{server.url}{path}?{query}", headers=headers)
    assert response.status_code == 200  # Bybit reports errors in retCode
    return response.json()  # type: ignore[no-any-return]


def test_unified_wallet_and_fund_wallet(server: VenueServer[BybitVenue]) -> None:
    account = server.venue.add_wallets(trading={"BTC": ("0.5", "0.1")}, fund={"USDT": "40"})
    body = get(server, account, WALLET_BALANCE, "accountType=UNIFIED")
    coin = body["result"]["list"][0]["coin"][0]  # type: ignore[index]
    assert (coin["walletBalance"], coin["locked"], coin["availableToWithdraw"]) == (
        "0.6",
        "0.1",
        "",
    )
    fund = get(server, account, FUND_BALANCE, "accountType=FUND")["result"]
    assert fund["balance"][0]["walletBalance"] == "40"  # type: ignore[index]


def test_the_wrong_account_type_is_10001(server: VenueServer[BybitVenue]) -> None:
    unified = server.venue.add_wallets(unified=True)
    classic = server.venue.add_wallets(trading={"ETH": "1"}, unified=False)
    assert get(server, unified, WALLET_BALANCE, "accountType=SPOT")["retCode"] == 10001
    assert get(server, classic, WALLET_BALANCE, "accountType=UNIFIED")["retCode"] == 10001
    spot = get(server, classic, WALLET_BALANCE, "accountType=SPOT")["result"]
    assert spot["list"][0]["coin"][0]["free"] == "1"  # type: ignore[index]


def test_wrong_secret_is_an_error_sign(server: VenueServer[BybitVenue]) -> None:
    account = server.venue.add_wallets()
    body = get(server, account, WALLET_BALANCE, "accountType=UNIFIED", secret="x" * 36)
    assert body["retCode"] == 10004
    assert str(body["retMsg"]).startswith("error sign!")


@pytest.mark.parametrize(
    ("offset_ms", "window", "code"),
    [(1500, 60000, 10002), (-6000, 5000, 10002), (-6000, 10000, 0), (500, 5000, 0)],
)
def test_timestamp_window_is_recv_window_behind_and_one_second_ahead(
    server: VenueServer[BybitVenue], offset_ms: int, window: int, code: int
) -> None:
    account = server.venue.add_wallets()
    assert (
        get(
            server,
            account,
            WALLET_BALANCE,
            "accountType=UNIFIED",
            offset_ms=offset_ms,
            window=window,
        )["retCode"]
        == code
    )


def test_query_api_reports_read_only_and_uta(server: VenueServer[BybitVenue]) -> None:
    reader = server.venue.add_wallets()
    trader = server.venue.add_wallets(can_trade=True, unified=False)
    assert get(server, reader, QUERY_API, "")["result"]["readOnly"] == 1  # type: ignore[index]
    info = get(server, trader, QUERY_API, "")["result"]
    assert (info["readOnly"], info["uta"]) == (0, 0)  # type: ignore[index]


def test_earn_positions_by_category_and_coin_signed_as_every_get(
    server: VenueServer[BybitVenue],
) -> None:
    account = server.venue.add_wallets(
        earn={"FlexibleSaving": [("BTC", "0.5", "8"), ("USDT", "0")], "OnChain": [("ETH", "1")]}
    )
    flexible = get(server, account, EARN_POSITION, "category=FlexibleSaving")["result"]
    assert [(p["coin"], p["productId"], p["amount"]) for p in flexible["list"]] == [  # type: ignore[index]
        ("BTC", "8", "0.5"), ("USDT", "2", "0")]  # a fully redeemed one is listed too
    onchain = get(server, account, EARN_POSITION, "category=OnChain&coin=ETH")["result"]
    assert onchain["list"][0]["status"] == "Active"  # type: ignore[index]
    assert get(server, account, EARN_POSITION, "category=OnChain&coin=BTC")["result"] == {
        "list": []}
    assert get(server, account, EARN_POSITION, "")["retCode"] == 180001  # category required
    wrong = get(server, account, EARN_POSITION, "category=OnChain", secret="x" * 36)
    assert wrong["retCode"] == 10004


def test_earn_refuses_a_key_without_the_earn_permission_and_a_regional_account(
    server: VenueServer[BybitVenue],
) -> None:
    no_earn = server.venue.add_wallets(earn_permission=False)
    assert get(server, no_earn, EARN_POSITION, "category=FlexibleSaving")["retCode"] == 10005
    scopes = get(server, no_earn, QUERY_API, "")["result"]["permissions"]  # type: ignore[index]
    assert scopes["Earn"] == []
    regional = server.venue.add_wallets(earn_offered=False)
    assert get(server, regional, EARN_POSITION, "category=OnChain")["retCode"] == 180004
