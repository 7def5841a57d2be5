"""`walletdesk credentials add|list|update|remove`."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from walletdesk.cli.arguments import EXCHANGE_HELP, exchange_argument
from walletdesk.cli.runner import EXIT_OK
from walletdesk.cli.secret_input import EnteredSecret, read_entered
from walletdesk.core.errors import NotFoundError
from walletdesk.core.models import Credential
from walletdesk.exchanges.catalog import display_name
from walletdesk.export import format_timestamp, render_table
from walletdesk.services import Services


def register(subparsers: Any, parents: list[argparse.ArgumentParser]) -> None:
    group = subparsers.add_parser("credentials", parents=parents, help="manage exchange API keys")
    commands = group.add_subparsers(dest="credentials_command", metavar="ACTION", required=True)

    add = commands.add_parser("add", parents=parents, help="store a read-only API key")
    add.add_argument(
        "--exchange",
        required=True,
        metavar="NAME",
        type=exchange_argument,
        help=EXCHANGE_HELP,
    )
    add.add_argument("--api-key", required=True, metavar="KEY", help="the public API key")
    add.add_argument("--label", metavar="L", help="a name to tell keys apart")
    add.add_argument(
        "--secret-stdin",
        action="store_true",
        help="read the API secret from standard input (else a hidden prompt)",
    )
    add.set_defaults(handler=add_credential)

    listing = commands.add_parser("list", parents=parents, help="list stored keys (never secrets)")
    listing.add_argument("--format", choices=("table", "json"), default="table")
    listing.set_defaults(handler=list_credentials)

    update = commands.add_parser("update", parents=parents, help="change a stored key")
    update.add_argument("id", metavar="ID", help="credential id (or a unique start of it)")
    update.add_argument("--api-key", metavar="KEY")
    update.add_argument("--label", metavar="L", help="new label ('' removes it)")
    update.add_argument(
        "--replace-secret",
        action="store_true",
        help="read a new secret (stdin with --secret-stdin, else a hidden prompt)",
    )
    update.add_argument("--secret-stdin", action="store_true")
    update.set_defaults(handler=update_credential)

    remove = commands.add_parser(
        "remove", parents=parents, help="delete a key and the wallet of its exchange"
    )
    remove.add_argument("id", metavar="ID", help="credential id (or a unique start of it)")
    remove.set_defaults(handler=remove_credential)

    test = commands.add_parser(
        "test", parents=parents, help="check a stored key against its exchange",
        description="Asks the exchange whether the stored key works and whether it is "
        "read-only, as the window's Test connection does. Nothing is stored.",
    )
    test.add_argument("id", metavar="ID", help="credential id (or a unique start of it)")
    test.set_defaults(handler=test_credential)


def add_credential(args: argparse.Namespace, services: Services) -> int:
    from walletdesk.controllers.credentials import DEMO_SECRET
    from walletdesk.core.validation import clean_api_key, clean_label
    from walletdesk.exchanges.catalog import DEMO, profile

    # Validate what we can before prompting, so a typo does not cost a paste.
    exchange = args.exchange  # canonical already: see exchange_argument
    clean_api_key(args.api_key)
    clean_label(args.label)
    if exchange == DEMO and not args.secret_stdin:
        entered = EnteredSecret(DEMO_SECRET)  # the offline demo has nothing to protect
    else:
        entered = read_entered(profile(exchange), args.secret_stdin, args.api_key)
    credential = services.credentials.add(
        exchange=exchange,
        api_key=args.api_key,
        label=args.label,
        secret=entered.secret,
        passphrase=entered.passphrase,
    )
    print(
        f"Added {display_name(credential.exchange)} key {credential.id}"
        + (f" ({credential.label})" if credential.label else "")
        + "."
    )
    return EXIT_OK


def resolve_id(services: Services, given: str) -> str:
    matches = [c.id for c in services.credentials.list() if c.id.startswith(given.strip())]
    if len(given.strip()) >= 4 and len(matches) == 1:
        return matches[0]
    if len(matches) > 1:
        raise NotFoundError(f"{given!r} matches {len(matches)} credentials: give more of the id.")
    raise NotFoundError(f"No credential with id {given[:40]!r}: see `walletdesk credentials list`.")


def update_credential(args: argparse.Namespace, services: Services) -> int:
    from walletdesk.exchanges.catalog import profile

    credential_id = resolve_id(services, args.id)
    entered = None
    if args.replace_secret:
        stored = services.credentials.get(credential_id)
        api_key = args.api_key if args.api_key is not None else stored.api_key
        entered = read_entered(profile(stored.exchange), args.secret_stdin, api_key)
    services.credentials.update(
        credential_id,
        api_key=args.api_key,
        label=args.label,  # not given: kept; --label "": removed
        secret=entered.secret if entered else None,
        passphrase=entered.passphrase if entered else None,
    )
    print(f"Updated credential {credential_id}.")
    return EXIT_OK


def remove_credential(args: argparse.Namespace, services: Services) -> int:
    credential_id = resolve_id(services, args.id)
    services.credentials.remove(credential_id)
    print(f"Removed credential {credential_id} and its exchange's stored balances.")
    return EXIT_OK


def test_credential(args: argparse.Namespace, services: Services) -> int:
    credential_id = resolve_id(services, args.id)
    credential = services.credentials.get(credential_id)
    check = services.credentials.test_stored(credential_id)  # ExchangeError: exit 1
    print(f"{display_name(credential.exchange)} key {credential_id}: {check.message}")
    return EXIT_OK


def short_key(api_key: str) -> str:
    return api_key if len(api_key) <= 10 else f"{api_key[:6]}…{api_key[-4:]}"


def _as_json(credential: Credential) -> dict[str, Any]:
    return {
        "id": credential.id,
        "exchange": credential.exchange,
        "label": credential.label,
        "api_key": credential.api_key,
        "created_at": format_timestamp(credential.created_at),
        "updated_at": format_timestamp(credential.updated_at),
    }


def list_credentials(args: argparse.Namespace, services: Services) -> int:
    credentials = services.credentials.list()
    if args.format == "json":
        json.dump([_as_json(c) for c in credentials], sys.stdout, indent=2)
        print()
        return EXIT_OK
    if not credentials:
        print(
            "No credentials yet. Add one with `walletdesk credentials add --exchange MEXC "
            "--api-key KEY --secret-stdin`, or try `--exchange demo`."
        )
        return EXIT_OK
    rows = [
        [
            c.id,
            display_name(c.exchange),
            c.label or "",
            short_key(c.api_key),
            c.created_at.strftime("%Y-%m-%d %H:%M"),
        ]
        for c in credentials
    ]
    print(render_table(["ID", "EXCHANGE", "LABEL", "API KEY", "CREATED (UTC)"], rows))
    return EXIT_OK
