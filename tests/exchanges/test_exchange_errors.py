"""Refusals become typed errors that say what to fix; they are never retried."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tests.exchange_server import Account, ExchangeServer, Fault
from tests.exchanges.conftest import VirtualTime
from walletdesk.core.errors import (
    ExchangeAuthError,
    ExchangeError,
    ExchangeRateLimitError,
    ExchangeResponseError,
)
from walletdesk.exchanges.base import ApiCredentials
from walletdesk.exchanges.spot_v3 import SpotV3Adapter

ACCOUNT = "/api/v3/account"

AUTH_FAULTS = {  # fault -> what the message must tell the user, per flavour
    Fault.INVALID_KEY: {
        "mexc": "MEXC rejected the API key: check that it was copied completely "
        "and has not been deleted.",
        "binance": "Binance rejected the API key",
    },
    Fault.BAD_SIGNATURE: {
        "mexc": "check that the secret key was copied completely",
        "binance": "check that the secret key was copied completely",
    },
    Fault.IP_NOT_WHITELISTED: {
        "mexc": "add this computer's IP to the key on MEXC, or remove the IP restriction",
        "binance": "add this computer's IP to the key or remove the restriction",
    },
}


@pytest.mark.parametrize("fault", list(AUTH_FAULTS))
def test_auth_refusals_raise_auth_error_with_advice_and_are_not_retried(
    adapter: SpotV3Adapter,
    exchange_server: ExchangeServer,
    creds: ApiCredentials,
    virtual_time: VirtualTime,
    fault: Fault,
) -> None:
    exchange_server.inject(fault, times=None)
    with pytest.raises(ExchangeAuthError) as caught:
        adapter.fetch_balances(creds)
    assert AUTH_FAULTS[fault][exchange_server.flavour.name] in str(caught.value)
    assert len(exchange_server.requests_to(ACCOUNT)) == 1
    assert virtual_time.sleeps == []


def test_wrong_secret_is_a_signature_error(adapter: SpotV3Adapter, account: Account) -> None:
    with pytest.raises(ExchangeAuthError, match="secret key was copied completely"):
        adapter.fetch_balances(ApiCredentials(account.api_key, account.secret + "x"))


def test_unknown_key_is_rejected(adapter: SpotV3Adapter, account: Account) -> None:
    with pytest.raises(ExchangeAuthError, match="rejected the API key"):
        adapter.fetch_balances(ApiCredentials("nosuchkey123", account.secret))


def test_malformed_key_is_refused_by_the_exchange_with_a_format_message(
    adapter: SpotV3Adapter, account: Account
) -> None:
    with pytest.raises(ExchangeAuthError, match="malformed: copy the API key"):
        adapter.fetch_balances(ApiCredentials("short", account.secret))


def test_key_with_spaces_is_refused_before_anything_is_sent(
    adapter: SpotV3Adapter, exchange_server: ExchangeServer, account: Account
) -> None:
    with pytest.raises(ExchangeAuthError, match="without spaces or line breaks"):
        adapter.fetch_balances(ApiCredentials("key with\nnewline", account.secret))
    assert exchange_server.requests == []


def test_key_without_read_permission_is_told_how_to_fix_it(
    adapter: SpotV3Adapter, exchange_server: ExchangeServer
) -> None:
    account = exchange_server.add_account(can_read=False)
    expected = {"mexc": "allow reading account information", "binance": "that it may read"}
    with pytest.raises(ExchangeAuthError, match=expected[exchange_server.flavour.name]):
        adapter.fetch_balances(ApiCredentials(account.api_key, account.secret))


def test_account_ip_restriction_is_reported(
    adapter: SpotV3Adapter, exchange_server: ExchangeServer
) -> None:
    account = exchange_server.add_account(ip_whitelisted=False)
    with pytest.raises(ExchangeAuthError, match="IP"):
        adapter.check_credentials(ApiCredentials(account.api_key, account.secret))


@pytest.mark.parametrize("fault", [Fault.MALFORMED_JSON, Fault.TRUNCATED_JSON])
@pytest.mark.parametrize("call", ["balances", "prices"])
def test_broken_json_is_a_response_error(
    adapter: SpotV3Adapter,
    exchange_server: ExchangeServer,
    creds: ApiCredentials,
    fault: Fault,
    call: str,
) -> None:
    exchange_server.inject(fault)
    with pytest.raises(ExchangeResponseError, match=r"cannot use .*not valid JSON"):
        adapter.fetch_balances(creds) if call == "balances" else adapter.fetch_prices()


@pytest.mark.parametrize(
    ("body", "detail"),
    [
        (b'{"balances": "none"}', "no list of balances"),
        (b"[]", "not a JSON object"),
        (b'{"balances": [{"asset": "BTC", "free": 0.5, "locked": "0"}]}', None),
        (b'{"balances": [{"asset": "BTC", "free": "1"}]}', "BTC locked is not a number"),
        (
            b'{"balances": [{"asset": "BTC", "free": true, "locked": "0"}]}',
            "BTC free is not a number",
        ),
        (b'{"balances": [{"asset": 7, "free": "1", "locked": "0"}]}', "has no asset symbol"),
        (b'{"balances": [{"asset": "BTC", "free": "-1", "locked": "0"}]}', "negative"),
        (b'{"balances": [{"asset": "BTC", "free": "1_000", "locked": "0"}]}', "not a number"),
        (b'{"balances": [{"asset": "BTC", "free": NaN, "locked": "0"}]}', "not valid JSON"),
    ],
)
def test_unexpected_account_shapes_are_response_errors_never_partial_data(
    adapter: SpotV3Adapter,
    exchange_server: ExchangeServer,
    creds: ApiCredentials,
    body: bytes,
    detail: str | None,
) -> None:
    exchange_server.inject(Fault.RAW, body=body, path=ACCOUNT)
    if detail is None:  # a JSON number is read exactly, not through float
        assert str(adapter.fetch_balances(creds)[0].free) == "0.5"
        return
    with pytest.raises(ExchangeResponseError, match=detail):
        adapter.fetch_balances(creds)


@pytest.mark.parametrize(
    ("balances", "detail"),
    [
        ({"BTC": "1", "ETH": "-0.1"}, "ETH free is negative"),
        ({"BTC": ("1", "-0.5")}, "BTC locked is negative"),
        ({"BTC": "abc"}, "BTC free is not a number"),
        ({"BTC": "Infinity"}, "BTC free is not a number"),
        ({"BTC": "1_000"}, "BTC free is not a number"),
        ({"BTC": "\u0661\u0662\u0663"}, "BTC free is not a number"),
    ],
)
def test_implausible_amounts_refuse_the_whole_account(
    adapter: SpotV3Adapter,
    exchange_server: ExchangeServer,
    balances: dict[str, str | tuple[str, str]],
    detail: str,
) -> None:
    account = exchange_server.add_account(balances=balances)
    with pytest.raises(ExchangeResponseError, match=detail):
        adapter.fetch_balances(ApiCredentials(account.api_key, account.secret))


def test_junk_ticker_entries_are_skipped_and_counted_never_fatal(
    adapter: SpotV3Adapter, exchange_server: ExchangeServer, caplog: pytest.LogCaptureFixture
) -> None:
    exchange_server.inject(Fault.RAW, path="/api/v3/ticker/price", body=(
        b'[{"symbol":"BTCUSDT","price":"65000"},{"symbol":"ETHUSDT","price":null},'
        b'{"symbol":"B@D","price":"1"},{"symbol":"XUSDT","price":"-1"},7,'
        b'{"symbol":"YUSDT","price":"1_0"},{"symbol":"SOLUSDT","price":"150.5"}]'))
    with caplog.at_level("INFO", logger="walletdesk.exchanges.responses"):
        prices = adapter.fetch_prices()
    assert prices == {"BTCUSDT": Decimal("65000"), "SOLUSDT": Decimal("150.5")}
    assert "5 of 7 entries skipped" in caplog.text


def test_waf_block_is_a_rate_limit_error(
    adapter: SpotV3Adapter, exchange_server: ExchangeServer, creds: ApiCredentials
) -> None:
    exchange_server.inject(Fault.RAW, status=403, body=b"<html>Forbidden</html>")
    with pytest.raises(ExchangeRateLimitError, match="HTTP 403"):
        adapter.fetch_balances(creds)


def test_unknown_refusal_names_the_code_but_not_the_request(
    adapter: SpotV3Adapter, exchange_server: ExchangeServer, creds: ApiCredentials
) -> None:
    exchange_server.inject(Fault.RAW, status=400, body=b'{"code": -1100, "msg": "Illegal chars"}')
    with pytest.raises(ExchangeResponseError, match=r"HTTP 400, error -1100") as caught:
        adapter.fetch_balances(creds)
    assert creds.api_key not in str(caught.value)


def test_every_failure_is_an_exchange_error_with_a_complete_sentence(
    adapter: SpotV3Adapter, exchange_server: ExchangeServer, creds: ApiCredentials
) -> None:
    for fault in (Fault.RATE_LIMIT, Fault.INVALID_KEY, Fault.MALFORMED_JSON):
        exchange_server.inject(fault, times=None, retry_after=999)
        with pytest.raises(ExchangeError) as caught:
            adapter.fetch_balances(creds)
        assert str(caught.value).endswith(".")
        assert creds.secret not in str(caught.value)
        exchange_server.clear_faults()
