"""The KuCoin, Bitget and Gate stand-ins refuse what those exchanges refuse."""

from __future__ import annotations

import time
from collections.abc import Iterator

import httpx
import pytest

from tests.exchange_server.bitget import ASSETS, BitgetVenue
from tests.exchange_server.gate import ACCOUNT_DETAIL, SPOT_ACCOUNTS, UNI_LENDS, GateVenue
from tests.exchange_server.kucoin import ACCOUNTS, KucoinVenue
from tests.exchange_server.venue import VenueAccount, VenueServer
from walletdesk.exchanges.signers import bitget, gate, kucoin


def now_ms() -> int:
    return int(time.time() * 1000)


# --- KuCoin --------------------------------------------------------------------------------


@pytest.fixture
def kucoin_server() -> Iterator[VenueServer[KucoinVenue]]:
    with VenueServer(KucoinVenue) as running:
        yield running


def kucoin_get(
    server: VenueServer[KucoinVenue],
    account: VenueAccount,
    target: str,
    *,
    secret: str | None = None,
    passphrase: str | None = None,
    version: str = "2",
    offset_ms: int = 0,
) -> httpx.Response:
    key = secret or account.secret
    stamp = now_ms() + offset_ms
    headers = {
        "KC-API-KEY": account.api_key,
        "KC-API-SIGN": kucoin.api_sign(key, stamp, "GET", target),
        "KC-API-TIMESTAMP": str(stamp),
        "KC-API-PASSPHRASE": kucoin.api_passphrase(key, passphrase or "pp", version),
        "KC-API-KEY-VERSION": version,
    }
    return httpx.get(f"{server.url}{target}", headers=headers)


def test_kucoin_lists_one_row_per_account_type(kucoin_server: VenueServer[KucoinVenue]) -> None:
    account = kucoin_server.venue.add_wallets(
        "pp", {"main": {"USDT": "10"}, "trade": {"USDT": ("5", "1")}, "trade_hf": {"BTC": "0.1"}}
    )
    body = kucoin_get(kucoin_server, account, ACCOUNTS).json()
    assert body["code"] == "200000"
    rows = [(r["type"], r["currency"], r["balance"]) for r in body["data"]]
    assert rows == [("main", "USDT", "10"), ("trade", "USDT", "6"), ("trade_hf", "BTC", "0.1")]
    only_main = kucoin_get(kucoin_server, account, f"{ACCOUNTS}?type=main").json()["data"]
    assert [r["type"] for r in only_main] == ["main"]


def test_kucoin_v2_wrong_secret_is_refused_as_a_wrong_passphrase(
    kucoin_server: VenueServer[KucoinVenue],
) -> None:
    account = kucoin_server.venue.add_wallets("pp", {})
    response = kucoin_get(kucoin_server, account, ACCOUNTS, secret="not-the-secret")
    assert (response.status_code, response.json()["code"]) == (401, "400004")
    wrong_pp = kucoin_get(kucoin_server, account, ACCOUNTS, passphrase="other")
    assert wrong_pp.json()["code"] == "400004"


def test_kucoin_v1_wrong_secret_is_a_wrong_signature(
    kucoin_server: VenueServer[KucoinVenue],
) -> None:
    account = kucoin_server.venue.add_wallets("pp", {}, key_version="1")
    response = kucoin_get(kucoin_server, account, ACCOUNTS, secret="not-the-secret", version="1")
    assert response.json()["code"] == "400005"


def test_kucoin_timestamp_window_is_five_seconds(kucoin_server: VenueServer[KucoinVenue]) -> None:
    account = kucoin_server.venue.add_wallets("pp", {})
    late = kucoin_get(kucoin_server, account, ACCOUNTS, offset_ms=-6000)
    assert (late.status_code, late.json()["code"]) == (400, "400002")
    assert kucoin_get(kucoin_server, account, ACCOUNTS, offset_ms=-3000).json()["code"] == "200000"


# --- Bitget --------------------------------------------------------------------------------


@pytest.fixture
def bitget_server() -> Iterator[VenueServer[BitgetVenue]]:
    with VenueServer(BitgetVenue) as running:
        yield running


def bitget_get(
    server: VenueServer[BitgetVenue],
    account: VenueAccount,
    path: str,
    query: str = "",
    *,
    secret: str | None = None,
    passphrase: str = "pp",
    offset_ms: int = 0,
) -> httpx.Response:
    stamp = now_ms() + offset_ms
    headers = {
        "ACCESS-KEY": account.api_key,
        "ACCESS-SIGN": bitget.access_sign(
            secret or account.secret, stamp, "GET", path, query=query
        ),
        "ACCESS-TIMESTAMP": str(stamp),
        "ACCESS-PASSPHRASE": passphrase,
    }
    return httpx.get(f"{server.url}{path}" + (f"?{query}" if query else ""), headers=headers)


def test_bitget_omits_zero_rows_by_default(bitget_server: VenueServer[BitgetVenue]) -> None:
    account = bitget_server.venue.add_spot("pp", {"BTC": ("0.5", "0.1"), "ETH": "0"})
    rows = bitget_get(bitget_server, account, ASSETS).json()["data"]
    assert [(r["coin"], r["available"], r["frozen"]) for r in rows] == [("BTC", "0.5", "0.1")]
    every = bitget_get(bitget_server, account, ASSETS, "assetType=all").json()["data"]
    assert [r["coin"] for r in every] == ["BTC", "ETH"]


def test_bitget_errors_are_http_400_with_string_codes(
    bitget_server: VenueServer[BitgetVenue],
) -> None:
    account = bitget_server.venue.add_spot("pp", {})
    bad_secret = bitget_get(bitget_server, account, ASSETS, secret="nope")
    assert (bad_secret.status_code, bad_secret.json()["code"]) == (400, "40009")
    bad_pp = bitget_get(bitget_server, account, ASSETS, passphrase="other")
    assert bad_pp.json()["code"] == "40012"
    expired = bitget_get(bitget_server, account, ASSETS, offset_ms=-31_000)
    assert expired.json()["code"] == "40008"


def test_bitget_signs_the_query_string(bitget_server: VenueServer[BitgetVenue]) -> None:
    account = bitget_server.venue.add_spot("pp", {"BTC": "1"})
    stamp = now_ms()
    headers = {
        "ACCESS-KEY": account.api_key,
        "ACCESS-SIGN": bitget.access_sign(account.secret, stamp, "GET", ASSETS),
        "ACCESS-TIMESTAMP": str(stamp),
        "ACCESS-PASSPHRASE": "pp",
    }
    response = httpx.get(f"{bitget_server.url}{ASSETS}?coin=BTC", headers=headers)
    assert response.json()["code"] == "40009"


def test_bitget_unified_accounts_get_40085(bitget_server: VenueServer[BitgetVenue]) -> None:
    account = bitget_server.venue.add_spot("pp", {"BTC": "1"}, unified=True)
    assert bitget_get(bitget_server, account, ASSETS).json()["code"] == "40085"


# --- Gate ----------------------------------------------------------------------------------


@pytest.fixture
def gate_server() -> Iterator[VenueServer[GateVenue]]:
    with VenueServer(GateVenue) as running:
        yield running


def gate_get(
    server: VenueServer[GateVenue],
    account: VenueAccount,
    path: str,
    query: str = "",
    *,
    secret: str | None = None,
    offset_s: int = 0,
) -> httpx.Response:
    stamp = int(time.time()) + offset_s
    sign = gate.sign(secret or account.secret, "GET", path, query, body=b"", timestamp_s=stamp)
    headers = {"KEY": account.api_key, "Timestamp": str(stamp), "SIGN": sign}
    return httpx.get(f"{server.url}{path}" + (f"?{query}" if query else ""), headers=headers)


def test_gate_spot_accounts_are_a_bare_array(gate_server: VenueServer[GateVenue]) -> None:
    account = gate_server.venue.add_spot({"BTC": ("0.5", "0.1")})
    assert gate_get(gate_server, account, SPOT_ACCOUNTS).json() == [
        {"currency": "BTC", "available": "0.5", "locked": "0.1", "update_id": 7}
    ]
    assert gate_get(gate_server, account, SPOT_ACCOUNTS, "currency=ETH").json() == []


def test_gate_refusals_are_labels(gate_server: VenueServer[GateVenue]) -> None:
    account = gate_server.venue.add_spot({})
    bad = gate_get(gate_server, account, SPOT_ACCOUNTS, secret="nope")
    assert (bad.status_code, bad.json()["label"]) == (401, "INVALID_SIGNATURE")
    late = gate_get(gate_server, account, SPOT_ACCOUNTS, offset_s=-61)
    assert late.json()["label"] == "REQUEST_EXPIRED"
    assert gate_get(gate_server, account, SPOT_ACCOUNTS, offset_s=-50).status_code == 200


def test_gate_unified_account_looks_empty_and_detail_says_why(
    gate_server: VenueServer[GateVenue],
) -> None:
    account = gate_server.venue.add_spot({"BTC": "1"}, mode=2)
    assert gate_get(gate_server, account, SPOT_ACCOUNTS).json() == []
    assert gate_get(gate_server, account, ACCOUNT_DETAIL).json()["key"] == {"mode": 2}


def test_gate_lendings_are_signed_paged_and_in_the_docs_shape(
    gate_server: VenueServer[GateVenue],
) -> None:
    account = gate_server.venue.add_spot({}, {"BTC": ("0.3", "0.1"), "ETH": "2", "GT": "1"})
    [btc, *_] = gate_get(gate_server, account, UNI_LENDS).json()
    assert set(btc) == {"currency", "current_amount", "amount", "lent_amount", "frozen_amount",
                        "min_rate", "interest_status", "reinvest_left_amount", "create_time",
                        "update_time"}
    assert (btc["amount"], btc["lent_amount"], btc["frozen_amount"]) == ("0.3", "0.2", "0.1")
    pages = [gate_get(gate_server, account, UNI_LENDS, f"page={n}&limit=2").json()
             for n in (1, 2, 3)]
    assert [[row["currency"] for row in page] for page in pages] == [["BTC", "ETH"], ["GT"], []]
    assert [r["currency"] for r in gate_get(gate_server, account, UNI_LENDS,
                                             "currency=ETH").json()] == ["ETH"]
    for query in ("limit=101", "limit=0", "page=0"):
        refused = gate_get(gate_server, account, UNI_LENDS, query)
        assert (refused.status_code, refused.json()["label"]) == (400, "INVALID_PARAM_VALUE")
    bad = gate_get(gate_server, account, UNI_LENDS, "page=1&limit=100", secret="nope")
    assert (bad.status_code, bad.json()["label"]) == (401, "INVALID_SIGNATURE")
    assert httpx.get(f"{gate_server.url}{UNI_LENDS}").json()["label"] == "MISSING_REQUIRED_HEADER"


def test_gate_a_key_without_earn_is_forbidden_there_alone(
    gate_server: VenueServer[GateVenue],
) -> None:
    account = gate_server.venue.add_spot({"BTC": "1"}, {"ETH": "2"}, earn_refusal=True)
    refused = gate_get(gate_server, account, UNI_LENDS)
    assert (refused.status_code, refused.json()["label"]) == (401, "FORBIDDEN")
    assert gate_get(gate_server, account, SPOT_ACCOUNTS).status_code == 200
