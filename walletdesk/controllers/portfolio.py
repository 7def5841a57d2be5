"""Refreshing and reading the current user's wallets and balances.

Refresh runs every credential concurrently (one thread per request) and persists each
exchange's wallet in its own transaction, so one failing exchange never blocks or rolls
back another, and a failed wallet keeps its previous balances exactly.

Each key's outcome (worked, or the error shown) is stored after the refresh
(``store.refresh_outcomes``), so a failed wallet is still marked old after a restart and in
the CLI; a cancelled key keeps its previous outcome.

Several keys for one exchange: the spec allows one wallet per (user, exchange), so the
wallet holds the exact sum of the keys' balances per asset (free + free, locked + locked).
The wallet is only replaced when every key of that exchange succeeded; otherwise it keeps
its previous balances, and the keys that did work report ``WalletNotUpdatedError``.
"""

from __future__ import annotations

import logging
import threading
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from datetime import UTC, datetime
from decimal import Decimal

from walletdesk.controllers.refresh_outcome import RefreshOutcome, WalletNotUpdatedError
from walletdesk.controllers.user_scope import UserController
from walletdesk.controllers.wallet_fold import fold
from walletdesk.core.balance_table import BalanceTable
from walletdesk.core.bulk_work import bulk_work
from walletdesk.core.errors import (
    AmountOutOfRangeError,
    CancelledError,
    DecryptionError,
    ExchangeResponseError,
    KeychainUnavailableError,
    MasterKeyError,
    WalletDeskError,
)
from walletdesk.core.keys import ApiCredentials
from walletdesk.core.models import (
    Credential,
    Holdings,
    Portfolio,
    User,
    Wallet,
    failed_exchanges,
)
from walletdesk.core.secret_parts import decode_secret_parts
from walletdesk.exchanges.catalog import canonical_exchange, display_name
from walletdesk.logging_setup import SECRETS
from walletdesk.store.credentials import CredentialRepository
from walletdesk.store.hidden_assets import AssetKey, HiddenAssetRepository
from walletdesk.store.refresh_outcomes import RefreshOutcomeRepository
from walletdesk.store.wallets import WalletRepository

log = logging.getLogger(__name__)

# Each exchange's price call and every key's balance call run at once: ten exchanges with a
# key or two each must not queue behind one another (connections stay capped per host).
MAX_PARALLEL_REQUESTS = 32
OutcomeCallback = Callable[[RefreshOutcome], None]
_NOT_ASKED = (CancelledError, MasterKeyError, KeychainUnavailableError, DecryptionError)


class PortfolioController(UserController):
    # --- reads ---------------------------------------------------------------------------

    def _wallets(self) -> WalletRepository:
        return self._wallets_for(self._scope.user())

    def portfolio(self) -> Portfolio:
        return self._wallets().portfolio()

    def wallets(self) -> list[Wallet]:
        return self._wallets().wallets()

    def balances(
        self, exchange: str | None = None, min_usd: Decimal | None = None, *,
        include_hidden: bool = False,
    ) -> BalanceTable:
        """The stored balances, without the assets the user hid unless ``include_hidden``."""
        canonical = canonical_exchange(exchange) if exchange else None
        return self._wallets().balances(exchange=canonical, min_usd=min_usd,
                                        without_hidden=not include_hidden)

    def failures(self) -> dict[str, str]:
        """Exchanges whose last refresh failed, with why (``core.models.failed_exchanges``)."""
        refreshes = RefreshOutcomeRepository(self._scope.database, self._scope.user().id).last()
        return failed_exchanges(refreshes)

    # --- hidden assets -------------------------------------------------------------------

    def _hidden(self) -> HiddenAssetRepository:
        return HiddenAssetRepository(self._scope.database, self._scope.user().id)

    def hidden_assets(self) -> frozenset[AssetKey]:
        """(exchange, asset) pairs the user hid one by one (spam airdrops, say)."""
        return self._hidden().hidden()

    def hide_assets(self, assets: Iterable[AssetKey]) -> None:
        self._hidden().hide(assets)

    def show_assets(self, assets: Iterable[AssetKey]) -> None:
        """Show these hidden assets again."""
        self._hidden().show(assets)

    # --- refresh -------------------------------------------------------------------------

    def refresh(
        self,
        exchange: str | None = None,
        *,
        on_outcome: OutcomeCallback | None = None,
        cancel: threading.Event | None = None,
    ) -> list[RefreshOutcome]:
        """Refresh every credential (of one exchange, if given); one outcome per credential."""
        self._scope.database.check_writable()  # one message, before any exchange is asked
        user = self._scope.user()
        canonical = canonical_exchange(exchange) if exchange else None
        stored = CredentialRepository(self._scope.database, user.id).secrets(canonical)
        if not stored:
            return []
        groups: dict[str, list[tuple[Credential, bytes]]] = defaultdict(list)
        for credential, blob in stored:
            groups[credential.exchange].append((credential, blob))
        workers = min(MAX_PARALLEL_REQUESTS, len(stored) + len(groups))
        # One moment for every wallet of this refresh: it makes one point of the history.
        refreshed_at = datetime.now(UTC)
        outcomes: list[RefreshOutcome] = []
        # The collector waits for the whole of it (core.bulk_work): the answers are read, and
        # each wallet folded, valued and stored, in threads that overlap, and when it resumes
        # only this refresh's few results are left of all it built (not 10,000 assets' records
        # of an answer still held, which its first pass would walk).
        with bulk_work(), ThreadPoolExecutor(max_workers=workers,
                                             thread_name_prefix="refresh") as pool:
            prices = {name: pool.submit(self._exchanges.get(name).fetch_prices) for name in groups}
            fetches = {
                credential.id: pool.submit(self._fetch, user, credential, blob)
                for credential, blob in stored
            }
            for name, members in groups.items():
                wallet_outcomes = self._settle_wallet(
                    user,
                    name,
                    [c for c, _ in members],
                    prices=prices[name],
                    fetches=fetches,
                    cancel=cancel,
                    refreshed_at=refreshed_at,
                )
                for outcome in wallet_outcomes:
                    if on_outcome is not None:
                        on_outcome(outcome)
                outcomes.extend(wallet_outcomes)
        self._record_outcomes(user, refreshed_at, outcomes)
        if any(outcome.ok for outcome in outcomes):
            self._compact_history(user)
        return outcomes

    def _record_outcomes(self, user: User, at: datetime,
                         outcomes: Sequence[RefreshOutcome]) -> None:
        """Keep what each key's refresh said; a failure to keep it must not fail the
        refresh (the balances are stored), so it is logged. A cancelled key, or one whose
        secret could not be opened here (a wrong or missing master key: the exchange was
        never asked, and such a run must change nothing), keeps its previous outcome."""
        said = [(o.credential.id, None if o.error is None else str(o.error))
                for o in outcomes if not isinstance(o.error, _NOT_ASKED)]
        try:
            RefreshOutcomeRepository(self._scope.database, user.id).record(at, said)
        except WalletDeskError as error:
            log.warning("could not store the refresh outcomes: %s", error)

    def _compact_history(self, user: User) -> None:
        """Thin out old history (``store.history_compaction``); the refresh already ran off
        the GUI thread, so this does too. A failure here must not fail the refresh."""
        from walletdesk.store.history_compaction import compact_history

        try:
            compact_history(self._scope.database, user.id, datetime.now(UTC))
        except WalletDeskError as error:
            log.warning("history compaction skipped: %s", error)

    def _fetch(self, user: User, credential: Credential, blob: bytes) -> Holdings:
        plain = self._vault.decrypt(blob, credential_id=credential.id, user_id=user.id)
        creds = ApiCredentials.from_parts(credential.api_key, decode_secret_parts(plain))
        with SECRETS.in_use(*creds.secret_values()):
            return self._exchanges.get(credential.exchange).fetch_balances(creds)

    def _settle_wallet(
        self,
        user: User,
        exchange: str,
        credentials: Sequence[Credential],
        *,
        prices: Future[dict[str, Decimal]],
        fetches: dict[str, Future[Holdings]],
        cancel: threading.Event | None,
        refreshed_at: datetime,
    ) -> list[RefreshOutcome]:
        """Wait for one exchange's requests, then replace its wallet in one transaction."""
        errors: dict[str, WalletDeskError] = {}
        holdings: dict[str, Holdings] = {}
        for credential in credentials:
            try:
                # Taken out: only this settling, which ends inside bulk_work, holds it then.
                holdings[credential.id] = fetches.pop(credential.id).result()
            except Exception as error:
                errors[credential.id] = _as_user_error(error, exchange)
        try:
            price_table = prices.result()
        except Exception as error:
            failure = _as_user_error(error, exchange)
            return [RefreshOutcome(c, errors.get(c.id, failure)) for c in credentials]
        if cancel is not None and cancel.is_set():
            cancelled = CancelledError("Refresh cancelled; the previous balances were kept.")
            return [RefreshOutcome(c, errors.get(c.id, cancelled)) for c in credentials]
        if errors:
            return [
                RefreshOutcome(c, errors.get(c.id) or _not_updated(exchange, credentials, errors))
                for c in credentials
            ]
        try:
            folded = fold(holdings)
            wallet = self._wallets_for(user).replace_wallet(
                exchange, folded.stored(price_table), refreshed_at,
                credential_ids=[c.id for c in credentials])
        except WalletDeskError as error:  # this wallet only: the others are still settled
            failure = _too_large(exchange, error) if isinstance(error, AmountOutOfRangeError) \
                else error
            return [RefreshOutcome(c, failure) for c in credentials]
        log.info("refreshed %s wallet: %d assets", exchange, wallet.asset_count)
        for lost in folded.left_out.values():
            for entry in lost:
                log.warning("%s: left out %s", exchange, entry)
        return [RefreshOutcome(c, None, wallet.asset_count, folded.left_out.get(c.id, ()))
                for c in credentials]

    def _wallets_for(self, user: User) -> WalletRepository:
        return WalletRepository(self._scope.database, user.id, display_name=display_name)


def _as_user_error(error: BaseException, exchange: str) -> WalletDeskError:
    if isinstance(error, WalletDeskError):
        return error
    log.error("unexpected %s while refreshing %s", type(error).__name__, exchange, exc_info=error)
    return WalletDeskError(
        f"Unexpected problem while reading {display_name(exchange)} "
        f"({type(error).__name__}); the previous balances were kept. Details are in the log."
    )


def _too_large(exchange: str, error: AmountOutOfRangeError) -> ExchangeResponseError:
    """Each amount fitted, but a sum over keys or assets does not: the data is implausible."""
    name = display_name(exchange)
    return ExchangeResponseError(
        f"{name} reports balances that add up to more than WalletDesk can store "
        f"({error.value:.3E}; at most 10 digits before the decimal point), so the previous "
        f"balances were kept. Check the balances on {name}, and report it if they are right."
    )


def _not_updated(
    exchange: str, credentials: Sequence[Credential], errors: dict[str, WalletDeskError]
) -> WalletNotUpdatedError:
    failed = [c for c in credentials if c.id in errors]
    names = ", ".join(c.label or c.api_key[:6] + "…" for c in failed)
    return WalletNotUpdatedError(
        f"This key worked, but the {display_name(exchange)} wallet kept its previous balances "
        f"because another key failed ({names}). Fix or remove that key and refresh again."
    )
