"""The test exchange's accounts: key, secret, balances and what the key may do."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

# A balance is "1.5" (all free) or ("1.5", "0.25") (free, locked); numbers are sent as their
# text, verbatim, so a test can serve "-1", "abc" or "1e400" to see how the client copes.
# (Typed as object so that a dict literal mixing both forms needs no annotation.)
BalanceSpec = object


@dataclass
class Account:
    api_key: str
    secret: str
    balances: dict[str, tuple[str, str]] = field(default_factory=dict)
    can_trade: bool = False
    can_withdraw: bool = False
    can_read: bool = True  # False: the key has no permission to read the account
    ip_whitelisted: bool = True  # False: requests come from an IP the key does not allow

    def set_balances(self, balances: Mapping[str, BalanceSpec]) -> None:
        self.balances = {asset: _free_locked(spec) for asset, spec in balances.items()}

    def balance_rows(self, omit_zero: bool) -> list[dict[str, str]]:
        rows = [{"asset": a, "free": f, "locked": lk} for a, (f, lk) in self.balances.items()]
        return [row for row in rows if not (omit_zero and _is_zero(row))]


def _free_locked(spec: BalanceSpec) -> tuple[str, str]:
    if isinstance(spec, tuple | list):
        free, locked = spec
        return str(free), str(locked)
    return str(spec), "0"


def _is_zero(row: dict[str, str]) -> bool:
    try:
        return Decimal(row["free"]) + Decimal(row["locked"]) == 0
    except InvalidOperation:
        return False
