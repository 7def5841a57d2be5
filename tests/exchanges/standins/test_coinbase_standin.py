"""The Coinbase stand-in checks the CDP JWT as Coinbase does, or tests against it prove nothing."""

from __future__ import annotations

import json
import secrets
import time
from collections.abc import Iterator

import httpx
import pytest
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec

from tests.exchange_server.coinbase import ACCOUNTS, KEY_PERMISSIONS, CoinbaseVenue
from tests.exchange_server.venue import VenueAccount, VenueServer
from walletdesk.exchanges.signers import coinbase


@pytest.fixture
def server() -> Iterator[VenueServer[CoinbaseVenue]]:
    with VenueServer(CoinbaseVenue) as running:
        yield running


@pytest.fixture
def account(server: VenueServer[CoinbaseVenue]) -> VenueAccount:
    return server.venue.add_wallets({"BTC": ("0.5", "0.1"), "USD": "10.5", "ETH": "2"})


def token(
    server: VenueServer[CoinbaseVenue],
    account: VenueAccount,
    path: str,
    *,
    uri: str | None = None,
    now: int | None = None,
    pem: str | None = None,
) -> str:
    key = coinbase.load_private_key(pem or account.secret)
    claim = uri or coinbase.jwt_uri("GET", server.host, path)
    stamp = int(time.time()) if now is None else now
    return coinbase.build_jwt(account.api_key, key, claim, now=stamp, nonce=secrets.token_hex())


def get(server: VenueServer[CoinbaseVenue], path: str, jwt: str, query: str = "") -> httpx.Response:
    url = f"{server.url}{path}" + (f"?{query}" if query else "")
    return httpx.get(url, headers={"Authorization": f"Bearer {jwt}"})


def test_a_correct_jwt_lists_the_accounts(
    server: VenueServer[CoinbaseVenue], account: VenueAccount
) -> None:
    body = get(server, ACCOUNTS, token(server, account, ACCOUNTS)).json()
    assert [a["currency"] for a in body["accounts"]] == ["BTC", "USD", "ETH"]
    assert body["accounts"][0]["available_balance"] == {"value": "0.5", "currency": "BTC"}
    assert body["accounts"][0]["hold"] == {"value": "0.1", "currency": "BTC"}
    assert body["has_next"] is False


def test_accounts_come_in_pages_with_a_cursor(
    server: VenueServer[CoinbaseVenue], account: VenueAccount
) -> None:
    first = get(server, ACCOUNTS, token(server, account, ACCOUNTS), "limit=2").json()
    assert first["has_next"] is True
    second = get(
        server, ACCOUNTS, token(server, account, ACCOUNTS), f"limit=2&cursor={first['cursor']}"
    ).json()
    assert [a["currency"] for a in first["accounts"] + second["accounts"]] == ["BTC", "USD", "ETH"]
    assert second["has_next"] is False


@pytest.mark.parametrize(
    "uri",
    [
        "GET api.coinbase.com/api/v3/brokerage/accounts",  # another host
        "POST {host}/api/v3/brokerage/accounts",  # another method
        "GET {host}/api/v3/brokerage/key_permissions",  # another path
        "GET http://{host}/api/v3/brokerage/accounts",  # with a scheme
    ],
)
def test_a_uri_claim_for_another_request_is_unauthorized(
    server: VenueServer[CoinbaseVenue], account: VenueAccount, uri: str
) -> None:
    jwt = token(server, account, ACCOUNTS, uri=uri.format(host=server.host))
    response = get(server, ACCOUNTS, jwt)
    assert (response.status_code, response.text) == (401, "Unauthorized")


def test_a_jwt_from_another_key_or_a_stale_one_is_unauthorized(
    server: VenueServer[CoinbaseVenue], account: VenueAccount
) -> None:
    other_pem = server.venue.new_secret()
    assert get(server, ACCOUNTS, token(server, account, ACCOUNTS, pem=other_pem)).status_code == 401
    stale = token(server, account, ACCOUNTS, now=int(time.time()) - 121)
    assert get(server, ACCOUNTS, stale).status_code == 401
    early = token(server, account, ACCOUNTS, now=int(time.time()) + 30)
    assert get(server, ACCOUNTS, early).status_code == 401


def test_a_der_encoded_signature_is_unauthorized(
    server: VenueServer[CoinbaseVenue], account: VenueAccount
) -> None:
    good = token(server, account, ACCOUNTS)
    signing_input = good.rsplit(".", 1)[0]
    key = coinbase.load_private_key(account.secret)
    der = key.sign(signing_input.encode(), ec.ECDSA(hashes.SHA256()))
    assert get(server, ACCOUNTS, f"{signing_input}.{coinbase.b64url(der)}").status_code == 401


def test_key_permissions_report_view_trade_and_transfer(server: VenueServer[CoinbaseVenue]) -> None:
    account = server.venue.add_wallets({}, can_trade=True)
    body = get(server, KEY_PERMISSIONS, token(server, account, KEY_PERMISSIONS)).json()
    assert (body["can_view"], body["can_trade"], body["can_transfer"]) == (True, True, False)


def test_products_and_time_need_no_key(server: VenueServer[CoinbaseVenue]) -> None:
    products = httpx.get(f"{server.url}/api/v3/brokerage/market/products").json()
    btc = next(p for p in products["products"] if p["product_id"] == "BTC-USD")
    assert (btc["price"], btc["base_currency_id"], btc["quote_currency_id"]) == (
        "65000.01",
        "BTC",
        "USD",
    )
    server.clock_offset = 100.0
    clock = httpx.get(f"{server.url}/api/v3/brokerage/time").json()
    assert abs(int(clock["epochSeconds"]) - (time.time() + 100)) < 5
    assert json.dumps(clock)  # strings, as Coinbase sends them
    assert isinstance(clock["epochMillis"], str)
