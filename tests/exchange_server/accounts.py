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
    # Binance's other wallets: asset -> (free, locked, freeze, withdrawing); Simple Earn
    # positions as (asset, amount), several per asset allowed for locked products.
    funding: dict[str, tuple[str, str, str, str]] = field(default_factory=dict)
    flexible: list[tuple[str, str]] = field(default_factory=list)
    locked_earn: list[tuple[str, str]] = field(default_factory=list)
    unreadable: set[str] = field(default_factory=set)  # paths this key may not read

    def funding_rows(self) -> list[dict[str, str]]:
        return [{"asset": asset, "free": free, "locked": locked, "freeze": freeze,
                 "withdrawing": withdrawing, "btcValuation": "0"}
                for asset, (free, locked, freeze, withdrawing) in self.funding.items()]

    def flexible_rows(self) -> list[dict[str, object]]:
        return [{"totalAmount": amount, "tierAnnualPercentageRate": {},
                 "latestAnnualPercentageRate": "0.02", "asset": asset, "canRedeem": True,
                 "collateralAmount": "0",
                 "productId": f"{asset}001", "yesterdayRealTimeRewards": "0",
                 "cumulativeBonusRewards": "0", "cumulativeRealTimeRewards": "0",
                 "cumulativeTotalRewards": "0", "autoSubscribe": True}
                for asset, amount in self.flexible]

    def locked_rows(self) -> list[dict[str, object]]:
        return [{"positionId": 1000 + index, "parentPositionId": 0, "projectId": f"{asset}*90",
                 "asset": asset, "amount": amount, "purchaseTime": "1646182276000",
                 "duration": "90", "accrualDays": "4", "rewardAsset": asset, "APY": "0.05",
                 "isRenewable": True, "isAutoRenew": True, "redeemDate": "1732182276000",
                 "status": "HOLDING"}
                for index, (asset, amount) in enumerate(self.locked_earn)]

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
