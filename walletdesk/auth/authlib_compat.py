"""authlib's httpx integration, imported quietly, and the HTTP module it runs on.

authlib 1.9 prefers the ``httpx2`` package and, on plain ``httpx``, warns on import with a
filter that prints the warning to the user's terminal. The warning is meant for library
authors, so it is silenced here. Errors are caught from whichever module authlib uses.
"""

from __future__ import annotations

import warnings
from types import ModuleType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from authlib.integrations.httpx_client import OAuth2Client


def oauth2_client_class() -> type[OAuth2Client]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        from authlib.integrations.httpx_client import OAuth2Client
    client_class: type[OAuth2Client] = OAuth2Client
    return client_class


def http_module() -> ModuleType:
    """``httpx2`` when authlib runs on it, else ``httpx``."""
    oauth2_client_class()
    try:
        from authlib.integrations.httpx_client._compat import httpx2
    except ImportError:  # an authlib without the shim runs on httpx
        import httpx as httpx2
    module: ModuleType = httpx2
    return module
