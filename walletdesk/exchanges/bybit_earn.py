"""Bybit Earn, as its v5 docs describe it, folded by the one rule of
``core.models.AssetAmount`` (free = tradable now; locked = everything else held).

- ``GET /v5/earn/position?category=FlexibleSaving`` and ``category=OnChain``: one call each
  (``category`` is required and takes one value), signed as every other GET; optional
  ``coin`` and ``productId`` filters, and no paging (no cursor or limit). The answer's
  ``result.list[]`` holds ``{coin, productId, amount, totalPnl, claimableYield, ...}``
  (On-chain positions add ``id``, ``status`` Processing/Active, ``orderId``, estimate
  times). [bybit-exchange.github.io/docs/v5/earn/position; pybit ``get_staked_position``]
- ``amount`` is the "Total staked amount": all of it is earning, so locked, in place EARN.
  ``claimableYield`` (accrued hourly, paid out daily at 00:30 UTC) and On-chain
  ``totalPnl`` are yield not paid yet: not counted. A fully redeemed Flexible Savings
  position still comes back (with 0, which the fold drops); On-chain lists active ones only.
- Nothing counted twice: staking moves the coins out of FUND or UNIFIED (``place-order``
  takes the ``accountType`` they come from; redeeming puts them back), and Bybit's asset
  overview lists ``Earn`` as an account of its own beside ``FundingAccount`` and
  ``UnifiedTradingAccount``. [docs/v5/earn/create-order; docs/v5/enum#assetaccounttype]
- The key needs Bybit's "Earn" permission (``permissions.Earn`` in ``query-api``); without
  it the answer is 10005, Bybit's general "Permission denied" (unverified for this endpoint).
  180004 (only the global site offers Earn), 180010 (user not allowed) and 180024
  (sub-accounts may not) say this account has no Earn. [docs/v5/error, "Earn"]
- Rate limit: not in the docs' table. ccxt 4.5.90 weighs ``v5/earn/position`` 5 of its
  50 a second, i.e. 10/s, the figure the docs give for the fixed-term position endpoint
  (unverified for this one).
"""

from __future__ import annotations

from decimal import Decimal

from walletdesk.exchanges.holdings import EARN, Holding
from walletdesk.exchanges.responses import amount, fail, mapping

EARN_POSITION = "/v5/earn/position"
EARN_CATEGORIES = ("FlexibleSaving", "OnChain")
EARN_WEIGHT = 5  # 10/s, in units of one wallet-balance call (50/s per UID)
# The key may not read Earn, or the account has none: skipped, and named by the key check.
EARN_UNAVAILABLE = frozenset({"10005", "180004", "180010", "180024"})


def earn_holdings(result: object, exchange: str) -> list[Holding]:
    """The positions of one Earn category (an answer's ``result``), each locked in EARN."""
    rows = mapping(result, exchange, "Earn positions").get("list")
    if not isinstance(rows, list):
        fail(exchange, "the Earn positions are not a list")
    holdings = []
    for entry in rows:
        row = mapping(entry, exchange, "Earn position")
        coin = row.get("coin")
        if not isinstance(coin, str) or not coin:
            fail(exchange, "an Earn position has no coin")
        staked_text = row.get("amount")  # "" as Bybit writes an empty field; absent refuses
        staked = amount("0" if staked_text == "" else staked_text, exchange,
                        f"{coin} Earn amount")
        holdings.append(Holding(coin, EARN, Decimal(0), staked))
    return holdings
