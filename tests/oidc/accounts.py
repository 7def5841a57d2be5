"""The fixed accounts the test provider knows (ids shaped like Clerk's: ``user_`` + 27)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Account:
    sub: str
    email: str
    name: str


ALICE = Account("user_2aliceAAAAAAAAAAAAAAAAAAAAA", "alice@example.com", "Alice Example")
BOB = Account("user_2bobBBBBBBBBBBBBBBBBBBBBBBB", "bob@example.com", "Bob Example")
ACCOUNTS = (ALICE, BOB)
