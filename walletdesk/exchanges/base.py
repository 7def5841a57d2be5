"""The protocol every exchange adapter speaks (its records, ``ApiCredentials`` and
``KeyCheck``, are core records: the controllers and the UI use them too)."""

from __future__ import annotations

from decimal import Decimal
from typing import Protocol

from walletdesk.core.keys import ApiCredentials, KeyCheck
from walletdesk.core.models import Holdings

__all__ = ["ApiCredentials", "ExchangeAdapter", "KeyCheck", "describe_permissions"]


class ExchangeAdapter(Protocol):
    """One exchange. Implementations are thread-safe; every failure is an ``ExchangeError``."""

    name: str
    is_demo: bool

    def check_credentials(self, creds: ApiCredentials) -> KeyCheck: ...

    def fetch_balances(self, creds: ApiCredentials) -> Holdings: ...

    def fetch_prices(self) -> dict[str, Decimal]: ...

    def close(self) -> None: ...


def describe_permissions(
    exchange: str, can_trade: bool | None, can_withdraw: bool | None
) -> KeyCheck:
    """The KeyCheck for a working key: read-only is good news, anything more is a warning."""
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
    return KeyCheck(can_trade=can_trade, can_withdraw=can_withdraw, message=message)
