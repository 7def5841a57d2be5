"""Kraken (spot REST): BalanceEx read with strictly increasing nonces, assets in common names.

- Balances: ``POST /0/private/BalanceEx`` (free = balance - hold_trade); asset ids mapped
  through ``/0/public/Assets`` (``kraken_assets.py``), suffixed balances (``.S``, ``.M``,
  ``.B``, ``.F``) folded into their base asset, their place kept.
- Prices: ``/0/public/Ticker`` for every pair at once, each pair named through
  ``/0/public/AssetPairs`` (its ``base`` and ``quote``), never by cutting pair keys apart.
- Nonces: per key, strictly increasing across threads and processes (``nonces.py``); a
  request refused with ``EAPI:Invalid nonce`` is sent once more with a fresh nonce.
- Errors arrive as strings in ``error``, usually with HTTP 200.
- Kraken cannot tell what a key may do: the key check says so.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any, ClassVar

from walletdesk.core.errors import (
    ExchangeAuthError,
    ExchangeError,
    ExchangeRateLimitError,
    ExchangeUnavailableError,
)
from walletdesk.core.models import Holdings
from walletdesk.exchanges.base import ApiCredentials, KeyCheck
from walletdesk.exchanges.cached import Cached
from walletdesk.exchanges.holdings import Holding, fold
from walletdesk.exchanges.http import Outgoing
from walletdesk.exchanges.kraken_assets import SPOT, common_asset, common_code
from walletdesk.exchanges.nonces import NonceSource
from walletdesk.exchanges.profile import AdapterSettings
from walletdesk.exchanges.profiles.kraken import PROFILE
from walletdesk.exchanges.responses import amount, fail, mapping, price
from walletdesk.exchanges.rest_adapter import Refusals, RestAdapter

BALANCE_EX = "/0/private/BalanceEx"
ASSETS = "/0/public/Assets"
ASSET_PAIRS = "/0/public/AssetPairs"
TICKER = "/0/public/Ticker"
TIME = "/0/public/Time"
INVALID_NONCE = "EAPI:Invalid nonce"
REFERENCE_TTL_S = 3600.0  # assets and pairs change rarely; prices every refresh
CALL_COST = 1  # what BalanceEx adds to the key's call counter (ledger/trade history: 2)

_KEY = "Kraken rejected the API key: check that it was copied completely and has not been deleted."
_RATE = (
    "Kraken is limiting requests for this key (its call counter is full); wait a minute "
    "before refreshing again."
)


class KrakenAdapter(RestAdapter):
    profile = PROFILE
    time_path = TIME
    unauthorised = _KEY
    rate_limit_codes = frozenset({"EAPI:Rate limit exceeded", "EGeneral:Temporary lockout"})
    refusals: ClassVar[Refusals] = {
        "EAPI:Invalid key": (ExchangeAuthError, _KEY),
        "EAPI:Invalid signature": (
            ExchangeAuthError,
            "Kraken rejected the request signature: the private key (API secret) does not "
            "belong to this API key. Copy both again from Kraken.",
        ),
        INVALID_NONCE: (
            ExchangeAuthError,
            "Kraken refused the request's nonce twice: another program is using this API key. "
            "Create a separate key for WalletDesk.",
        ),
        "EGeneral:Permission denied": (
            ExchangeAuthError,
            "The Kraken key may not read balances: edit the key on Kraken and allow "
            '"Query Funds", or create a new key with only that permission.',
        ),
        "EAPI:Rate limit exceeded": (ExchangeRateLimitError, _RATE),
        "EGeneral:Temporary lockout": (ExchangeRateLimitError, _RATE),
        "EService:Unavailable": (
            ExchangeUnavailableError,
            "Kraken is unavailable right now; refresh again in a few minutes.",
        ),
        "EService:Busy": (
            ExchangeUnavailableError,
            "Kraken is too busy to answer right now; refresh again in a few minutes.",
        ),
    }

    @classmethod
    def create(cls, settings: AdapterSettings) -> KrakenAdapter:
        import platformdirs

        # Per OS user, not per data folder: the nonce belongs to the key, whoever uses it.
        directory = platformdirs.user_config_path("WalletDesk", appauthor=False) / "kraken-nonces"
        return cls(
            settings.base_url(),
            policy=settings.policy,
            timeouts=settings.timeouts,
            nonce_directory=directory,
        )

    def __init__(
        self, base_url: str | None = None, *, nonce_directory: Path | None = None, **kw: Any
    ) -> None:
        super().__init__(base_url, **kw)
        self._nonces = NonceSource(nonce_directory)
        self._assets_cache: Cached[Mapping[str, str]] = Cached(REFERENCE_TTL_S)
        self._pairs_cache: Cached[Mapping[str, tuple[str, str]]] = Cached(REFERENCE_TTL_S)

    # --- the adapter protocol -------------------------------------------------------------

    def check_credentials(self, creds: ApiCredentials) -> KeyCheck:
        self._private(BALANCE_EX, creds)  # proves the key may query funds
        return KeyCheck(
            can_trade=None,
            can_withdraw=None,
            message=(
                "Key works. Kraken does not tell what a key may do, so WalletDesk cannot "
                'check it: make sure the key has only the "Query Funds" permission.'
            ),
        )

    def fetch_balances(self, creds: ApiCredentials) -> Holdings:
        result = mapping(self._private(BALANCE_EX, creds), self._display, "balance list")
        return fold(self._holdings(result, self._altnames()), self._display)

    def fetch_prices(self) -> dict[str, Decimal]:
        pairs = self._pair_codes()
        ticker = mapping(self._public(TICKER), self._display, "ticker")
        prices: dict[str, Decimal] = {}
        for key, row in ticker.items():
            codes = pairs.get(key)
            if codes is None or codes[0] == codes[1]:
                continue  # unlisted, or a staked twin of one asset (ETH2.S/ETH): no price
            last = mapping(row, self._display, f"ticker {key}").get("c")
            if not isinstance(last, list) or not last:
                fail(self._display, f"the ticker of {key} has no last trade")
            prices[codes[0] + codes[1]] = price(last[0], self._display, f"the price of {key}")
        return prices

    # --- requests -------------------------------------------------------------------------

    def _private(self, path: str, creds: ApiCredentials) -> object:
        """POST a private method; a refused nonce (another program, or a lost race) is sent
        once more with a fresh one."""
        from walletdesk.exchanges.signers import kraken

        try:
            secret = kraken.decode_secret(creds.secret)
        except kraken.KrakenSecretError:
            raise ExchangeAuthError(
                "The Kraken private key is not valid: copy the whole private key (88 "
                "characters, ending in ==) again from Kraken."
            ) from None
        api_key = self._api_key(creds)
        nonce_retried = waited = False
        while True:
            with self._nonces.hold(creds.api_key) as next_nonce:

                def outgoing() -> Outgoing:
                    nonce = str(next_nonce())
                    body = f"nonce={nonce}"
                    headers = {
                        "API-Key": api_key,
                        "API-Sign": kraken.api_sign(path, nonce, body, secret),
                        "Content-Type": "application/x-www-form-urlencoded",
                    }
                    return Outgoing(body=body.encode(), headers=headers)

                # Paced by this key's own call counter (profiles/kraken.py), inside the
                # nonce hold: the nonce is taken after the wait, so it stays the newest.
                reply = self._http.send("POST", path, outgoing, weight=CALL_COST,
                                        account=creds.api_key)
            payload = self._decode(reply)
            code = self._error_code(payload) if payload is not None else None
            if reply.status == 200 and payload is not None and code is None:
                return mapping(payload, self._display, "answer").get("result")
            if code == INVALID_NONCE and not nonce_retried:
                nonce_retried = True
                continue
            if code in self.rate_limit_codes and not waited:
                waited = True  # the key's call counter decays: one wait frees a call
                self._wait_out_rate_limit()
                continue
            raise self._refusal(path, reply, payload, code)

    def _public(self, path: str) -> object:
        return mapping(self._get(path), self._display, "answer").get("result")

    def _error_code(self, payload: object) -> str | None:
        errors = payload.get("error") if isinstance(payload, Mapping) else None
        if not isinstance(errors, list):
            return None
        # Entries starting with W are warnings; E... are errors.
        return next((e for e in errors if isinstance(e, str) and e.startswith("E")), None)

    def _server_time_ms(self, payload: object) -> int:
        result = mapping(
            mapping(payload, self._display, "time").get("result"), self._display, "time"
        )
        unixtime = result.get("unixtime")
        if not isinstance(unixtime, int) or isinstance(unixtime, bool):
            fail(self._display, "the server time is not a number")
        return unixtime * 1000

    def _sign(
        self, method: str, path: str, query: str, body: bytes, creds: ApiCredentials
    ) -> Mapping[str, str]:
        raise ExchangeError("Kraken's private calls go through _private.")  # pragma: no cover

    # --- reading answers ------------------------------------------------------------------

    def _altnames(self) -> Mapping[str, str]:
        """Asset id -> altname (``/0/public/Assets``), read once an hour."""

        def read() -> Mapping[str, str]:
            assets = mapping(self._public(ASSETS), self._display, "asset list")
            return {
                asset: _text(
                    mapping(info, self._display, asset).get("altname"), self._display, asset
                )
                for asset, info in assets.items()
            }

        return self._assets_cache.get(read)

    def _pair_codes(self) -> Mapping[str, tuple[str, str]]:
        """Pair key -> (base, quote) in common names, from each pair's ``wsname`` (XBT/USD)
        in ``/0/public/AssetPairs``; pairs without one (dark-pool twins) are left out."""

        def read() -> Mapping[str, tuple[str, str]]:
            codes: dict[str, tuple[str, str]] = {}
            for key, info in mapping(self._public(ASSET_PAIRS), self._display, "pairs").items():
                wsname = mapping(info, self._display, key).get("wsname")
                if isinstance(wsname, str) and wsname.count("/") == 1:
                    base, quote = wsname.split("/")
                    codes[key] = (common_code(base), common_code(quote))
            return codes

        return self._pairs_cache.get(read)

    def _holdings(self, result: Mapping[str, object], altnames: Mapping[str, str]) -> list[Holding]:
        holdings = []
        for asset_id, entry in result.items():
            row = mapping(entry, self._display, f"balance of {asset_id}")
            balance = amount(row.get("balance"), self._display, f"{asset_id} balance")
            held = amount(row.get("hold_trade", "0"), self._display, f"{asset_id} hold")
            name, place = common_asset(asset_id, altnames)
            # The one fold rule (core.models.AssetAmount): free is tradable now. A staked or
            # earning balance (.S, .B, .M, .F) is not, so all of it is locked.
            locked = min(held, balance) if place == SPOT else balance
            holdings.append(Holding(name, place, balance - locked, locked))
        return holdings


def _text(value: object, exchange: str, what: str) -> str:
    if not isinstance(value, str) or not value:
        fail(exchange, f"{what} has no name")
    return value
