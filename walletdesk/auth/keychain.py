"""The refresh token in the OS keychain (keyring): never in a file or the database.

Service ``walletdesk``; the account name holds the client id and issuer, so two sign-in
configurations (say a development and a production Clerk instance) never share a token.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager, suppress

from walletdesk.auth.config import SignInConfig
from walletdesk.core.errors import KeychainUnavailableError
from walletdesk.logging_setup import SECRETS

SERVICE = "walletdesk"

_NO_KEYCHAIN = (
    "No OS keychain is available to keep your WalletDesk sign-in. Start your desktop's "
    "keychain (e.g. GNOME Keyring, KWallet, macOS Keychain) and try again."
)


def account_name(config: SignInConfig) -> str:
    return f"clerk-refresh-token:{config.client_id}@{config.issuer}"


class RefreshTokenStore:
    def load(self, config: SignInConfig) -> str | None:
        import keyring

        with _keychain_errors():
            token = keyring.get_password(SERVICE, account_name(config))
        if token:
            SECRETS.add(token)
        return token or None

    def save(self, config: SignInConfig, token: str) -> None:
        import keyring

        with _keychain_errors():
            keyring.set_password(SERVICE, account_name(config), token)

    def delete(self, config: SignInConfig) -> None:
        import keyring
        from keyring.errors import PasswordDeleteError

        # Nothing stored means already signed out.
        with _keychain_errors(), suppress(PasswordDeleteError):
            keyring.delete_password(SERVICE, account_name(config))


@contextmanager
def _keychain_errors() -> Iterator[None]:
    from keyring.errors import KeyringError, KeyringLocked, NoKeyringError

    try:
        yield
    except NoKeyringError as exc:
        raise KeychainUnavailableError(_NO_KEYCHAIN) from exc
    except KeyringLocked as exc:
        raise KeychainUnavailableError(
            "The OS keychain is locked: unlock it (log in to your desktop session) and try "
            "again."
        ) from exc
    except KeyringError as exc:
        raise KeychainUnavailableError(
            f"The OS keychain failed ({type(exc).__name__}). " + _NO_KEYCHAIN
        ) from exc
