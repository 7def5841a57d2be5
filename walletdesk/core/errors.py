"""The errors a user can see.

Every ``WalletDeskError`` carries a message written for the user that says what happened
and what to do next. Front ends print ``str(error)``; they never show a traceback.
Messages never contain a secret, a signature or a token.
"""

from __future__ import annotations

from decimal import Decimal


class WalletDeskError(Exception):
    """Base class: ``str(error)`` is a complete sentence for the user."""


# --- input and data -------------------------------------------------------------------


class ValidationError(WalletDeskError):
    """User input that cannot be stored; ``field`` names the form field at fault."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


class DuplicateCredentialError(ValidationError):
    """A credential with the same exchange and label exists already."""


class NotFoundError(WalletDeskError):
    """A record does not exist for the current user (or belongs to someone else)."""


class InvalidAmountError(WalletDeskError):
    """Text that should be an amount is not a finite number."""


class AmountOutOfRangeError(WalletDeskError):
    """An amount does not fit DECIMAL(18,8): more than 10 integer digits."""

    def __init__(self, value: Decimal) -> None:
        shown = f"{value:.3E}"
        super().__init__(
            f"The amount {shown} is too large to store (at most 10 digits before the "
            "decimal point)."
        )
        self.value = value


# --- storage ----------------------------------------------------------------------------


class StorageError(WalletDeskError):
    """The database cannot be opened, read or written."""


class DatabaseUnusableError(StorageError):
    """The database file is there but cannot be used as it is (damaged, not SQLite, or
    not WalletDesk's): a window shows a blocking screen, never the first-run one."""

    def __init__(self, message: str, path: object, reason: str) -> None:
        super().__init__(message)
        self.path = path
        self.reason = reason  # "is damaged", ...: a window words it for itself


# --- secrets ----------------------------------------------------------------------------


class KeychainUnavailableError(WalletDeskError):
    """No OS keychain to keep the master key in, and no WALLETDESK_MASTER_KEY."""


class MasterKeyError(WalletDeskError):
    """The master key is malformed, missing or cannot be read."""


class DecryptionError(WalletDeskError):
    """A stored secret cannot be decrypted with this machine's master key."""


# --- exchanges --------------------------------------------------------------------------


class ExchangeError(WalletDeskError):
    """An exchange call failed; the message says what to do."""

    retryable = False


class ExchangeAuthError(ExchangeError):
    """The exchange refused the key: bad signature, invalid key, IP or permission."""


class ExchangeRateLimitError(ExchangeError):
    """Too many requests; the exchange asked us to wait."""

    retryable = True


class ExchangeUnavailableError(ExchangeError):
    """Network failure, time-out or server error after the retries ran out."""

    retryable = True


class ExchangeRegionError(ExchangeError):
    """The exchange does not serve the user's region (HTTP 451)."""


class ExchangeResponseError(ExchangeError):
    """The exchange answered with something that is not what its API documents."""


class ClockSkewError(ExchangeError):
    """The exchange says our clock is off even after re-synchronising."""


class UnsupportedExchangeError(ValidationError):
    """An exchange name that WalletDesk does not know."""

    def __init__(self, name: str, supported: tuple[str, ...]) -> None:
        super().__init__(
            "exchange",
            f"Unknown exchange {name[:30]!r}: choose one of {', '.join(supported)} (any case).",
        )


# --- sign-in ----------------------------------------------------------------------------


class AuthError(WalletDeskError):
    """Sign-in failed; nothing was stored."""


class SignInNotConfiguredError(AuthError):
    """No Clerk issuer or client id is configured."""


class SessionExpiredError(AuthError):
    """The stored session is no longer valid; the user must sign in again."""


# --- export -----------------------------------------------------------------------------


class ExportError(WalletDeskError):
    """An export file could not be written."""


class ExportTargetExistsError(ExportError):
    """The export file exists and replacing it was not asked for; nothing was written."""

    def __init__(self, path: object) -> None:
        super().__init__(
            f"{path} already exists, so nothing was written: choose another file name, "
            "or allow replacing it."
        )
        self.path = path


class CancelledError(WalletDeskError):
    """The user stopped an operation; nothing was changed."""
