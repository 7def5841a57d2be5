"""Keep Python's garbage collector from pausing the GUI thread.

A full collection walks every tracked object: with SQLAlchemy, Qt wrappers and 10,000
balances loaded that takes about 50 ms, long enough to make a sort or a refresh stutter.
After each load the long-lived objects are moved out of the collector's sight
(``gc.freeze``). They are still freed by reference counting when replaced (balances, wallets
and credentials are plain, acyclic records); only cyclic garbage made before a freeze would
stay, and the window makes little of that.
"""

from __future__ import annotations

import gc


def settle_long_lived_objects() -> None:
    gc.freeze()
