"""Gate's Simple Earn (Lend & Earn, "uni"), as Gate's API v4 describes it, folded by the
one rule of ``core.models.AssetAmount`` (free = tradable now; locked = everything else
held): all of it is lent or waiting to be, so locked, in place EARN.

- ``GET /api/v4/earn/uni/lends`` "List user's lending orders", signed as every other
  private call (the five-line HMAC-SHA512 of ``gate.py``): optional ``currency``, ``page``
  (from 1) and ``limit`` (default 100, at most 100). The answer is a bare array of
  ``{currency, current_amount, amount, lent_amount, frozen_amount, min_rate,
  interest_status, reinvest_left_amount, create_time, update_time}``, every amount a
  string. [gateio/gateapi-python docs/EarnUniApi.md ``list_user_uni_lends``, docs/UniLend.md;
  tiagosiebler/gateio-api src/types/response/earnuni.ts ``LendingOrder``]
- Paging, as for every page-limit list of APIv4: keep ``limit`` and add 1 to ``page``
  until a page holds fewer than ``limit`` rows. [gate.com/docs/developers/apiv4,
  "Pagination"]
- ``amount`` is the "Total Lending Amount" of the currency, what is counted; ``lent_amount``
  (lent out this hour) and ``frozen_amount`` ("Pending Redemption Amount") are parts of it
  (unverified: the docs give no example that adds them up), ``current_amount`` is not
  described beyond "Current amount" and is not counted. Interest is paid out hourly into
  the spot account (``interest_status`` interest_dividend) or added to the lending
  (interest_reinvest), so it is not counted apart.
- Nothing counted twice: lending moves the coins out of the spot account ("Funds that
  failed to be lent can be redeemed immediately ... the redemption will arrive at the next
  hour", ``create_uni_lend``), and Gate's total balance (``GET /wallet/total_balance``)
  lists ``finance`` as an account of its own beside ``spot``. [docs/EarnUniApi.md
  ``create_uni_lend``; docs/TotalBalance.md]
- A key without Gate's Earn permission is answered ``FORBIDDEN`` (HTTP 401), Gate's label
  for a key that lacks the permission an endpoint needs [ccxt ``gate.exceptions``]; which
  label an account Earn is not offered to gets is not documented (unverified). A refresh
  skips Earn on FORBIDDEN there, and on nothing else.
- Rate limit: 200 requests per 10 s per UID for each private endpoint
  [Gate announcement "Latest Announcement on API Rate Limit Adjustments", 2024-01-14;
  unverified that Earn is under that rule]; ccxt weighs ``earn/uni/lends`` 1.5 where a
  spot private read weighs 1.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from walletdesk.core.errors import ExchangeAuthError
from walletdesk.exchanges.holdings import EARN, Holding
from walletdesk.exchanges.responses import amount, fail, mapping

UNI_LENDS = "/api/v4/earn/uni/lends"
PAGE_LIMIT = 100  # the most Gate gives in one page
# One lending per currency: far more pages than Gate has currencies means a server that
# ignores ``page``, and reading on would never end.
MAX_PAGES = 100
EARN_NAME = "Simple Earn"  # as Gate's site names it, for the key check
EARN_REFUSED = "FORBIDDEN"


class EarnRefusedError(ExchangeAuthError):
    """The key may not read Simple Earn: it is skipped and named by the key check."""


def page_query(page: int) -> str:
    return f"page={page}&limit={PAGE_LIMIT}"


def check_page(page: int, exchange: str) -> None:
    if page > MAX_PAGES:
        fail(exchange, f"the Simple Earn lending list goes on past {MAX_PAGES} pages")


def lend_rows(answer: object, exchange: str) -> list[object]:
    if not isinstance(answer, list):
        fail(exchange, "the Simple Earn lending list is not a list")
    return answer


def lend_holdings(rows: Iterable[object], exchange: str) -> list[Holding]:
    """Lending orders as holdings: each currency's ``amount``, all locked."""
    holdings = []
    for entry in rows:
        row = mapping(entry, exchange, "Simple Earn lending")
        currency = row.get("currency")
        if not isinstance(currency, str) or not currency:
            fail(exchange, "a Simple Earn lending has no currency")
        lent = amount(row.get("amount"), exchange, f"Simple Earn {currency} amount")
        holdings.append(Holding(currency, EARN, Decimal(0), lent))
    return holdings
