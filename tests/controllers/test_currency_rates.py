"""Display-currency rates: the user's own exchange tickers first, else the ECB stand-in."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import date
from decimal import Decimal

import pytest

from tests.controllers.desk import Desk
from tests.controllers.test_portfolio_refresh import add_mexc
from tests.ecb_server import EcbServer
from walletdesk.controllers.currency import CurrencyController
from walletdesk.core.models import LOCAL_USER
from walletdesk.exchange_rates import RateUnavailableError
from walletdesk.security.vault import Vault

TODAY = date(2026, 12, 1)


@pytest.fixture
def ecb(monkeypatch: pytest.MonkeyPatch) -> Iterator[EcbServer]:
    with EcbServer() as server:
        monkeypatch.setenv("WALLETDESK_FX_BASE_URL", server.url)
        yield server


@pytest.fixture
def rates(desk: Desk) -> CurrencyController:
    vault = Vault(lambda *, create: os.urandom(32))
    return CurrencyController(desk.database, vault, desk.registry, lambda: LOCAL_USER,
                              today=lambda: TODAY)


def test_an_exchange_that_quotes_the_currency_gives_the_rate(
        desk: Desk, rates: CurrencyController, ecb: EcbServer) -> None:
    add_mexc(desk, {"BTC": "1"})
    desk.mexc.set_prices({"EURUSDT": "1.08", "BTCUSDT": "65000"})
    eur = rates.rate("eur")
    assert (eur.source, eur.as_of) == ("MEXC EURUSDT", TODAY)
    assert eur.convert(Decimal("108")) == Decimal("100.00000000")
    btc = rates.rate("BTC")
    assert btc.convert(Decimal("65000")) == Decimal("1.00000000")
    assert ecb.requests == 0


def test_without_a_quoting_exchange_the_ecb_reference_rate_is_used_once_a_day(
        desk: Desk, rates: CurrencyController, ecb: EcbServer) -> None:
    add_mexc(desk, {"BTC": "1"})
    gbp = rates.rate("GBP")
    assert (gbp.source, gbp.as_of) == ("European Central Bank", date(2026, 11, 30))
    assert gbp.convert(Decimal("108")) == Decimal("85.30000000")  # 108 x 0.8530 / 1.08
    assert rates.rate("EUR").convert(Decimal("1.08")) == Decimal("1.00000000")
    rates.rate("GBP")
    assert ecb.requests == 2  # GBP and EUR, each once
    assert not gbp.is_stale(TODAY)


def test_no_source_is_one_plain_error(desk: Desk, rates: CurrencyController,
                                      ecb: EcbServer) -> None:
    with pytest.raises(RateUnavailableError, match="BTC"):
        rates.rate("BTC")  # the ECB has no BTC, and no exchange is linked
    ecb.status = 503
    with pytest.raises(RateUnavailableError, match="could not be downloaded"):
        rates.rate("CHF")
