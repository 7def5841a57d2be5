"""Keep Python's garbage collector from pausing the GUI thread.

A full collection walks every tracked object: with SQLAlchemy, Qt wrappers and 10,000
balances loaded that takes hundreds of milliseconds on a busy machine, long enough to make
a sort or a refresh stutter. After each load the long-lived objects are moved out of the
collector's sight (``gc.freeze``). They are still freed by reference counting when replaced
(balances, wallets and credentials are plain, acyclic records); only cyclic garbage made
before a freeze stays.

Measured with ``tests/benchmarks/bench_long_session.py`` (10,000 balances shown, 500
refreshes with one refused key each, every refresh followed by a reload):

- frozen: no full collection during the session; the frozen set levels off at the live
  objects (120,586 after 10 refreshes, 122,409 after 100, 122,498 after 500), so the cyclic
  garbage kept for good is about 2,000 objects a day; memory grew by 14.2 MiB;
- not frozen: a full collection every 3 to 4 refreshes, median 341 ms, longest 752 ms (100
  refreshes on the shared 2-core machine); memory grew by 12.7 MiB over 500.

So the freeze stays. Rerun the benchmark when the load path changes what it keeps in cycles.
The start freezes too, at the first paint (``app._run_window``): what importing and building
the window made lives as long as the window.
"""

from __future__ import annotations

import gc


def settle_long_lived_objects() -> None:
    gc.freeze()
