"""OKX Simple Earn flexible against the stand-in: read at once with the trading and funding
accounts into place "earn" (all of it locked), counted once, skipped and named where OKX
will not show it to the key, and failing the refresh on anything else."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

import pytest

from tests.exchange_server import Fault
from tests.exchange_server.okx import SAVINGS_BALANCE, OkxVenue
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
                earn={"BTC": ("0.3", "0.0000106745475002"), "USDT": ("11", "0.5")})
    assert parts(adapter.fetch_balances(creds)) == {
        ("BTC", "trading"): (Decimal("0.5"), Decimal("0.1")),
        ("BTC", "funding"): (Decimal("0.2"), Decimal("0")),
        # amt (lent + not yet lent), all earning; the stand-in's nonzero earnings are in it
        ("BTC", "earn"): (Decimal("0"), Decimal("0.3000106745475002")),
        ("USDT", "earn"): (Decimal("0"), Decimal("11.5")),
    }


def test_the_three_accounts_are_read_at_once(
    server: VenueServer[OkxVenue], adapter: OkxAdapter
) -> None:
    creds = key(server, trading={"BTC": "1"})
    server.latency = 0.2
    adapter.fetch_balances(creds)
    assert server.most_in_flight == 3
    (request,) = server.requests_to(SAVINGS_BALANCE)
    assert request.query == ""  # every currency: the endpoint is not paged


@pytest.mark.parametrize("code", REFUSED)
def test_earn_refused_to_the_key_is_skipped_and_named_once_by_the_key_check(
    server: VenueServer[OkxVenue], adapter: OkxAdapter, code: str
) -> None:
    creds = key(server, trading={"BTC": "1"}, funding={"USDT": "2"}, earn={"ETH": "3"},
                earn_refusal=code)
    assert parts(adapter.fetch_balances(creds)) == {
        ("BTC", "trading"): (Decimal("1"), Decimal("0")),
        ("USDT", "funding"): (Decimal("2"), Decimal("0")),
    }
    check = adapter.check_credentials(creds)
    assert check.unreadable == ("Simple Earn",)
    assert check.message.startswith("Key works and is read-only.")
    assert "does not let it read Simple Earn" in check.message


def test_a_key_that_reads_earn_is_not_warned_about_it(
    server: VenueServer[OkxVenue], adapter: OkxAdapter
) -> None:
    check = adapter.check_credentials(key(server, earn={"ETH": "3"}))
    assert (check.unreadable, check.message) == ((), "Key works and is read-only.")


def test_the_same_refusal_of_the_trading_account_fails_the_refresh(
    server: VenueServer[OkxVenue], adapter: OkxAdapter
) -> None:
    account = server.venue.add_wallets(PASSPHRASE, trading={"BTC": "1"}, can_read=False)
    with pytest.raises(ExchangeAuthError, match='"Read" permission'):
        adapter.fetch_balances(ApiCredentials(account.api_key, account.secret, PASSPHRASE))


@pytest.mark.parametrize(
    ("fault", "options"),
    [
        (Fault.MALFORMED_JSON, {}),
        (Fault.RAW, {"status": 200, "body": b'{"code":"0","msg":"","data":[{"ccy":"BTC"}]}'}),
        (Fault.RAW, {"status": 200, "body": b'{"code":"0","data":[{"ccy":"BTC","amt":"-1"}]}'}),
        (Fault.RAW, {"status": 200, "body": b'{"code":"1","msg":"Operation failed.","data":[]}'}),
        (Fault.RAW, {"status": 404, "body": b'{"code":"50001","msg":"Not Found","data":[]}'}),
    ],
)
def test_any_other_failure_of_earn_fails_the_refresh(
    server: VenueServer[OkxVenue], adapter: OkxAdapter, fault: Fault,
    options: dict[str, object],
) -> None:
    creds = key(server, trading={"BTC": "1"}, earn={"ETH": "3"})
    server.inject(fault, path=SAVINGS_BALANCE, times=None, **options)  # type: ignore[arg-type]
    with pytest.raises(ExchangeResponseError):
        adapter.fetch_balances(creds)



@pytest.mark.parametrize("fault", [Fault.INVALID_KEY, Fault.BAD_SIGNATURE, Fault.RATE_LIMIT])
def test_a_refusal_that_is_not_about_earn_fails_the_refresh_even_from_earn_alone(
    server: VenueServer[OkxVenue], adapter: OkxAdapter, fault: Fault
) -> None:
    creds = key(server, trading={"BTC": "1"}, earn={"ETH": "3"})
    server.inject(fault, path=SAVINGS_BALANCE, times=None)
    with pytest.raises(ExchangeError):
        adapter.fetch_balances(creds)
