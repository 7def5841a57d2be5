"""The protocol every exchange adapter speaks (its records, ``ApiCredentials`` and
``KeyCheck``, are core records: the controllers and the UI use them too), and the start
every HTTP adapter shares."""

from __future__ import annotations

import time
from collections.abc import Callable
from decimal import Decimal
from typing import TYPE_CHECKING, ClassVar, Protocol, Self

from walletdesk.core.keys import ApiCredentials, KeyCheck
from walletdesk.core.models import Holdings
from walletdesk.exchanges.clock import ExchangeClock
from walletdesk.exchanges.http import ExchangeHttpClient, RetryPolicy, Timeouts

if TYPE_CHECKING:
    from walletdesk.exchanges.profile import AdapterSettings, ExchangeProfile

__all__ = ["ApiCredentials", "ExchangeAdapter", "HttpAdapter", "KeyCheck",
           "describe_permissions"]


class ExchangeAdapter(Protocol):
    """One exchange. Implementations are thread-safe; every failure is an ``ExchangeError``."""

    name: str
    is_demo: bool

    def check_credentials(self, creds: ApiCredentials) -> KeyCheck: ...

    def fetch_balances(self, creds: ApiCredentials) -> Holdings: ...

    def fetch_prices(self) -> dict[str, Decimal]: ...

    def close(self) -> None: ...


class HttpAdapter:
    """What every HTTP adapter starts from: its profile's names, one HTTP client to the
    exchange's main host paced by the profile's ``pace``, and the exchange's clock.
    Subclasses set ``profile``, and pass ``account=`` (the API key) for every signed call
    so an exchange that counts them per account paces each key by its own budget."""

    profile: ClassVar[ExchangeProfile]
    is_demo = False

    @classmethod
    def create(cls, settings: AdapterSettings) -> Self:
        """The factory a profile names: addresses from the environment, shared policy."""
        return cls(settings.base_url(), policy=settings.policy, timeouts=settings.timeouts)

    def __init__(
        self,
        base_url: str | None = None,
        *,
        policy: RetryPolicy | None = None,
        timeouts: Timeouts | None = None,
        wall_clock: Callable[[], float] = time.time,
    ) -> None:
        self.name = self.profile.name
        self._display = self.profile.display_name
        self._base_url = base_url or self.profile.default_base_url
        self._policy = policy or RetryPolicy()
        self._http = ExchangeHttpClient(self._base_url, exchange=self._display,
                                        policy=self._policy, timeouts=timeouts,
                                        pace=self.profile.pace)
        self._clock = ExchangeClock(wall_clock)

    def close(self) -> None:
        self._http.close()

    @property
    def clock_offset_ms(self) -> int:
        return self._clock.offset_ms


def describe_permissions(
    exchange: str, can_trade: bool | None, can_withdraw: bool | None, *,
    unreadable: tuple[str, ...] = (),
) -> KeyCheck:
    """The KeyCheck for a working key: read-only is good news, anything more is a warning,
    and so is a wallet of the account the key may not read (``unreadable``, by name)."""
    powers = [name for name, flag in (("trade", can_trade), ("withdraw", can_withdraw)) if flag]
    if powers:
        message = (
            f"Key works, but it can {' and '.join(powers)}. WalletDesk only reads balances: "
            f"create a read-only key on {exchange} and use that instead."
        )
    elif can_trade is None or can_withdraw is None:
        message = (
            f"Key works. {exchange} did not say whether it can trade or withdraw: "
            "make sure it is a read-only key."
        )
    else:
        message = "Key works and is read-only."
    return KeyCheck(can_trade=can_trade, can_withdraw=can_withdraw,
                    message=message + unreadable_note(exchange, unreadable),
                    unreadable=unreadable)


def unreadable_note(exchange: str, unreadable: tuple[str, ...]) -> str:
    """What a key check adds for the wallets the key may not read ("" for none)."""
    if not unreadable:
        return ""
    # The exchanges answer alike for a key without the permission and for an account
    # (a region, a sub-account) the product is not offered to: the text covers both.
    it = "them" if len(unreadable) > 1 else "it"
    return (
        f" {exchange} does not let it read {' or '.join(unreadable)}, so what is there is "
        f"not counted: if you keep anything there, allow the key to read {it} on "
        f"{exchange}. (If {exchange} does not offer {it} to your account or region, "
        "there is nothing to count.)"
    )
