"""Every fault of the test exchange, on MEXC and on Binance, alone and mixed across eight
keys: a failing wallet keeps its stored rows byte for byte, a healthy one is updated."""

from __future__ import annotations

import random
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.stress.bench import Bench, user
from tests.stress.fault_plan import CASES, MODES, FaultCase, times
from tests.stress.fleet import (
    Key,
    add_keys,
    assert_unchanged,
    assert_updated,
    by_label,
    set_version,
    snapshot,
    wallets_of,
)
from tests.stress.tally import count
from walletdesk.controllers.refresh_outcome import RefreshOutcome, WalletNotUpdatedError
from walletdesk.exchanges.spot_v3 import TICKER_PATH

EXCHANGES = ("MEXC", "BINANCE")
MIXED_RUNS = 6


def inject(bench: Bench, key: Key, case: FaultCase, mode: str) -> None:
    server = bench.servers[key.exchange]
    server.inject_for(key.account.api_key, case.fault, times=times(mode), **case.options)
    count("faults")


def refresh(bench: Bench, key: Key) -> dict[str, RefreshOutcome]:
    count("runs")
    return by_label(bench.portfolio(key.who).refresh())


def assert_outcome(outcome: RefreshOutcome, expected: type[Exception] | None) -> None:
    if expected is None:
        assert outcome.ok, f"{outcome.credential.label}: {outcome.error}"
    else:
        assert type(outcome.error) is expected, f"{outcome.credential.label}: {outcome.error!r}"
        assert "\n" not in str(outcome.error)


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("case", CASES, ids=lambda case: case.fault.value)
@pytest.mark.parametrize("exchange", EXCHANGES)
def test_a_fault_on_one_key_keeps_its_wallet_and_spares_the_other_exchange(
    bench: Bench, exchange: str, case: FaultCase, mode: str
) -> None:
    keys = add_keys(bench, [(user(0), "MEXC"), (user(0), "BINANCE")])
    assert all(o.ok for o in refresh(bench, keys[0]).values())
    faulty, healthy = (keys[0], keys[1]) if exchange == "MEXC" else (keys[1], keys[0])
    before = snapshot(bench, keys)
    set_version(keys, 2)
    inject(bench, faulty, case, mode)

    outcomes = refresh(bench, faulty)

    expected = case.expected(mode)
    assert_outcome(outcomes[faulty.label], expected)
    assert outcomes[healthy.label].ok
    faulty_wallet = (faulty.who.id, faulty.exchange)
    if expected is None:
        assert_updated(bench, faulty_wallet, [faulty], 2)
    else:
        assert_unchanged(bench, faulty_wallet, before[faulty_wallet])
    assert_updated(bench, (healthy.who.id, healthy.exchange), [healthy], 2)


@pytest.mark.parametrize("case", [c for c in CASES if not c.refusal and c.persistent],
                         ids=lambda case: case.fault.value)
@pytest.mark.parametrize("exchange", EXCHANGES)
def test_a_broken_price_list_keeps_the_whole_wallet_of_that_exchange(
    bench: Bench, exchange: str, case: FaultCase
) -> None:
    keys = add_keys(bench, [(user(0), "MEXC"), (user(0), "MEXC"), (user(0), "BINANCE")])
    assert all(o.ok for o in refresh(bench, keys[0]).values())
    before = snapshot(bench, keys)
    set_version(keys, 2)
    bench.servers[exchange].inject(case.fault, times=None, path=TICKER_PATH, **case.options)
    count("faults")

    outcomes = refresh(bench, keys[0])

    for wallet, members in wallets_of(keys).items():
        if wallet[1] == exchange:
            assert all(type(outcomes[k.label].error) is case.persistent for k in members)
            assert_unchanged(bench, wallet, before[wallet])
        else:
            assert all(outcomes[k.label].ok for k in members)
            assert_updated(bench, wallet, members, 2)


def random_faults(rng: random.Random, keys: list[Key]) -> dict[str, tuple[FaultCase, str]]:
    """About two keys in three get a fault; the rest are healthy."""
    chosen = {}
    for key in keys:
        if rng.random() < 0.65:
            chosen[key.label] = (rng.choice(CASES), rng.choice(MODES))
    return chosen


def expected_error(chosen: dict[str, tuple[FaultCase, str]], key: Key) -> type[Exception] | None:
    if key.label not in chosen:
        return None
    case, mode = chosen[key.label]
    return case.expected(mode)


@pytest.mark.parametrize("seed", range(MIXED_RUNS))
def test_mixed_faults_on_eight_keys_of_one_user_keep_each_failing_wallet_whole(
    bench: Bench, seed: int
) -> None:
    """k0..k3 on MEXC, k4..k7 on Binance: one wallet per exchange, replaced only when all
    four of its keys succeed; the keys that worked then say the wallet was not updated."""
    rng = random.Random(seed)
    keys = add_keys(bench, [(user(0), exchange) for exchange in EXCHANGES for _ in range(4)])
    assert all(o.ok for o in refresh(bench, keys[0]).values())
    for version in (2, 3):
        before = snapshot(bench, keys)
        set_version(keys, version)
        chosen = random_faults(rng, keys)
        for key in keys:
            if key.label in chosen:
                inject(bench, key, *chosen[key.label])

        outcomes = refresh(bench, keys[0])

        for wallet, members in wallets_of(keys).items():
            errors = {k.label: expected_error(chosen, k) for k in members}
            if any(errors.values()):
                assert_unchanged(bench, wallet, before[wallet])
                for key in members:
                    assert_outcome(outcomes[key.label], errors[key.label] or WalletNotUpdatedError)
            else:
                assert all(outcomes[k.label].ok for k in members)
                assert_updated(bench, wallet, members, version)
        for server in bench.servers.values():
            server.clear_faults()
        set_version(keys, version)
        if not all(o.ok for o in refresh(bench, keys[0]).values()):  # back to a known state
            pytest.fail("a refresh without faults failed")


@pytest.mark.parametrize("seed", range(MIXED_RUNS))
def test_mixed_faults_on_eight_users_refreshing_at_once_update_exactly_the_healthy_wallets(
    bench: Bench, seed: int
) -> None:
    """Eight users, one key each (k0..k3 MEXC, k4..k7 Binance), all refreshing concurrently
    through shared adapters: each wallet stands or falls with its own key."""
    rng = random.Random(1000 + seed)
    keys = add_keys(bench, [(user(i), EXCHANGES[i // 4]) for i in range(8)])
    with ThreadPoolExecutor(8) as pool:
        assert all(all(o.ok for o in r.values()) for r in pool.map(lambda k: refresh(bench, k),
                                                                   keys))
        before = snapshot(bench, keys)
        set_version(keys, 2)
        chosen = random_faults(rng, keys)
        for key in keys:
            if key.label in chosen:
                inject(bench, key, *chosen[key.label])

        results = list(pool.map(lambda k: refresh(bench, k), keys))

    for key, outcomes in zip(keys, results, strict=True):
        wallet = (key.who.id, key.exchange)
        expected = expected_error(chosen, key)
        assert_outcome(outcomes[key.label], expected)
        if expected is None:
            assert_updated(bench, wallet, [key], 2)
        else:
            assert_unchanged(bench, wallet, before[wallet])
