"""OKX's Earn products (Simple Earn flexible, On-chain Earn) against the stand-in: read at
once with the trading and funding accounts into place "earn" (all of it locked), counted
once, skipped and named where OKX will not show them to the key, and failing the refresh
on anything else."""

from __future__ import annotations

import json
from collections.abc import Iterator
from decimal import Decimal

import pytest

from tests.exchange_server import Fault
from tests.exchange_server.okx import ONCHAIN_ORDERS, SAVINGS_BALANCE, OkxVenue
from tests.exchange_server.venue import VenueServer
from tests.exchanges.conftest import FAST_TIMEOUTS
from walletdesk.core.errors import ExchangeAuthError, ExchangeError, ExchangeResponseError
from walletdesk.core.models import Holdings
from walletdesk.exchanges.base import ApiCredentials
from walletdesk.exchanges.http import RetryPolicy
from walletdesk.exchanges.okx import OkxAdapter

PASSPHRASE = "earn it"
# OKX's answers for "not this key" (50120, 50030) and "not this account" (region, KYC
# country, sub-account), each with HTTP 200.
REFUSED = ["50120", "50030", "50051", "51734", "51735"]
# Each product, as the key check names it, and the stand-in's option that refuses it.
PRODUCTS = [("Simple Earn", "earn_refusal", SAVINGS_BALANCE),
            ("On-chain Earn", "onchain_refusal", ONCHAIN_ORDERS)]

Parts = dict[tuple[str, str], tuple[Decimal, Decimal]]


@pytest.fixture
def server() -> Iterator[VenueServer[OkxVenue]]:
    with VenueServer(OkxVenue) as running:
        yield running


@pytest.fixture
def adapter(server: VenueServer[OkxVenue], policy: RetryPolicy) -> Iterator[OkxAdapter]:
    adapter = OkxAdapter(server.url, policy=policy, timeouts=FAST_TIMEOUTS)
    yield adapter
    adapter.close()


def key(server: VenueServer[OkxVenue], **wallets: object) -> ApiCredentials:
    account = server.venue.add_wallets(PASSPHRASE, **wallets)  # type: ignore[arg-type]
    return ApiCredentials(account.api_key, account.secret, PASSPHRASE)


def parts(held: Holdings) -> Parts:
    return {(a.asset, a.place): (a.free, a.locked) for a in held}


def test_earn_is_added_to_the_same_asset_exactly_and_an_earn_only_asset_is_kept(
    server: VenueServer[OkxVenue], adapter: OkxAdapter
) -> None:
    creds = key(server, trading={"BTC": ("0.5", "0.1")}, funding={"BTC": "0.2"},
                earn={"BTC": ("0.3", "0.0000106745475002"), "USDT": ("11", "0.5")},
                onchain=[("BTC", "0.1"), ("DOT", "2"), ("DOT", "0.5")])
    assert parts(adapter.fetch_balances(creds)) == {
        ("BTC", "trading"): (Decimal("0.5"), Decimal("0.1")),
        ("BTC", "funding"): (Decimal("0.2"), Decimal("0")),
        # Simple Earn's amt (lent + not yet lent; the stand-in's nonzero earnings are in it)
        # and the On-chain Earn order's investment (its estimated earnings are not paid yet)
        ("BTC", "earn"): (Decimal("0"), Decimal("0.4000106745475002")),
        ("USDT", "earn"): (Decimal("0"), Decimal("11.5")),
        ("DOT", "earn"): (Decimal("0"), Decimal("2.5")),
    }


def test_active_orders_as_in_the_docs_example_count_each_investment_once(
    server: VenueServer[OkxVenue], adapter: OkxAdapter
) -> None:
    order = {"ordId": "1", "state": "1", "protocolType": "defi", "term": "0"}
    example = {"code": "0", "msg": "", "data": [
        {**order, "ccy": "DOT", "investData": [{"ccy": "DOT", "amt": "2"}],
         "earningData": [{"ccy": "DOT", "earningType": "0", "earnings": "0.10615025"}]},
        *[{**order, "ccy": "USDT", "investData": [{"ccy": "USDT", "amt": "1"}],
           "earningData": [{"ccy": "USDT", "earningType": "0", "earnings": "0.02886582"},
                           {"ccy": "COMP", "earningType": "1", "earnings": "0.0000627"}]}
          for _ in range(2)],
        # investData is an array (the docs type it so): an order of two currencies
        {**order, "ccy": "ETH", "investData": [{"ccy": "ETH", "amt": "0.5"},
                                               {"ccy": "USDT", "amt": "100"}],
         "earningData": []},
    ]}
    server.inject(Fault.RAW, path=ONCHAIN_ORDERS, status=200,
                  body=json.dumps(example).encode())
    assert parts(adapter.fetch_balances(key(server))) == {
        ("DOT", "earn"): (Decimal("0"), Decimal("2")),
        ("USDT", "earn"): (Decimal("0"), Decimal("102")),
        ("ETH", "earn"): (Decimal("0"), Decimal("0.5")),
    }


def test_the_four_reads_go_at_once_and_none_is_paged(
    server: VenueServer[OkxVenue], adapter: OkxAdapter
) -> None:
    creds = key(server, trading={"BTC": "1"})
    server.latency = 0.2
    adapter.fetch_balances(creds)
    assert server.most_in_flight == 4
    for path in (SAVINGS_BALANCE, ONCHAIN_ORDERS):
        (request,) = server.requests_to(path)
        assert request.query == ""  # every currency, in one answer


@pytest.mark.parametrize(("name", "option", "path"), PRODUCTS)
@pytest.mark.parametrize("code", REFUSED)
def test_a_product_refused_to_the_key_is_skipped_and_named_once_by_the_key_check(
    server: VenueServer[OkxVenue], adapter: OkxAdapter, code: str, name: str, option: str,
    path: str,
) -> None:
    creds = key(server, trading={"BTC": "1"}, funding={"USDT": "2"}, earn={"ETH": "3"},
                onchain=[("ETH", "4")], **{option: code})
    held = parts(adapter.fetch_balances(creds))
    assert held.pop(("BTC", "trading")) == (Decimal("1"), Decimal("0"))
    assert held.pop(("USDT", "funding")) == (Decimal("2"), Decimal("0"))
    assert held == {("ETH", "earn"): (Decimal("0"), Decimal("4" if name == "Simple Earn"
                                                               else "3"))}
    check = adapter.check_credentials(creds)
    assert check.unreadable == (name,)
    assert check.message.startswith("Key works and is read-only.")
    assert f"does not let it read {name}," in check.message


def test_a_key_refused_both_products_is_told_of_both(
    server: VenueServer[OkxVenue], adapter: OkxAdapter
) -> None:
    creds = key(server, earn_refusal="51735", onchain_refusal="51735")
    assert adapter.check_credentials(creds).unreadable == ("Simple Earn", "On-chain Earn")


def test_a_key_that_reads_earn_is_not_warned_about_it(
    server: VenueServer[OkxVenue], adapter: OkxAdapter
) -> None:
    check = adapter.check_credentials(key(server, earn={"ETH": "3"}, onchain=[("DOT", "1")]))
    assert (check.unreadable, check.message) == ((), "Key works and is read-only.")


def test_the_same_refusal_of_the_trading_account_fails_the_refresh(
    server: VenueServer[OkxVenue], adapter: OkxAdapter
) -> None:
    account = server.venue.add_wallets(PASSPHRASE, trading={"BTC": "1"}, can_read=False)
    with pytest.raises(ExchangeAuthError, match='"Read" permission'):
        adapter.fetch_balances(ApiCredentials(account.api_key, account.secret, PASSPHRASE))


@pytest.mark.parametrize("path", [SAVINGS_BALANCE, ONCHAIN_ORDERS])
@pytest.mark.parametrize(
    ("fault", "options"),
    [
        (Fault.MALFORMED_JSON, {}),
        (Fault.RAW, {"status": 200, "body": b'{"code":"0","msg":"","data":[{"ccy":"BTC"}]}'}),
        (Fault.RAW, {"status": 200, "body": b'{"code":"0","data":[{"ccy":"BTC","amt":"-1",'
                     b'"investData":[{"ccy":"BTC","amt":"-1"}]}]}'}),
        (Fault.RAW, {"status": 200, "body": b'{"code":"1","msg":"Operation failed.","data":[]}'}),
        (Fault.RAW, {"status": 404, "body": b'{"code":"50001","msg":"Not Found","data":[]}'}),
    ],
)
def test_any_other_failure_of_an_earn_product_fails_the_refresh(
    server: VenueServer[OkxVenue], adapter: OkxAdapter, fault: Fault,
    options: dict[str, object], path: str,
) -> None:
    creds = key(server, trading={"BTC": "1"}, earn={"ETH": "3"}, onchain=[("DOT", "1")])
    server.inject(fault, path=path, times=None, **options)  # type: ignore[arg-type]
    with pytest.raises(ExchangeResponseError):
        adapter.fetch_balances(creds)


@pytest.mark.parametrize("path", [SAVINGS_BALANCE, ONCHAIN_ORDERS])
@pytest.mark.parametrize("fault", [Fault.INVALID_KEY, Fault.BAD_SIGNATURE, Fault.RATE_LIMIT])
def test_a_refusal_that_is_not_about_earn_fails_the_refresh_even_from_earn_alone(
    server: VenueServer[OkxVenue], adapter: OkxAdapter, fault: Fault, path: str
) -> None:
    creds = key(server, trading={"BTC": "1"}, earn={"ETH": "3"}, onchain=[("DOT", "1")])
    server.inject(fault, path=path, times=None)
    with pytest.raises(ExchangeError):
        adapter.fetch_balances(creds)
