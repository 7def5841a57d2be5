"""An error as the window says it. Errors are written once, for every front end; a few name
things only a terminal has (an environment variable to set, a command in backticks), and a
window user cannot act on those: here they get the window's own words.
"""

from __future__ import annotations

import re

from walletdesk.core.errors import KeychainUnavailableError, WalletDeskError

NO_KEYCHAIN = (
    "WalletDesk keeps the key that encrypts your API secrets in the system keychain, and "
    "none is available. Start your desktop's keychain (GNOME Keyring or KWallet, usually "
    "part of signing in to the desktop), then try again. WalletDesk can also protect the "
    "key with a password instead: it asks for one when a new data folder has no keychain; "
    "for a folder that already has keys, run “walletdesk rekey --password” once in a "
    "terminal."
)
_COMMAND = re.compile(r"`([^`]+)`")


def in_window_words(error: WalletDeskError | str) -> str:
    if isinstance(error, KeychainUnavailableError):
        return NO_KEYCHAIN
    return _COMMAND.sub(r"“\1”", str(error))  # no raw backticks in a window
