"""Bitget's Earn account against the stand-in: read at once with the spot account into
place "earn" (all of it locked), counted once, skipped and named where Bitget will not
show it to the key (40014), and failing the refresh on anything else."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

import pytest

from tests.exchange_server import Fault
from tests.exchange_server.bitget import EARN_ASSETS, BitgetVenue
from tests.exchange_server.venue import VenueServer
from tests.exchanges.conftest import FAST_TIMEOUTS, per_asset
from walletdesk.core.errors import ExchangeAuthError, ExchangeError, ExchangeResponseError
from walletdesk.core.models import AssetAmount, Holdings
from walletdesk.exchanges.base import ApiCredentials
from walletdesk.exchanges.bitget import BitgetAdapter, BitgetUnifiedAccountError
from walletdesk.exchanges.http import RetryPolicy

PASSPHRASE = "earn it"

Parts = dict[tuple[str, str], tuple[Decimal, Decimal]]


@pytest.fixture
def server() -> Iterator[VenueServer[BitgetVenue]]:
    with VenueServer(BitgetVenue) as running:
        yield running


@pytest.fixture
def adapter(server: VenueServer[BitgetVenue], policy: RetryPolicy) -> Iterator[BitgetAdapter]:
    adapter = BitgetAdapter(server.url, policy=policy, timeouts=FAST_TIMEOUTS)
    yield adapter
    adapter.close()


def key(server: VenueServer[BitgetVenue], spot: dict[str, object],
        earn: dict[str, object] | None = None, **flags: object) -> ApiCredentials:
    account = server.venue.add_spot(PASSPHRASE, spot, earn, **flags)
    return ApiCredentials(account.api_key, account.secret, PASSPHRASE)


def parts(held: Holdings) -> Parts:
    return {(a.asset, a.place): (a.free, a.locked) for a in held}


def test_earn_is_added_to_the_same_coin_exactly_and_an_earn_only_coin_is_kept(
    server: VenueServer[BitgetVenue], adapter: BitgetAdapter
) -> None:
    creds = key(server, {"BTC": ("0.5", "0.1")},
                {"BTC": "0.30000000000000000001", "USDT": ("11", "0.5")})
    held = adapter.fetch_balances(creds)
    assert parts(held) == {
        ("BTC", "spot"): (Decimal("0.5"), Decimal("0.1")),
        ("BTC", "earn"): (Decimal("0"), Decimal("0.30000000000000000001")),
        ("USDT", "earn"): (Decimal("0"), Decimal("11.5")),
    }
    assert per_asset(held) == [  # the wallet rows: the parts add up exactly
        AssetAmount("BTC", Decimal("0.5"), Decimal("0.40000000000000000001")),
        AssetAmount("USDT", Decimal("0"), Decimal("11.5")),
    ]


def test_the_spot_and_earn_accounts_are_read_at_once(
    server: VenueServer[BitgetVenue], adapter: BitgetAdapter
) -> None:
    creds = key(server, {"BTC": "1"}, {"ETH": "2"})
    server.latency = 0.2
    adapter.fetch_balances(creds)
    assert server.most_in_flight == 2
    (request,) = server.requests_to(EARN_ASSETS)
    assert request.query == ""  # every coin: the endpoint is not paged


def test_earn_refused_to_the_key_is_skipped_and_named_once_by_the_key_check(
    server: VenueServer[BitgetVenue], adapter: BitgetAdapter
) -> None:
    creds = key(server, {"BTC": "1"}, {"ETH": "3"}, earn_refused=True)
    assert parts(adapter.fetch_balances(creds)) == {("BTC", "spot"): (Decimal("1"), Decimal("0"))}
    check = adapter.check_credentials(creds)
    assert check.unreadable == ("Earn",)
    assert check.message.startswith("Key works and is read-only.")
    assert "Bitget does not let it read Earn" in check.message


def test_a_key_that_reads_earn_is_not_warned_about_it(
    server: VenueServer[BitgetVenue], adapter: BitgetAdapter
) -> None:
    check = adapter.check_credentials(key(server, {"BTC": "1"}, {"ETH": "3"}))
    assert (check.unreadable, check.message) == ((), "Key works and is read-only.")


def test_the_same_refusal_of_the_spot_account_fails_the_refresh(
    server: VenueServer[BitgetVenue], adapter: BitgetAdapter
) -> None:
    creds = key(server, {"BTC": "1"}, {"ETH": "3"}, can_read=False)
    with pytest.raises(ExchangeAuthError, match='"Read-only" permission'):
        adapter.fetch_balances(creds)


def test_a_unified_account_is_still_said_to_be_unread_not_bad(
    server: VenueServer[BitgetVenue], adapter: BitgetAdapter
) -> None:
    creds = key(server, {"BTC": "1"}, {"ETH": "3"}, unified=True)
    with pytest.raises(BitgetUnifiedAccountError):
        adapter.fetch_balances(creds)


@pytest.mark.parametrize(
    ("fault", "options"),
    [
        (Fault.MALFORMED_JSON, {}),
        (Fault.RAW, {"status": 200, "body": b'{"code":"00000","data":[{"coin":"BTC"}]}'}),
        (Fault.RAW, {"status": 200,
                     "body": b'{"code":"00000","data":[{"coin":"BTC","amount":"-1"}]}'}),
        (Fault.RAW, {"status": 200,
                     "body": b'{"code":"00000","data":[{"coin":"BTC","amount":"1_000"}]}'}),
        (Fault.RAW, {"status": 200, "body": b'{"code":"00000","data":{"coin":"BTC"}}'}),
        (Fault.RAW, {"status": 400,
                     "body": b'{"code":"40017","msg":"Parameter verification failed",'
                             b'"data":null}'}),
        (Fault.RAW, {"status": 404,
                     "body": b'{"code":"40404","msg":"Request URL NOT FOUND","data":null}'}),
    ],
)
def test_any_other_failure_of_earn_fails_the_refresh(
    server: VenueServer[BitgetVenue], adapter: BitgetAdapter, fault: Fault,
    options: dict[str, object],
) -> None:
    creds = key(server, {"BTC": "1"}, {"ETH": "3"})
    server.inject(fault, path=EARN_ASSETS, times=None, **options)  # type: ignore[arg-type]
    with pytest.raises(ExchangeError) as caught:
        adapter.fetch_balances(creds)
    assert not isinstance(caught.value, ExchangeAuthError)


def test_a_bad_amount_is_refused_as_a_bad_answer(
    server: VenueServer[BitgetVenue], adapter: BitgetAdapter
) -> None:
    creds = key(server, {"BTC": "1"}, {"ETH": "3"})
    body = '{"code":"00000","data":[{"coin":"ETH","amount":"١"}]}'.encode()
    server.inject(Fault.RAW, path=EARN_ASSETS, times=None, status=200, body=body)
    with pytest.raises(ExchangeResponseError, match="ETH Earn amount"):
        adapter.fetch_balances(creds)


def test_earn_is_signed_like_the_other_private_calls(
    server: VenueServer[BitgetVenue], adapter: BitgetAdapter
) -> None:
    account = server.venue.add_spot(PASSPHRASE, {}, {"ETH": "3"})
    with pytest.raises(ExchangeAuthError, match="secret key does not belong"):
        adapter.fetch_balances(ApiCredentials(account.api_key, "0" * 32, PASSPHRASE))
    assert server.requests_to(EARN_ASSETS)  # asked, and refused by its signature check


@pytest.mark.parametrize("fault", [Fault.BAD_SIGNATURE, Fault.INVALID_KEY])
def test_a_refusal_of_the_key_on_earn_alone_fails_the_refresh(
    server: VenueServer[BitgetVenue], adapter: BitgetAdapter, fault: Fault
) -> None:
    creds = key(server, {"BTC": "1"}, {"ETH": "3"})
    server.inject(fault, path=EARN_ASSETS, times=None)
    with pytest.raises(ExchangeAuthError):
        adapter.fetch_balances(creds)
