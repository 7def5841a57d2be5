"""`walletdesk login | logout | whoami`: Clerk sign-in from the command line."""

from __future__ import annotations

import argparse
import webbrowser
from typing import Any

from walletdesk.auth.config import SETUP_HINT
from walletdesk.auth.errors import ProviderUnreachableError
from walletdesk.cli.runner import EXIT_OK, fail
from walletdesk.core.models import User
from walletdesk.core.text import printable
from walletdesk.services import Services

LOCAL_PROFILE = f"local profile (sign-in is not set up: {SETUP_HINT})"
LOCAL_CHOSEN = ("local profile (you chose to continue without signing in; `walletdesk login` "
                "signs in)")


def register(subparsers: Any, parents: list[argparse.ArgumentParser]) -> None:
    login = subparsers.add_parser(
        "login", parents=parents, help="sign in with Clerk in your browser",
        description="Opens your default browser (or $BROWSER) at Clerk's sign-in page and "
        "waits for you to come back signed in. The link is printed too, for when no browser "
        "opens. With --local, no browser: WalletDesk uses the local profile on this computer "
        "(its own keys and balances, apart from any account's), here and in the app, until "
        "you sign in.",
    )
    login.add_argument("--local", action="store_true",
                       help="continue without signing in (offline, or no account): use the "
                       "local profile until a later `walletdesk login`")
    login.set_defaults(handler=log_in)

    logout = subparsers.add_parser("logout", parents=parents,
                                   help="sign out: forget the session on this computer "
                                   "(and revoke it where the provider allows)")
    logout.set_defaults(handler=log_out)

    whoami = subparsers.add_parser("whoami", parents=parents,
                                   help="show the signed-in user (or the local profile)")
    whoami.set_defaults(handler=who_am_i)


def log_in(args: argparse.Namespace, services: Services) -> int:
    if args.local:
        services.session.use_local_profile()
        print("Using the local profile on this computer. `walletdesk login` signs in later.")
        return EXIT_OK

    def show(url: str) -> None:
        print("Opening your browser to sign in to WalletDesk. If it does not open, visit:\n"
              f"  {url}\nWaiting for the sign-in to finish (Ctrl+C to cancel)...", flush=True)

    def hint(text: str) -> None:
        fail(f"still waiting for the browser. {text}")

    user = services.session.login(webbrowser.open, on_url=show, on_hint=hint)
    print(f"Signed in as {describe(user)}.")
    return EXIT_OK


def log_out(args: argparse.Namespace, services: Services) -> int:
    result = services.session.logout()
    if result.warning:
        fail(result.message)
    else:
        print(result.message)
    return EXIT_OK


def who_am_i(args: argparse.Namespace, services: Services) -> int:
    session = services.session
    user = session.whoami()
    if user is None:
        print(LOCAL_CHOSEN if session.local_profile_chosen() else LOCAL_PROFILE)
        return EXIT_OK
    try:
        user = session.check()  # SessionExpiredError: exit 1, "sign in again"
    except ProviderUnreachableError:
        fail("the sign-in service could not be reached, so the session was not checked; "
             "showing the stored profile.")
    # The email and name are the sign-in service's words: no terminal escapes get through.
    print(f"id:    {printable(user.id)}\nemail: {printable(user.email)}\n"
          f"name:  {printable(user.name or '-')}")
    return EXIT_OK


def describe(user: User) -> str:
    email = printable(user.email)
    return f"{printable(user.name)} <{email}>" if user.name else email
