"""Asking for the master key's password on the terminal (never echoed, never from a pipe)."""

from __future__ import annotations

import getpass
import sys

from walletdesk.controllers.master_key import PasswordRequest
from walletdesk.core.errors import MasterKeyError
from walletdesk.security.master_key import ENV_VAR


def terminal_password_prompt(request: PasswordRequest) -> str:
    if not sys.stdin.isatty():
        raise MasterKeyError(
            "WalletDesk's master key is protected by a password and there is no terminal to "
            f"ask for it: run the command in a terminal, or set {ENV_VAR}."
        )
    if not request.new:
        again = "Wrong password. " if request.again else ""
        return getpass.getpass(f"{again}Password of master key {request.key} (not shown): ")
    print("Choose a password to protect WalletDesk's master key. Without it, the stored API "
          "secrets cannot be used: keep it safe.", file=sys.stderr)
    first = getpass.getpass("New password (not shown): ")
    if getpass.getpass("The same password again: ") != first:
        raise MasterKeyError("The two passwords differ: nothing was changed. Try again.")
    return first
