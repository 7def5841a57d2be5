"""How ``--secret-stdin`` and the hidden prompts read every secret part an exchange's key has.

- One secret: the first line of standard input.
- A secret and a passphrase (OKX, KuCoin, Bitget): the first line, then the second.
- A multi-line secret (Coinbase's PEM private key): all of standard input, which may also
  be the content of the downloaded CDP key JSON file.

Without ``--secret-stdin`` each part is asked for at a prompt that does not echo; a
multi-line key cannot be typed at such a prompt, so the message says how to pipe it in.
"""

from __future__ import annotations

import getpass
import sys
from dataclasses import dataclass

from walletdesk.core.errors import ValidationError
from walletdesk.core.secret_parts import PASSPHRASE, SECRET
from walletdesk.exchanges.profile import ExchangeProfile


@dataclass(frozen=True)
class EnteredSecret:
    """What the user gave, before the controller validates it (never printed)."""

    secret: str
    passphrase: str | None = None

    def __repr__(self) -> str:
        return "EnteredSecret(***)"


def split_stdin(profile: ExchangeProfile, text: str) -> EnteredSecret:
    """The parts of ``profile``'s key from what was piped in."""
    fields = {f.part: f for f in profile.secret_fields}
    if fields[SECRET].multiline:
        return EnteredSecret(secret=text)
    lines = text.splitlines()
    secret = lines[0] if lines else ""
    if PASSPHRASE not in fields:
        return EnteredSecret(secret=secret)
    if len(lines) < 2:
        raise ValidationError(
            PASSPHRASE,
            f"{profile.display_name} keys have a passphrase: put the secret on the first line "
            "of standard input and the passphrase on the second.",
        )
    return EnteredSecret(secret=secret, passphrase=lines[1])


# An API secret is under 100 characters, a Coinbase key file about 300: a few KiB is plenty,
# and a mistaken `< big-file` or an endless pipe stops here instead of filling memory.
MAX_SECRET_STDIN = 8 * 1024


def read_stdin() -> str:
    try:
        text = sys.stdin.read(MAX_SECRET_STDIN + 1)
    except UnicodeDecodeError:
        raise ValidationError(
            SECRET, "The secret on standard input is not text: copy it again from the exchange."
        ) from None
    if len(text) > MAX_SECRET_STDIN:
        raise ValidationError(
            SECRET,
            f"Standard input holds more than {MAX_SECRET_STDIN // 1024} KiB, which is not an "
            "API secret: pipe in only the secret (or the key file).",
        )
    return text


def prompt(profile: ExchangeProfile) -> EnteredSecret:
    """Ask for each part without echoing it."""
    fields = {f.part: f for f in profile.secret_fields}
    if fields[SECRET].multiline:
        raise ValidationError(
            SECRET,
            f"A {profile.display_name} private key has several lines: pipe it (or the "
            "downloaded key file) in with --secret-stdin, e.g. "
            "`walletdesk credentials add ... --secret-stdin < key.json`.",
        )
    if not sys.stdin.isatty():
        raise ValidationError(
            SECRET,
            "No terminal to ask for the secret: pass --secret-stdin and pipe the secret in.",
        )
    secret = getpass.getpass(f"{fields[SECRET].label} (not shown): ")
    if PASSPHRASE not in fields:
        return EnteredSecret(secret=secret)
    return EnteredSecret(secret, getpass.getpass(f"{fields[PASSPHRASE].label} (not shown): "))


def read_entered(profile: ExchangeProfile, from_stdin: bool, api_key: str | None) -> EnteredSecret:
    """Every part, from stdin or prompts; a key file naming another key than ``api_key``
    (when given) is refused before anything is stored."""
    entered = split_stdin(profile, read_stdin()) if from_stdin else prompt(profile)
    secret_field = next(f for f in profile.secret_fields if f.part == SECRET)
    named = secret_field.key_name(entered.secret) if secret_field.key_name else None
    if named and api_key is not None and named != api_key.strip():
        raise ValidationError(
            "api_key",
            f"The key file is for the key {named}, not the --api-key given: pass "
            f"--api-key {named}, or the file of that key.",
        )
    return entered
