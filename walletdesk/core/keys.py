"""An API key while it is in use, and what checking one found: records the exchange
adapters, the controllers and the UI share."""

from __future__ import annotations

from dataclasses import dataclass, field

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
    """The key works; ``message`` sums it up for the user (a warning unless read-only and
    able to read every wallet of the account)."""

    can_trade: bool | None
    can_withdraw: bool | None
    message: str
    unreadable: tuple[str, ...] = ()  # wallets the key may not read ("Simple Earn"): skipped

    @property
    def warns(self) -> bool:
        return bool(self.can_trade or self.can_withdraw or self.unreadable)


def _shorten(api_key: str) -> str:
    return api_key[:4] + "…" if len(api_key) > 8 else "…"
