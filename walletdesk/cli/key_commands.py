"""`walletdesk rekey`: seal every secret under a new master key, in one transaction."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from walletdesk.cli.runner import EXIT_OK
from walletdesk.security.master_key import ENV_VAR
from walletdesk.services import Services

# The names of controllers.master_key's places, spelled here so the parser (built at every
# start, the GUI's too) does not import the store; a test checks that they agree.
KEYCHAIN, PASSWORD, VARIABLE = "keychain", "password", "variable"


def register(subparsers: Any, parents: list[argparse.ArgumentParser]) -> None:
    rekey = subparsers.add_parser(
        "rekey", parents=parents, help="re-encrypt every secret under a new master key",
        description="Makes a new master key and re-encrypts every stored API secret with it in "
        "one transaction: if anything fails, the old key stays in use. Without an option the "
        "new key is kept where the current one is.",
    )
    where = rekey.add_mutually_exclusive_group()
    where.add_argument("--keychain", dest="place", action="store_const", const=KEYCHAIN,
                       help="keep the new key in the OS keychain")
    where.add_argument("--password", dest="place", action="store_const", const=PASSWORD,
                       help="protect the new key with a password (asked twice), for desktops "
                       "without a keychain")
    where.add_argument("--new-key-stdin", dest="place", action="store_const", const=VARIABLE,
                       help=f"read the new key (base64 of 32 bytes) from standard input; you "
                       f"then keep it in {ENV_VAR}")
    rekey.add_argument("--old-key-lost", action="store_true",
                       help="the old key is gone for good: start a new one; secrets sealed "
                       "with the old key must then be entered again")
    rekey.set_defaults(handler=rekey_secrets, place=None)


def rekey_secrets(args: argparse.Namespace, services: Services) -> int:
    new_key_text = sys.stdin.read(1024) if args.place == VARIABLE else None
    key, count = services.master_key.rekey(args.place, new_key_text=new_key_text,
                                           old_key_lost=args.old_key_lost)
    print(f"{count} secret(s) re-encrypted under the new master key {key}. "
          + services.master_key.describe())
    if args.place == VARIABLE or (args.place is None and ENV_VAR in services.key_environment):
        print(f"Set {ENV_VAR} to the new key before the next command.")
    return EXIT_OK
