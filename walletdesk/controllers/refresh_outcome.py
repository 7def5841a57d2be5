"""What one refresh did for one credential."""

from __future__ import annotations

from dataclasses import dataclass

from walletdesk.core.errors import WalletDeskError
from walletdesk.core.models import Credential


@dataclass(frozen=True, slots=True)
class RefreshOutcome:
    credential: Credential
    error: WalletDeskError | None = None
    asset_count: int = 0

    @property
    def ok(self) -> bool:
        return self.error is None


class WalletNotUpdatedError(WalletDeskError):
    """This key worked, but another key of the same exchange failed, so the shared wallet
    kept its previous balances (a wallet is never stored half-refreshed)."""
