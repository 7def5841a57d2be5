"""The protocol every exchange adapter speaks, and the records it exchanges."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Protocol

from walletdesk.core.models import AssetAmount
from walletdesk.core.secret_parts import SecretParts


@dataclass(frozen=True)
class ApiCredentials:
    """A key in memory, only while a request is signed or a key is checked. ``passphrase``
    is set for exchanges whose keys have one (see core/secret_parts.py)."""

    api_key: str
    secret: str = field(repr=False)
    passphrase: str | None = field(default=None, repr=False)

    @classmethod
    def from_parts(cls, api_key: str, parts: SecretParts) -> ApiCredentials:
        return cls(api_key=api_key, secret=parts.secret, passphrase=parts.passphrase)

    def secret_values(self) -> tuple[str, ...]:
        """Every secret part: what the log filter masks while this key is in use."""
        return tuple(v for v in (self.secret, self.passphrase) if v)

    def __repr__(self) -> str:
        # The public key is shortened too: enough to tell keys apart in a debugger.
        return f"ApiCredentials(api_key={_shorten(self.api_key)!r}, secret='***')"

    __str__ = __repr__


@dataclass(frozen=True)
class KeyCheck:
    """The key works; ``message`` sums it up for the user (a warning unless read-only)."""

    can_trade: bool | None
    can_withdraw: bool | None
    message: str


class ExchangeAdapter(Protocol):
    """One exchange. Implementations are thread-safe; every failure is an ``ExchangeError``."""

    name: str
    is_demo: bool

    def check_credentials(self, creds: ApiCredentials) -> KeyCheck: ...

    def fetch_balances(self, creds: ApiCredentials) -> list[AssetAmount]: ...

    def fetch_prices(self) -> dict[str, Decimal]: ...

    def close(self) -> None: ...


def _shorten(api_key: str) -> str:
    return api_key[:4] + "…" if len(api_key) > 8 else "…"


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
