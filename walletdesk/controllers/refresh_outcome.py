"""What one refresh did for one credential."""

from __future__ import annotations

from dataclasses import dataclass

from walletdesk.core.errors import WalletDeskError
from walletdesk.core.models import Credential, LeftOut
from walletdesk.exchanges.catalog import display_name


@dataclass(frozen=True, slots=True)
class RefreshOutcome:
    credential: Credential
    error: WalletDeskError | None = None
    asset_count: int = 0
    left_out: tuple[LeftOut, ...] = ()  # entries of this key that could not be stored

    @property
    def ok(self) -> bool:
        return self.error is None

    @property
    def notice(self) -> str | None:
        """A refresh that worked but left entries out: "PEPE: 12,345,678,901 is more than
        WalletDesk can store; the rest of MEXC was refreshed." None when nothing was lost."""
        if not self.left_out:
            return None
        lost = "; ".join(str(entry) for entry in self.left_out)
        return f"{lost}; the rest of {display_name(self.credential.exchange)} was refreshed."


class WalletNotUpdatedError(WalletDeskError):
    """This key worked, but another key of the same exchange failed, so the shared wallet
    kept its previous balances (a wallet is never stored half-refreshed)."""
