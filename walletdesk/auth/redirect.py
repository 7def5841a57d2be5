"""Where the browser brings the sign-in answer back: the loopback redirect URI.

Clerk matches the ``redirect_uri`` of a sign-in against the URIs registered on the OAuth
application, and its documentation does not say that the port of a loopback URI is ignored.
So WalletDesk listens on one fixed port by default, ``http://127.0.0.1:28943/callback``, which
the user registers in Clerk (chosen below 32768, outside Linux's and Windows' ephemeral
ranges, so an outgoing connection never holds it; not listed in /etc/services).

A URI without a port (``http://127.0.0.1/callback``) asks for RFC 8252's any-port mode: the
listener takes a free port and sends that port in the URI, for providers that ignore the
port of a registered loopback URI (§7.3).

Standard library only: the first paint reads the sign-in configuration.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

HOST = "127.0.0.1"
DEFAULT_PORT = 28943
DEFAULT_REDIRECT_URI = f"http://{HOST}:{DEFAULT_PORT}/callback"
ANY_PORT_REDIRECT_URI = f"http://{HOST}/callback"
LOWEST_PORT = 1024  # below needs root on Linux


@dataclass(frozen=True, slots=True)
class RedirectTarget:
    """Where the listener binds: ``port`` None means any free port (RFC 8252 §7.3)."""

    port: int | None
    path: str

    def uri(self, bound_port: int) -> str:
        """The ``redirect_uri`` to send, given the port the listener actually holds."""
        return f"http://{HOST}:{bound_port}{self.path}"


def redirect_target(uri: str) -> RedirectTarget:
    """The listener's target for ``uri``; ValueError saying what is wrong otherwise."""
    problem = redirect_uri_error(uri)
    if problem:
        raise ValueError(problem)
    parts = urlsplit(uri.strip())
    return RedirectTarget(parts.port, parts.path)


def redirect_uri_error(uri: str) -> str | None:
    """Why ``uri`` cannot be WalletDesk's redirect URI, or None."""
    example = f"e.g. {DEFAULT_REDIRECT_URI}"
    parts = urlsplit(uri.strip())
    if parts.scheme != "http" or parts.hostname is None:
        return f"The redirect URI must start with http://{HOST}, {example}."
    if parts.hostname == "localhost":
        return (f"Use {HOST} instead of localhost in the redirect URI (RFC 8252 §8.3: "
                f"localhost may resolve elsewhere), {example}.")
    if parts.hostname != HOST:
        return (f"The redirect URI must point at this computer as {HOST}, {example}: the "
                "browser brings the answer back to WalletDesk there.")
    try:
        port = parts.port
    except ValueError:
        return f"The port in the redirect URI is not a number from {LOWEST_PORT} to 65535."
    if port is not None and not LOWEST_PORT <= port <= 65535:
        return f"The port in the redirect URI must be from {LOWEST_PORT} to 65535, {example}."
    if not parts.path.startswith("/") or parts.query or parts.fragment or parts.username:
        return (f"The redirect URI needs a path such as /callback and no query, fragment or "
                f"user name, {example}.")
    return None
