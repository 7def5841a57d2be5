"""KuCoin Earn against the stand-in: read at once with the accounts into place "earn" (all
of it locked), every page of it, counted once, skipped and named where KuCoin will not show
it to the key, and failing the refresh on anything else."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from urllib.parse import parse_qs

import pytest

from tests.exchange_server import Fault
from tests.exchange_server.kucoin import HOLD_ASSETS, KucoinVenue
from tests.exchange_server.venue import VenueServer
from tests.exchanges.conftest import FAST_TIMEOUTS
from walletdesk.core.errors import ExchangeAuthError, ExchangeError, ExchangeResponseError
from walletdesk.core.models import Holdings
from walletdesk.exchanges import kucoin_earn
from walletdesk.exchanges.base import ApiCredentials
from walletdesk.exchanges.http import RetryPolicy
from walletdesk.exchanges.kucoin import KucoinAdapter

PASSPHRASE = "earn it"

Parts = dict[tuple[str, str], tuple[Decimal, Decimal]]


@pytest.fixture
def server() -> Iterator[VenueServer[KucoinVenue]]:
    with VenueServer(KucoinVenue) as running:
        yield running


@pytest.fixture
def adapter(server: VenueServer[KucoinVenue], policy: RetryPolicy) -> Iterator[KucoinAdapter]:
    adapter = KucoinAdapter(server.url, policy=policy, timeouts=FAST_TIMEOUTS)
    yield adapter
    adapter.close()


def key(server: VenueServer[KucoinVenue], wallets: dict[str, dict[str, object]] | None = None,
        **flags: object) -> ApiCredentials:
    account = server.venue.add_wallets(PASSPHRASE, wallets or {}, **flags)
    return ApiCredentials(account.api_key, account.secret, PASSPHRASE)


def parts(held: Holdings) -> Parts:
    return {(a.asset, a.place): (a.free, a.locked) for a in held}


def test_earn_is_added_to_the_same_asset_exactly_and_an_earn_only_asset_is_kept(
    server: VenueServer[KucoinVenue], adapter: KucoinAdapter
) -> None:
    creds = key(server, {"main": {"USDT": "10"}, "trade": {"USDT": ("5", "1")}},
                earn=[("USDT", "100.000000000000000001"), ("USDT", "0.5"),
                      ("KCS", "1", "1")])
    held = adapter.fetch_balances(creds)
    assert parts(held) == {
        ("USDT", "funding"): (Decimal("10"), Decimal("0")),
        ("USDT", "trading"): (Decimal("5"), Decimal("1")),
        # two holdings of one currency add up; what is being redeemed is inside holdAmount
        ("USDT", "earn"): (Decimal("0"), Decimal("100.500000000000000001")),
        ("KCS", "earn"): (Decimal("0"), Decimal("1")),
    }
    usdt = [a for a in held if a.asset == "USDT"]
    assert sum(a.free + a.locked for a in usdt) == Decimal("116.500000000000000001")


def test_every_page_is_read_and_the_accounts_go_at_once_with_earn(
    server: VenueServer[KucoinVenue], adapter: KucoinAdapter
) -> None:
    earn = [(f"C{n}", "1") for n in range(kucoin_earn.PAGE_SIZE * 2 + 1)]
    creds = key(server, {"main": {"BTC": "1"}}, earn=earn)
    server.latency = 0.2
    held = parts(adapter.fetch_balances(creds))
    assert server.most_in_flight == 2
    assert len(held) == 1 + len(earn)
    assert held[("C1000", "earn")] == (Decimal("0"), Decimal("1"))
    pages = [parse_qs(r.query) for r in server.requests_to(HOLD_ASSETS)]
    assert [(p["currentPage"], p["pageSize"]) for p in pages] == [
        ([str(n)], [str(kucoin_earn.PAGE_SIZE)]) for n in (1, 2, 3)]


def test_no_earn_holding_is_one_empty_page(
    server: VenueServer[KucoinVenue], adapter: KucoinAdapter
) -> None:
    creds = key(server, {"main": {"BTC": "1"}})
    assert parts(adapter.fetch_balances(creds)) == {
        ("BTC", "funding"): (Decimal("1"), Decimal("0"))}
    assert len(server.requests_to(HOLD_ASSETS)) == 1


def test_earn_refused_to_the_key_is_skipped_and_named_once_by_the_key_check(
    server: VenueServer[KucoinVenue], adapter: KucoinAdapter
) -> None:
    creds = key(server, {"main": {"BTC": "1"}}, earn=[("BTC", "5")], earn_refusal="400007")
    assert parts(adapter.fetch_balances(creds)) == {
        ("BTC", "funding"): (Decimal("1"), Decimal("0"))}
    check = adapter.check_credentials(creds)
    assert check.unreadable == ("Earn",)
    assert check.message.startswith("Key works and is read-only.")
    assert "KuCoin does not let it read Earn," in check.message


def test_a_key_that_reads_earn_is_not_warned_about_it(
    server: VenueServer[KucoinVenue], adapter: KucoinAdapter
) -> None:
    check = adapter.check_credentials(key(server, earn=[("KCS", "1")]))
    assert (check.unreadable, check.message) == ((), "Key works and is read-only.")


def test_the_same_refusal_of_the_accounts_fails_the_refresh(
    server: VenueServer[KucoinVenue], adapter: KucoinAdapter
) -> None:
    creds = key(server, {"main": {"BTC": "1"}}, can_read=False)
    with pytest.raises(ExchangeAuthError, match='"General" permission'):
        adapter.fetch_balances(creds)


@pytest.mark.parametrize(
    ("fault", "options"),
    [
        (Fault.MALFORMED_JSON, {}),
        (Fault.RAW, {"status": 200, "body": b'{"code":"200000","data":{"totalPage":1,'
                     b'"items":[{"currency":"BTC"}]}}'}),
        (Fault.RAW, {"status": 200, "body": b'{"code":"200000","data":{"totalPage":1,'
                     b'"items":[{"currency":"BTC","holdAmount":"-1"}]}}'}),
        (Fault.RAW, {"status": 200, "body": b'{"code":"200000","data":{"totalPage":1,'
                     b'"items":[{"currency":"BTC","holdAmount":"1_000"}]}}'}),
        (Fault.RAW, {"status": 200, "body": b'{"code":"200000","data":{"items":[]}}'}),
        (Fault.RAW, {"status": 400, "body": b'{"code":"400100","msg":"Parameter Error"}'}),
        (Fault.RAW, {"status": 500, "body": b'{"code":"500000","msg":"Internal Server Error"}'}),
    ],
)
def test_any_other_failure_of_earn_fails_the_refresh(
    server: VenueServer[KucoinVenue], adapter: KucoinAdapter, fault: Fault,
    options: dict[str, object],
) -> None:
    creds = key(server, {"main": {"BTC": "1"}}, earn=[("ETH", "3")])
    server.inject(fault, path=HOLD_ASSETS, times=None, **options)  # type: ignore[arg-type]
    with pytest.raises(ExchangeError):  # a bad answer, or KuCoin unavailable (HTTP 500)
        adapter.fetch_balances(creds)


@pytest.mark.parametrize("fault", [Fault.INVALID_KEY, Fault.BAD_SIGNATURE, Fault.RATE_LIMIT])
def test_a_refusal_that_is_not_about_earn_fails_the_refresh_even_from_earn_alone(
    server: VenueServer[KucoinVenue], adapter: KucoinAdapter, fault: Fault
) -> None:
    creds = key(server, {"main": {"BTC": "1"}}, earn=[("ETH", "3")])
    server.inject(fault, path=HOLD_ASSETS, times=None)
    with pytest.raises(ExchangeError):
        adapter.fetch_balances(creds)


def test_the_stand_in_checks_the_signature_and_the_page_size_of_earn(
    server: VenueServer[KucoinVenue], adapter: KucoinAdapter
) -> None:
    creds = key(server, earn=[("ETH", "3")])
    wrong = ApiCredentials(creds.api_key, "not-the-secret", PASSPHRASE)
    with pytest.raises(ExchangeAuthError, match="the secret or the passphrase"):
        adapter.fetch_balances(wrong)
    assert server.requests_to(HOLD_ASSETS)
    for size in ("9", "501"):
        with pytest.raises(ExchangeResponseError, match="400"):
            adapter._get(HOLD_ASSETS, f"currentPage=1&pageSize={size}", creds=creds)
