"""Gate's Simple Earn (earn/uni/lends) against the stand-in: read at once with the spot
account into place "earn" (all of it locked), every page, counted once, skipped and named
where the key may not read it, and failing the refresh on anything else."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from typing import Any

import pytest

from tests.exchange_server import Fault
from tests.exchange_server.gate import UNI_LENDS, GateVenue
from tests.exchange_server.venue import Incoming, Reply, VenueServer
from tests.exchanges.conftest import FAST_TIMEOUTS
from walletdesk.core.errors import ExchangeAuthError, ExchangeResponseError
from walletdesk.core.models import Holdings
from walletdesk.exchanges.base import ApiCredentials
from walletdesk.exchanges.gate import GateAdapter, GateUnifiedAccountError
from walletdesk.exchanges.http import RetryPolicy

Parts = dict[tuple[str, str], tuple[Decimal, Decimal]]


@pytest.fixture
def server() -> Iterator[VenueServer[GateVenue]]:
    with VenueServer(GateVenue) as running:
        yield running


@pytest.fixture
def adapter(server: VenueServer[GateVenue], policy: RetryPolicy) -> Iterator[GateAdapter]:
    adapter = GateAdapter(server.url, policy=policy, timeouts=FAST_TIMEOUTS)
    yield adapter
    adapter.close()


def key(server: VenueServer[Any], spot: dict[str, object] | None = None,
        earn: dict[str, object] | None = None, **flags: object) -> ApiCredentials:
    account = server.venue.add_spot(spot or {}, earn, **flags)
    return ApiCredentials(account.api_key, account.secret)


def parts(held: Holdings) -> Parts:
    return {(a.asset, a.place): (a.free, a.locked) for a in held}


def test_earn_is_added_to_the_same_asset_exactly_and_an_earn_only_asset_is_kept(
    server: VenueServer[GateVenue], adapter: GateAdapter
) -> None:
    creds = key(server, spot={"BTC": ("0.5", "0.1"), "GT": "4"},
                earn={"BTC": ("0.3000000001", "0.1"), "USDT": "11.5"})
    held = adapter.fetch_balances(creds)
    assert parts(held) == {
        ("BTC", "spot"): (Decimal("0.5"), Decimal("0.1")),
        ("GT", "spot"): (Decimal("4"), Decimal("0")),
        # amount, the currency's whole lending (the part being redeemed is inside it)
        ("BTC", "earn"): (Decimal("0"), Decimal("0.3000000001")),
        ("USDT", "earn"): (Decimal("0"), Decimal("11.5")),
    }
    btc = [a for a in held if a.asset == "BTC"]
    assert sum(a.free + a.locked for a in btc) == Decimal("0.9000000001")


def test_spot_and_earn_are_read_at_once(
    server: VenueServer[GateVenue], adapter: GateAdapter
) -> None:
    creds = key(server, spot={"BTC": "1"}, earn={"ETH": "2"})
    server.latency = 0.2
    adapter.fetch_balances(creds)
    assert server.most_in_flight == 2
    (request,) = server.requests_to(UNI_LENDS)
    assert request.params == {"page": "1", "limit": "100"}


def test_every_page_of_lendings_is_read_and_a_short_page_ends_it(
    server: VenueServer[GateVenue], adapter: GateAdapter
) -> None:
    earn: dict[str, object] = {f"C{n:03}": f"{n}.5" for n in range(1, 202)}  # 100+100+1
    held = parts(adapter.fetch_balances(key(server, spot={"BTC": "1"}, earn=earn)))
    assert len(held) == 1 + 201
    assert held[("C201", "earn")] == (Decimal("0"), Decimal("201.5"))
    assert sum(locked for (_, place), (_, locked) in held.items() if place == "earn") == sum(
        Decimal(f"{n}.5") for n in range(1, 202))
    assert [r.params["page"] for r in server.requests_to(UNI_LENDS)] == ["1", "2", "3"]


def test_exactly_one_full_page_asks_once_more_and_takes_the_empty_page_as_the_end(
    server: VenueServer[GateVenue], adapter: GateAdapter
) -> None:
    earn: dict[str, object] = {f"C{n:03}": "1" for n in range(100)}
    assert len(adapter.fetch_balances(key(server, spot={"BTC": "1"}, earn=earn))) == 101
    assert [r.params["page"] for r in server.requests_to(UNI_LENDS)] == ["1", "2"]


def test_an_earn_only_classic_account_is_not_taken_for_a_unified_one(
    server: VenueServer[GateVenue], adapter: GateAdapter
) -> None:
    assert parts(adapter.fetch_balances(key(server, earn={"ETH": "2"}))) == {
        ("ETH", "earn"): (Decimal("0"), Decimal("2"))}
    with pytest.raises(GateUnifiedAccountError):
        adapter.fetch_balances(key(server, spot={"BTC": "1"}, earn={"ETH": "2"}, mode=2))


def test_a_key_refused_earn_is_refreshed_without_it_and_named_once_by_the_key_check(
    server: VenueServer[GateVenue], adapter: GateAdapter
) -> None:
    creds = key(server, spot={"BTC": "1"}, earn={"ETH": "2"}, earn_refusal=True)
    assert parts(adapter.fetch_balances(creds)) == {
        ("BTC", "spot"): (Decimal("1"), Decimal("0"))}
    check = adapter.check_credentials(creds)
    assert check.unreadable == ("Simple Earn",)
    assert check.message.count("Simple Earn") == 1
    assert "cannot check" in check.message
    assert "does not let it read Simple Earn," in check.message


def test_a_key_that_reads_earn_is_not_warned_about_it(
    server: VenueServer[GateVenue], adapter: GateAdapter
) -> None:
    check = adapter.check_credentials(key(server, spot={"BTC": "1"}, earn={"ETH": "2"}))
    assert check.unreadable == ()
    assert "Simple Earn" not in check.message


def test_forbidden_on_the_spot_account_still_fails_the_refresh(
    server: VenueServer[GateVenue], adapter: GateAdapter
) -> None:
    with pytest.raises(ExchangeAuthError, match="may not read the spot account"):
        adapter.fetch_balances(key(server, spot={"BTC": "1"}, earn={"ETH": "2"},
                                   can_read=False))


@pytest.mark.parametrize(("fault", "error"), [
    (Fault.BAD_SIGNATURE, ExchangeAuthError),
    (Fault.INVALID_KEY, ExchangeAuthError),
    (Fault.MALFORMED_JSON, ExchangeResponseError),
])
def test_any_other_earn_failure_fails_the_refresh(
    server: VenueServer[GateVenue], adapter: GateAdapter, fault: Fault,
    error: type[Exception],
) -> None:
    creds = key(server, spot={"BTC": "1"}, earn={"ETH": "2"})
    server.inject(fault, path=UNI_LENDS, times=None)
    with pytest.raises(error):
        adapter.fetch_balances(creds)


@contextmanager
def odd_gate(
    venue: type[GateVenue], policy: RetryPolicy
) -> Iterator[tuple[VenueServer[Any], GateAdapter]]:
    """A stand-in that breaks one rule of the docs, and an adapter pointed at it."""
    with VenueServer(venue) as server:
        adapter = GateAdapter(server.url, policy=policy, timeouts=FAST_TIMEOUTS)
        yield server, adapter
        adapter.close()


class SecondPageRefused(GateVenue):
    """Answers page 2 of the lendings FORBIDDEN, as if the key lost Earn mid-read."""

    def serve(self, request: Incoming) -> Reply:
        if request.path == UNI_LENDS and request.params.get("page") == "2":
            return Reply.json(401, {"label": "FORBIDDEN", "message": "no permission"})
        return super().serve(request)


def test_a_later_page_that_fails_fails_the_refresh_instead_of_counting_part_of_earn(
    policy: RetryPolicy,
) -> None:
    with odd_gate(SecondPageRefused, policy) as (server, adapter):
        creds = key(server, spot={"BTC": "1"}, earn={f"C{n:03}": "1" for n in range(150)})
        with pytest.raises(ExchangeAuthError):
            adapter.fetch_balances(creds)


@pytest.mark.parametrize("bad", ["1_000", "١٢٣", "-1", "0x10", None, ""])
def test_an_earn_amount_outside_the_grammar_refuses_the_answer(
    server: VenueServer[GateVenue], adapter: GateAdapter, bad: object
) -> None:
    row = {"currency": "ETH", "current_amount": "2", "amount": bad, "lent_amount": "2",
           "frozen_amount": "0", "min_rate": "0.0001", "interest_status": "interest_dividend",
           "reinvest_left_amount": "0", "create_time": 1, "update_time": 1}
    server.inject(Fault.RAW, path=UNI_LENDS, status=200, body=json.dumps([row]).encode())
    with pytest.raises(ExchangeResponseError):
        adapter.fetch_balances(key(server, spot={"BTC": "1"}))


class PageIgnored(GateVenue):
    """Answers every page of the lendings with the same full first page."""

    def serve(self, request: Incoming) -> Reply:
        if request.path == UNI_LENDS:
            return Reply.json(200, [{"currency": f"C{n:03}", "amount": "1"} for n in range(100)])
        return super().serve(request)


def test_a_server_that_ignores_page_is_refused_instead_of_read_for_ever(
    policy: RetryPolicy,
) -> None:
    with odd_gate(PageIgnored, policy) as (server, adapter):
        with pytest.raises(ExchangeResponseError, match="past 100 pages"):
            adapter.fetch_balances(key(server, spot={"BTC": "1"}))
        assert len(server.requests_to(UNI_LENDS)) == 100
