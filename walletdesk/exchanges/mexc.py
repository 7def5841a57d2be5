"""MEXC Spot v3: the exchange the specification names."""

from __future__ import annotations

import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

from walletdesk.core.keys import ApiCredentials
from walletdesk.core.models import Holdings
from walletdesk.exchanges.clock import ExchangeClock
from walletdesk.exchanges.holdings import as_holdings, fold, parse_account
from walletdesk.exchanges.http import RetryPolicy, Timeouts
from walletdesk.exchanges.mexc_futures import MexcFutures
from walletdesk.exchanges.profile import AdapterSettings
from walletdesk.exchanges.profiles.mexc import PROFILE
from walletdesk.exchanges.spot_v3 import Dialect, SpotV3Adapter

_KEY_REJECTED = (
    "MEXC rejected the API key: check that it was copied completely and has not been deleted."
)

MEXC_DIALECT = Dialect(
    key_header="X-MEXC-APIKEY",
    account_params=(),
    clock_skew_codes=frozenset({700003}),
    auth_messages={
        700001: "MEXC says the API key is malformed: copy the API key (the Access Key) again "
        "from MEXC, completely and without spaces.",
        # MEXC answers 700002 both for a wrong secret and for an expired key.
        700002: "MEXC rejected the request signature: check that the secret key was copied "
        "completely and that the API key has not expired or been deleted.",
        10072: _KEY_REJECTED,
        700006: "MEXC refused this computer's IP address (IP not whitelisted): add this "
        "computer's IP to the key on MEXC, or remove the IP restriction.",
        700007: "The MEXC key may not read the account: edit the key on MEXC and allow "
        "reading account information (spot), or create a new read-only key.",
        602: "MEXC rejected the request signature: check that the secret key was copied "
        "completely.",
        401: _KEY_REJECTED,
        402: "The MEXC API key has expired: create a new read-only key on MEXC and enter it "
        "here.",
        730100: "MEXC reports an unusual status for this account: log in to MEXC and resolve "
        "it (their support can help), then refresh again.",
    },
    unauthorised_message=_KEY_REJECTED,
    account_weight=10,
    ticker_weight=2,
)


class MexcAdapter(SpotV3Adapter):
    """Spot, plus the futures account when a futures address is given (``mexc_futures``)."""

    profile = PROFILE
    dialect = MEXC_DIALECT

    def __init__(
        self,
        base_url: str | None = None,
        *,
        futures_url: str | None = None,
        policy: RetryPolicy | None = None,
        timeouts: Timeouts | None = None,
        wall_clock: Callable[[], float] = time.time,
    ) -> None:
        super().__init__(base_url, policy=policy, timeouts=timeouts, wall_clock=wall_clock)
        self._futures = (
            MexcFutures(futures_url, policy=policy, timeouts=timeouts,
                        clock=ExchangeClock(wall_clock))
            if futures_url else None
        )

    @classmethod
    def create(cls, settings: AdapterSettings) -> MexcAdapter:
        return cls(settings.base_url(), futures_url=settings.base_url("FUTURES"),
                   policy=settings.policy, timeouts=settings.timeouts)

    def fetch_balances(self, creds: ApiCredentials) -> Holdings:
        """Spot and futures at once; a futures account the key may not read is skipped."""
        if self._futures is None:
            return super().fetch_balances(creds)
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="mexc-futures") as pool:
            futures = pool.submit(self._futures.holdings, creds)
            spot = parse_account(self._account(creds), self._display)
            extra = futures.result()
        if not extra:  # no futures holdings: spot is folded already
            return spot
        return fold([*as_holdings(spot.amounts), *(extra or ())], self._display,
                    named=spot.left_out)

    def close(self) -> None:
        super().close()
        if self._futures is not None:
            self._futures.close()
