"""The configured OpenID provider: its discovery document, its signing keys, HTTP clients.

Endpoints always come from ``ISSUER/.well-known/openid-configuration``: Clerk names them
``/oauth/authorize``, ``/oauth/token``..., other providers differently. The discovery
document and the JWKS are fetched once per process; the JWKS again when an ID token names
a key it does not hold (key rotation).
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from walletdesk.auth.authlib_compat import http_module, oauth2_client_class
from walletdesk.auth.config import LOOPBACK_HOSTS, SignInConfig
from walletdesk.auth.provider_errors import printable, provider_errors
from walletdesk.core.errors import AuthError

if TYPE_CHECKING:
    from authlib.integrations.httpx_client import OAuth2Client
    from joserfc.jwk import KeySet

SCOPES = "openid profile email offline_access"
DISCOVERY_PATH = "/.well-known/openid-configuration"
SAFE_ALGORITHMS = ("RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384")
HTTP_TIMEOUT = 15.0
CONNECT_TIMEOUT = 10.0


@dataclass(frozen=True, slots=True)
class ProviderMetadata:
    issuer: str
    authorization_endpoint: str
    token_endpoint: str
    jwks_uri: str
    userinfo_endpoint: str | None
    revocation_endpoint: str | None
    id_token_algorithms: tuple[str, ...]
    iss_parameter_supported: bool


class IdentityProvider:
    """One sign-in configuration's provider. Thread-safe."""

    def __init__(self, config: SignInConfig) -> None:
        self.config = config
        self._lock = threading.Lock()
        self._metadata: ProviderMetadata | None = None
        self._keys: KeySet | None = None

    @contextmanager
    def client(self, redirect_uri: str | None = None) -> Iterator[OAuth2Client]:
        """A fresh authlib client (public client: no secret; PKCE S256) for one operation.

        It carries no default scope: the scopes go on the authorization request only, so a
        refresh asks for exactly what was granted.
        """
        http = http_module()
        client = oauth2_client_class()(
            client_id=self.config.client_id,
            token_endpoint_auth_method="none",  # noqa: S106 - a public client has no secret
            revocation_endpoint_auth_method="none",
            redirect_uri=redirect_uri,
            code_challenge_method="S256",
            timeout=http.Timeout(HTTP_TIMEOUT, connect=CONNECT_TIMEOUT),
            follow_redirects=False,
        )
        with client:
            yield client

    def metadata(self) -> ProviderMetadata:
        with self._lock:
            if self._metadata is None:
                self._metadata = self._discover()
            return self._metadata

    def key_set(self, *, refresh: bool = False) -> KeySet:
        metadata = self.metadata()
        with self._lock:
            if self._keys is None or refresh:
                self._keys = self._fetch_keys(metadata.jwks_uri)
            return self._keys

    def _discover(self) -> ProviderMetadata:
        issuer = self.config.issuer
        with provider_errors("first request for its settings", issuer), self.client() as client:
            response = client.request("GET", issuer + DISCOVERY_PATH, withhold_token=True)
            response.raise_for_status()
            document = response.json()
        if not isinstance(document, dict):
            raise ValueError("discovery document is not an object")
        return _metadata_from(document, issuer)

    def _fetch_keys(self, jwks_uri: str) -> KeySet:
        from joserfc.errors import JoseError
        from joserfc.jwk import KeySet

        with provider_errors("signature keys request", self.config.issuer), \
                self.client() as client:
            response = client.request("GET", jwks_uri, withhold_token=True)
            response.raise_for_status()
            document = response.json()
        try:
            return KeySet.import_key_set(document)
        except (JoseError, ValueError, TypeError, KeyError) as exc:
            raise AuthError(
                f"The sign-in service at {self.config.issuer} published signing keys that "
                "WalletDesk cannot read. Try again later."
            ) from exc


def _metadata_from(document: dict[str, Any], issuer: str) -> ProviderMetadata:
    stated = document.get("issuer")
    if not isinstance(stated, str) or stated.rstrip("/") != issuer:
        raise AuthError(
            f"The sign-in service at {issuer} calls itself {printable(stated, 80)!r}, so it is "
            "not the issuer configured in WalletDesk. Correct the issuer in Settings "
            "(or WALLETDESK_CLERK_ISSUER)."
        )
    methods = document.get("code_challenge_methods_supported")
    if isinstance(methods, list) and "S256" not in methods:
        raise AuthError(
            f"The sign-in service at {issuer} does not offer PKCE S256, which WalletDesk "
            "requires. Check the issuer in Settings."
        )
    advertised = document.get("id_token_signing_alg_values_supported") or ["RS256"]
    algorithms = tuple(a for a in SAFE_ALGORITHMS if a in advertised) or ("RS256",)
    return ProviderMetadata(
        issuer=stated,
        authorization_endpoint=_endpoint(document, "authorization_endpoint", issuer),
        token_endpoint=_endpoint(document, "token_endpoint", issuer),
        jwks_uri=_endpoint(document, "jwks_uri", issuer),
        userinfo_endpoint=_optional_endpoint(document, "userinfo_endpoint", issuer),
        revocation_endpoint=_optional_endpoint(document, "revocation_endpoint", issuer),
        id_token_algorithms=algorithms,
        iss_parameter_supported=document.get("authorization_response_iss_parameter_supported")
        is True,
    )


def _optional_endpoint(document: dict[str, Any], name: str, issuer: str) -> str | None:
    return None if document.get(name) is None else _endpoint(document, name, issuer)


def _endpoint(document: dict[str, Any], name: str, issuer: str) -> str:
    url = document.get(name)
    parts = urlsplit(url) if isinstance(url, str) else None
    if parts is None or not parts.hostname or not (
        parts.scheme == "https" or (parts.scheme == "http" and parts.hostname in LOOPBACK_HOSTS)
    ):
        raise AuthError(
            f"The sign-in service at {issuer} lists no usable {name} (an https URL is "
            "required). Check the issuer in Settings."
        )
    return str(url)
