"""The credentials table: exchange, label, shortened public key, created, last check."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from PySide6.QtGui import QIcon

from walletdesk.controllers.freshness import age, utc_now
from walletdesk.core.models import Credential, KeyRefresh, Wallet
from walletdesk.exchanges.catalog import display_name
from walletdesk.ui.error_words import in_window_words
from walletdesk.ui.formatting import Formatter
from walletdesk.ui.models.check_status import CheckLevel, CheckStatus
from walletdesk.ui.models.icons import status_icon
from walletdesk.ui.models.record_model import Column, RecordTableModel


@dataclass(frozen=True, slots=True)
class CredentialRow:
    credential: Credential
    check: CheckStatus | None = None


def natural_key(text: str) -> tuple[tuple[int, int | str], ...]:
    """Sorts "Demo 2" before "Demo 10", as people count (case ignored)."""
    return tuple((0, int(part)) if part.isdigit() else (1, part)
                 for part in re.split(r"(\d+)", text.casefold()) if part)


def shorten_key(api_key: str) -> str:
    """Enough of the public key to tell keys apart: "mx0v…a1b2"."""
    return api_key if len(api_key) <= 10 else f"{api_key[:4]}…{api_key[-4:]}"


def _check_icon(row: CredentialRow) -> QIcon | None:
    return status_icon(row.check.level) if row.check else None


def credential_columns(fmt: Formatter) -> list[Column[CredentialRow]]:
    return [
        Column("Exchange", lambda r: display_name(r.credential.exchange),
               lambda r: (r.credential.exchange, natural_key(r.credential.label or ""))),
        Column("Label", lambda r: r.credential.label or "",
               lambda r: (natural_key(r.credential.label or ""), r.credential.exchange)),
        Column("API key", lambda r: shorten_key(r.credential.api_key),
               lambda r: r.credential.api_key,
               tooltip=lambda r: "The public key; the secret is kept encrypted and never shown."),
        Column("Created", lambda r: fmt.when(r.credential.created_at),
               lambda r: r.credential.created_at),
        Column("Last check", lambda r: r.check.message if r.check else "Not checked yet",
               lambda r: r.check.level.value if r.check else "",
               tooltip=lambda r: r.check.message if r.check else None, icon=_check_icon),
    ]


def _from_storage(credential: Credential, refreshes: dict[str, KeyRefresh],
                  refreshed: dict[str, datetime]) -> CheckStatus | None:
    """What the key's last refresh said (stored); for a key refreshed before outcomes were
    stored, whether its wallet was."""
    last = refreshes.get(credential.id)
    if last is not None:
        ago = age(last.at, utc_now())
        if last.error is None:
            return CheckStatus(CheckLevel.OK, f"Worked at the last refresh ({ago})")
        return CheckStatus(CheckLevel.ERROR,
                           f"Failed at the last refresh ({ago}): {in_window_words(last.error)}")
    stored = refreshed.get(credential.exchange)
    if stored is None or stored < credential.created_at:
        return None  # never refreshed since it was added: "Not checked yet" is the truth
    return CheckStatus(CheckLevel.OK, f"Worked at the last refresh ({age(stored, utc_now())})")


class CredentialsModel(RecordTableModel[CredentialRow]):
    def __init__(self, fmt: Formatter, parent: Any = None) -> None:
        super().__init__(credential_columns(fmt), parent)
        self._checks: dict[str, CheckStatus] = {}

    def set_credentials(self, credentials: list[Credential], wallets: Iterable[Wallet] = (),
                        refreshes: Iterable[KeyRefresh] = ()) -> None:
        """For keys not checked in this window (after a restart): ``refreshes``, what their
        last refreshes said, and ``wallets``, what they stored (a wallet is only stored when
        all its exchange's keys worked)."""
        refreshed = {w.exchange: w.last_updated for w in wallets}
        last = {r.credential_id: r for r in refreshes}
        self.set_rows([CredentialRow(c, self._checks.get(c.id)
                                     or _from_storage(c, last, refreshed))
                       for c in credentials])

    def set_check(self, credential_id: str, status: CheckStatus) -> None:
        self._checks[credential_id] = status
        for row, record in enumerate(self.rows()):
            if record.credential.id == credential_id:
                self._replace(row, CredentialRow(record.credential, status))

    def credentials(self) -> list[Credential]:
        return [row.credential for row in self.rows()]

    def _replace(self, row: int, record: CredentialRow) -> None:
        self._rows[row] = record
        self.dataChanged.emit(self.index(row, 0), self.index(row, self.columnCount() - 1))
