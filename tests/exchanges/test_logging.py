"""Nothing an adapter or httpx logs holds the key, the secret or a signature."""

from __future__ import annotations

import logging

import pytest

from tests.exchange_server import Account, ExchangeServer, Fault
from walletdesk.core.errors import ExchangeError
from walletdesk.exchanges.base import ApiCredentials
from walletdesk.exchanges.spot_v3 import SpotV3Adapter


def test_logs_name_method_and_path_but_no_key_secret_or_signature(
    adapter: SpotV3Adapter,
    exchange_server: ExchangeServer,
    account: Account,
    creds: ApiCredentials,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    exchange_server.inject(Fault.SERVER_ERROR, times=1)
    exchange_server.inject(Fault.RATE_LIMIT, times=1, retry_after=0)
    adapter.check_credentials(creds)
    adapter.fetch_balances(creds)
    # On the account call itself: Binance reads its other wallets at the same moment, and a
    # refusal there only skips that wallet.
    exchange_server.inject(Fault.BAD_SIGNATURE, path="/api/v3/account")
    with pytest.raises(ExchangeError):
        adapter.fetch_balances(creds)

    assert "GET /api/v3/account" in caplog.text
    assert "HTTP Request: GET" in caplog.text  # httpx's own line, query stripped
    signatures = [r.params["signature"] for r in exchange_server.requests_to("/api/v3/account")]
    for forbidden in (account.secret, account.api_key, *signatures, "timestamp=", "signature"):
        assert forbidden not in caplog.text


def test_every_request_log_line_names_its_exchange(
    adapter: SpotV3Adapter,
    exchange_server: ExchangeServer,
    creds: ApiCredentials,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """MEXC and Binance share paths: a line saying only "GET /api/v3/account failed" cannot
    tell the user which exchange failed."""
    from walletdesk.exchanges.catalog import display_name

    caplog.set_level(logging.DEBUG, logger="walletdesk.exchanges.http")
    exchange_server.inject(Fault.SERVER_ERROR, times=1)
    adapter.fetch_balances(creds)
    lines = [r.getMessage() for r in caplog.records if r.name == "walletdesk.exchanges.http"]
    name = display_name(adapter.name)
    assert lines and all(line.startswith((f"{name}: GET /", f"{name}: POST /"))
                         for line in lines), lines
