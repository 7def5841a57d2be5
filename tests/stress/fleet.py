"""Keys on the keyed test exchanges, stored through the real controllers, and the checks a
refresh must pass: failing wallets byte-for-byte unchanged, healthy ones updated exactly."""

from __future__ import annotations

from dataclasses import dataclass

from tests.exchange_server import Account
from tests.stress import rows
from tests.stress.bench import Bench
from tests.stress.fault_plan import balances, expected_units
from walletdesk.controllers.refresh_outcome import RefreshOutcome
from walletdesk.core.models import Credential, User


@dataclass
class Key:
    index: int
    who: User
    exchange: str
    account: Account
    credential: Credential

    @property
    def label(self) -> str:
        return f"k{self.index}"


def add_keys(bench: Bench, layout: list[tuple[User, str]]) -> list[Key]:
    """One key per (user, exchange) entry, labelled k0, k1, ... holding version 1."""
    keys = []
    for index, (who, exchange) in enumerate(layout):
        account = bench.servers[exchange].add_account(balances=balances(index, 1))
        credential = bench.credentials(who).add(
            exchange=exchange, api_key=account.api_key, secret=account.secret, label=f"k{index}"
        )
        keys.append(Key(index, who, exchange, account, credential))
    return keys


def set_version(keys: list[Key], version: int) -> None:
    for key in keys:
        key.account.set_balances(balances(key.index, version))


def wallets_of(keys: list[Key]) -> dict[tuple[str, str], list[Key]]:
    """(user id, exchange) -> the keys that wallet is built from."""
    grouped: dict[tuple[str, str], list[Key]] = {}
    for key in keys:
        grouped.setdefault((key.who.id, key.exchange), []).append(key)
    return grouped


def snapshot(bench: Bench, keys: list[Key]) -> dict[tuple[str, str], rows.Rows]:
    path = bench.database.path
    return {wallet: rows.wallet_rows(path, *wallet) for wallet in wallets_of(keys)}


def assert_unchanged(bench: Bench, wallet: tuple[str, str], before: rows.Rows) -> None:
    after = rows.wallet_rows(bench.database.path, *wallet)
    assert after == before, f"the failing wallet {wallet} changed"


def assert_updated(bench: Bench, wallet: tuple[str, str], keys: list[Key], version: int) -> None:
    expected = expected_units([balances(key.index, version) for key in keys])
    stored = rows.amounts(bench.database.path, *wallet)
    assert stored == expected, f"the healthy wallet {wallet} was not updated exactly"


def by_label(outcomes: list[RefreshOutcome]) -> dict[str, RefreshOutcome]:
    return {str(outcome.credential.label): outcome for outcome in outcomes}
