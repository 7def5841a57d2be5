"""Coinbase Advanced Trade (v3 brokerage API, CDP keys), as Coinbase documents it, for tests.

Every private request needs ``Authorization: Bearer <JWT>``. The stand-in checks what the
CDP docs and Coinbase's own SDK put in it: three base64url segments; header ``alg`` ES256,
``typ`` JWT, a ``nonce``, ``kid`` naming a known key; claims ``sub`` = ``kid``, ``iss``
"cdp", ``nbf`` not in the future (1 s leeway), ``exp`` not passed and at most 120 s after
``nbf``, ``uri`` = "METHOD host/path" with this request's method, Host and path (no scheme,
no query); an ES256 signature in raw r||s form (64 bytes) that verifies with the key's
public half. Any failure is HTTP 401 with the plain-text body ``Unauthorized``, as Coinbase
answers. Accounts page with ``limit`` (default 49, max 250) and an opaque ``cursor``.
"""

from __future__ import annotations

import base64
import binascii
import json
import uuid
from datetime import UTC, datetime
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature

from tests.exchange_server.faults import Fault
from tests.exchange_server.venue import Incoming, Reply, Venue, VenueAccount, VenueServer

BROKERAGE = "/api/v3/brokerage"
ACCOUNTS = f"{BROKERAGE}/accounts"
KEY_PERMISSIONS = f"{BROKERAGE}/key_permissions"
PRODUCTS = f"{BROKERAGE}/market/products"
TIME = f"{BROKERAGE}/time"
DEFAULT_LIMIT = 49
MAX_LIMIT = 250
FIATS = frozenset({"USD", "EUR", "GBP", "CAD", "SGD"})

PRICES: dict[str, str] = {
    "BTC-USD": "65000.01",
    "ETH-USD": "3000.5",
    "SOL-USD": "150.25",
    "USDT-USD": "1.0001",
    "USDC-EUR": "0.92",
    "DOGE-USD": "0.1234",
    "EUR-USD": "1.08",
    "ATOM-BTC": "0.000125",
    "XYZ-USDC": "2.5",
}


class CoinbaseVenue(Venue):
    name = "COINBASE"

    def __init__(self, server: VenueServer[Any]) -> None:
        super().__init__(server)
        self.prices: dict[str, str] = dict(PRICES)
        self._public_keys: dict[str, ec.EllipticCurvePublicKey] = {}

    def new_api_key(self) -> str:
        return f"organizations/{uuid.uuid4()}/apiKeys/{uuid.uuid4()}"

    def new_secret(self) -> str:
        key = ec.generate_private_key(ec.SECP256R1())
        return key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.TraditionalOpenSSL,
            serialization.NoEncryption(),
        ).decode()

    def add_account(self, **kwargs: Any) -> VenueAccount:
        account = super().add_account(**kwargs)
        private = serialization.load_pem_private_key(account.secret.encode(), password=None)
        assert isinstance(private, ec.EllipticCurvePrivateKey)
        with self._lock:
            self._public_keys[account.api_key] = private.public_key()
        return account

    def add_wallets(self, balances: dict[str, object], **flags: Any) -> VenueAccount:
        """A key with one account per currency: currency -> available or (available, hold)."""
        return self.add_account(wallets={"accounts": balances}, **flags)

    # --- the protocol ---------------------------------------------------------------------

    def is_signed(self, path: str) -> bool:
        return path.startswith(BROKERAGE) and not path.startswith((PRODUCTS, TIME))

    def serve(self, request: Incoming) -> Reply:
        if request.method != "GET":
            return _not_found()
        if request.path == TIME:
            now = self.server.now()
            moment = datetime.fromtimestamp(now, tz=UTC)
            return Reply.json(
                200,
                {
                    "iso": moment.isoformat(timespec="milliseconds").replace("+00:00", "Z"),
                    "epochSeconds": str(int(now)),
                    "epochMillis": str(int(now * 1000)),
                },
            )
        if request.path == PRODUCTS:
            return Reply.json(200, self._products())
        if not self.is_signed(request.path):
            return _not_found()
        account = self._authenticate(request)
        if account is None:
            return Reply.text_plain(401, "Unauthorized")
        if not account.can_read:
            return _permission_denied()
        if request.path == ACCOUNTS:
            return self._accounts_page(account, request.params)
        if request.path == KEY_PERMISSIONS:
            return Reply.json(
                200,
                {
                    "can_view": account.can_read,
                    "can_trade": account.can_trade,
                    "can_transfer": account.can_withdraw,
                    "portfolio_uuid": account.options.setdefault("portfolio", str(uuid.uuid4())),
                    "portfolio_type": "DEFAULT",
                },
            )
        return _not_found()

    def fault_reply(self, fault: Fault, request: Incoming) -> Reply:
        if fault in (Fault.RATE_LIMIT, Fault.BANNED):
            return Reply.json(
                429, {"error": "RATE_LIMIT_EXCEEDED", "message": "Too many requests", "code": 8}
            )
        if fault is Fault.IP_NOT_WHITELISTED:
            return _permission_denied()
        return Reply.text_plain(401, "Unauthorized")

    # --- the JWT, as Coinbase checks it ---------------------------------------------------

    def _authenticate(self, request: Incoming) -> VenueAccount | None:
        authorization = request.header("Authorization") or ""
        if not authorization.startswith("Bearer "):
            return None
        parts = authorization.removeprefix("Bearer ").split(".")
        if len(parts) != 3:
            return None
        try:
            header = json.loads(_unb64(parts[0]))
            claims = json.loads(_unb64(parts[1]))
            signature = _unb64(parts[2])
        except (ValueError, binascii.Error):
            return None
        if not isinstance(header, dict) or not isinstance(claims, dict):
            return None
        key_name = header.get("kid")
        public_key = self._public_keys.get(key_name) if isinstance(key_name, str) else None
        account = self.account(key_name) if isinstance(key_name, str) else None
        if public_key is None or account is None:
            return None
        if header.get("alg") != "ES256" or header.get("typ") != "JWT" or not header.get("nonce"):
            return None
        now = self.server.now()
        nbf, exp = claims.get("nbf"), claims.get("exp")
        if not isinstance(nbf, int) or not isinstance(exp, int):
            return None
        if claims.get("sub") != key_name or claims.get("iss") != "cdp":
            return None
        if nbf > now + 1 or exp <= now or exp - nbf > 120:
            return None
        if claims.get("uri") != f"{request.method} {request.header('Host')}{request.path}":
            return None
        if len(signature) != 64:  # a DER signature is 70-72 bytes: refused, as by Coinbase
            return None
        der = encode_dss_signature(
            int.from_bytes(signature[:32], "big"), int.from_bytes(signature[32:], "big")
        )
        signing_input = f"{parts[0]}.{parts[1]}".encode()
        try:
            public_key.verify(der, signing_input, ec.ECDSA(hashes.SHA256()))
        except InvalidSignature:
            return None
        return account

    # --- endpoints ------------------------------------------------------------------------

    def _accounts_page(self, account: VenueAccount, params: dict[str, str]) -> Reply:
        rows = self._account_rows(account)
        try:
            limit = int(params.get("limit", DEFAULT_LIMIT))
            start = int(params["cursor"], 16) if params.get("cursor") else 0
        except ValueError:
            return Reply.json(
                400, {"error": "INVALID_ARGUMENT", "message": "invalid cursor", "code": 3}
            )
        limit = max(1, min(limit, MAX_LIMIT))
        page = rows[start : start + limit]
        has_next = start + limit < len(rows)
        return Reply.json(
            200,
            {
                "accounts": page,
                "has_next": has_next,
                "cursor": f"{start + limit:x}" if has_next else "",
                "size": len(page),
            },
        )

    def _account_rows(self, account: VenueAccount) -> list[dict[str, object]]:
        portfolio = account.options.setdefault("portfolio", str(uuid.uuid4()))
        uuids: dict[str, str] = account.options.setdefault("uuids", {})
        rows = []
        for currency, (available, hold) in account.wallet("accounts").items():
            fiat = currency in FIATS
            rows.append(
                {
                    "uuid": uuids.setdefault(currency, str(uuid.uuid4())),
                    "name": f"{currency} Wallet",
                    "currency": currency,
                    "available_balance": {"value": available, "currency": currency},
                    "default": True,
                    "active": True,
                    "created_at": "2023-01-31T20:29:15.170Z",
                    "updated_at": "2024-06-01T10:00:00.000Z",
                    "deleted_at": None,
                    "type": "ACCOUNT_TYPE_FIAT" if fiat else "ACCOUNT_TYPE_CRYPTO",
                    "ready": True,
                    "hold": {"value": hold, "currency": currency},
                    "retail_portfolio_id": portfolio,
                    "platform": "ACCOUNT_PLATFORM_CONSUMER",
                }
            )
        return rows

    def _products(self) -> dict[str, object]:
        products = []
        for product_id, price in self.prices.items():
            base, quote = product_id.split("-")
            products.append(
                {
                    "product_id": product_id,
                    "price": price,
                    "base_currency_id": base,
                    "quote_currency_id": quote,
                    "base_display_symbol": base,
                    "quote_display_symbol": quote,
                    "status": "online",
                    "trading_disabled": False,
                    "is_disabled": False,
                    "product_type": "SPOT",
                    "price_percentage_change_24h": "0.5",
                    "volume_24h": "1000",
                }
            )
        return {"products": products, "num_products": len(products)}


def _unb64(segment: str) -> bytes:
    return base64.urlsafe_b64decode(segment + "=" * (-len(segment) % 4))


def _not_found() -> Reply:
    return Reply.json(404, {"error": "NOT_FOUND", "message": "Not Found", "code": 5})


def _permission_denied() -> Reply:
    return Reply.json(
        403,
        {"error": "PERMISSION_DENIED", "message": "Missing required scopes", "code": 7},
    )
