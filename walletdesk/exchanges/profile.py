"""What an exchange declares about itself: its ``PROFILE`` (``profiles/<name>.py``).

Everything the rest of WalletDesk knows about an exchange is read from its profile: the
canonical name (stored in ``exchange``), the display name, the secret parts a key has, the
base-URL variables, the help page on creating a read-only key, whether the exchange reports
a key's permissions, its documented rate limits (``pace``: per IP and per account) and how
to build its adapter. ``catalog.py`` lists the profiles.

Profiles are imported at first paint (the window shows display names), their adapters only
when first used: a profile's ``adapter`` factory imports the adapter module, and its
top-level imports stay light (``tests/exchanges/test_catalog.py`` checks both).
"""

from __future__ import annotations

import ipaddress
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from walletdesk.core.errors import ExchangeError
from walletdesk.core.secret_parts import PASSPHRASE, SECRET
from walletdesk.core.validation import clean_passphrase, clean_secret
from walletdesk.exchanges.pacing import Pace

if TYPE_CHECKING:
    from walletdesk.exchanges.base import ExchangeAdapter
    from walletdesk.exchanges.http import RetryPolicy, Timeouts


@dataclass(frozen=True)
class SecretField:
    """One secret part a key of this exchange has, as the form and the CLI ask for it."""

    part: str  # its name inside the encrypted payload (core/secret_parts.py)
    label: str  # the form's label
    clean: Callable[[str], str]  # validates and normalises what the user typed
    multiline: bool = False  # a PEM key: several lines, pasted or loaded from a file
    # The API key named inside the secret's text, if any (Coinbase's downloaded key file
    # names its key): the form fills the API key from it, the CLI checks --api-key against it.
    key_name: Callable[[str], str | None] | None = None
    key_file_filter: str = ""  # the "Load key file…" dialog's filter; "" for no such button


API_SECRET = SecretField(SECRET, "API secret", clean_secret)
API_PASSPHRASE = SecretField(PASSPHRASE, "Passphrase", clean_passphrase)


@dataclass(frozen=True)
class AdapterSettings:
    """What an adapter factory gets: its exchange's resolved addresses and the shared policy."""

    profile: ExchangeProfile
    environ: Mapping[str, str]
    policy: RetryPolicy | None = None
    timeouts: Timeouts | None = None

    def base_url(self, host: str = "") -> str:
        """The address of the exchange's ``host`` ("" for the main API, else a key of
        ``ExchangeProfile.extra_hosts``), from its variable if set."""
        profile = self.profile
        main = resolve_base_url(profile.base_url_variable(), profile.default_base_url,
                                self.environ)
        if not host:
            return main
        # A main address set by hand (a proxy, a testnet, a stand-in) serves the other hosts'
        # paths too unless their own variable says otherwise: never the public host behind it.
        default = profile.extra_hosts[host] if main == profile.default_base_url else main
        return resolve_base_url(profile.base_url_variable(host), default, self.environ)


AdapterFactory = Callable[[AdapterSettings], "ExchangeAdapter"]


@dataclass(frozen=True)
class ExchangeProfile:
    name: str  # canonical, stored in ``exchange`` (VARCHAR(20)); upper case
    display_name: str
    adapter: AdapterFactory
    default_base_url: str = ""  # "" for an exchange that never touches the network (DEMO)
    secret_fields: tuple[SecretField, ...] = (API_SECRET,)
    help_url: str = ""  # the exchange's page on creating a read-only API key
    reports_permissions: bool = True  # False: its key check cannot tell trade/withdraw rights
    extra_hosts: Mapping[str, str] = field(default_factory=dict)  # "FUTURES" -> default URL
    pace: Pace = field(default_factory=Pace)  # main host's budgets: per IP, per account
    extra_paces: Mapping[str, Pace] = field(default_factory=dict)  # of extra_hosts, by key
    is_demo: bool = False

    def base_url_variable(self, host: str = "") -> str:
        """``WALLETDESK_<NAME>_BASE_URL``, or ``WALLETDESK_<NAME>_<HOST>_BASE_URL``."""
        middle = f"{self.name}_{host}" if host else self.name
        return f"WALLETDESK_{middle}_BASE_URL"

    def base_url_variables(self) -> tuple[str, ...]:
        if self.is_demo:
            return ()
        return (self.base_url_variable(), *(self.base_url_variable(h) for h in self.extra_hosts))

    @property
    def secret_parts(self) -> tuple[str, ...]:
        return tuple(f.part for f in self.secret_fields)


def resolve_base_url(variable: str, default: str, environ: Mapping[str, str]) -> str:
    """``variable`` if set (testnets, proxies, tests), else ``default``.

    Only https, except for a loopback address (a local stand-in or proxy): a plain-http
    address elsewhere would send signed requests and API keys in the clear.
    """
    url = environ.get(variable, "").strip().rstrip("/")
    if not url:
        return default
    parts = urlsplit(url)
    if parts.scheme == "https" and parts.hostname:
        return url
    if parts.scheme == "http" and parts.hostname and _is_loopback(parts.hostname):
        return url
    raise ExchangeError(
        f"{variable} must be an https:// address (http:// only for this computer, such as "
        "http://127.0.0.1:8080); correct or unset it."
    )


def _is_loopback(host: str) -> bool:
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
