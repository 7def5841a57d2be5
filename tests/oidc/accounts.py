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
# A name with a terminal escape (red text, then a new window title), a bell and markup.
MALLORY = Account("user_2malloryMMMMMMMMMMMMMMMMMMM", "mallory@example.com",
                  "Mallory \x1b[31mRed\x1b]0;pwned\x07 <b>bold</b><img src=x>")
ACCOUNTS = (ALICE, BOB, MALLORY)
