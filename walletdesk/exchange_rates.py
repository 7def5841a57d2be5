"""Display-currency rates: from the user's own exchanges' tickers where one quotes the
currency, else from the European Central Bank's daily reference rates.

Tickers (route per currency, first match wins): ``XUSDT``, ``XUSDC``, ``XUSD`` (USD per X:
the rate is 1/p), then ``USDTX``, ``USDCX``, ``USDX`` (X per USD: the rate is p). A USD
stablecoin counts as USD, as in ``pricing``. BTC has no ECB rate, so it needs an exchange.
ECB: ``{base}/stats/eurofxref/eurofxref-daily.xml`` (``WALLETDESK_FX_BASE_URL`` replaces
the base), rates per euro; X per USD is ``rate[X] / rate[USD]`` (EUR itself: 1 / rate[USD]).
Every rate is an exact fraction (``core.currency.Rate``); nothing goes through float.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping
from datetime import date
from decimal import Decimal, InvalidOperation
from xml.etree import ElementTree

from walletdesk.core.currency import USD, Rate
from walletdesk.core.errors import WalletDeskError

log = logging.getLogger(__name__)

ECB_BASE_URL = "https://www.ecb.europa.eu"
ECB_PATH = "/stats/eurofxref/eurofxref-daily.xml"
ECB_SOURCE = "European Central Bank"
_ONE = Decimal(1)
_MAX_XML_BYTES = 256 * 1024


class RateUnavailableError(WalletDeskError):
    """No rate for a display currency could be found."""


def rate_from_tickers(currency: str, prices: Mapping[str, Decimal], exchange: str,
                      today: date) -> Rate | None:
    """The currency's rate from one exchange's tickers, or None if it quotes no pair."""
    for quote in ("USDT", "USDC", "USD"):
        price = prices.get(currency + quote)
        if price is not None and price > 0:
            return Rate(currency, _ONE, price, today, f"{exchange} {currency}{quote}")
    for quote in ("USDT", "USDC", "USD"):
        price = prices.get(quote + currency)
        if price is not None and price > 0:
            return Rate(currency, price, _ONE, today, f"{exchange} {quote}{currency}")
    return None


def parse_ecb(xml: bytes) -> tuple[date, dict[str, Decimal]]:
    """The day and the rates per euro of the ECB's daily file (``Cube time=`` / ``currency=``)."""
    try:
        root = ElementTree.fromstring(xml)  # noqa: S314 - expat refuses entity expansion
        day: date | None = None
        rates: dict[str, Decimal] = {}
        for cube in root.iter():
            if cube.tag.endswith("Cube") and "time" in cube.attrib:
                day = date.fromisoformat(cube.attrib["time"])
            if cube.tag.endswith("Cube") and "currency" in cube.attrib:
                rates[cube.attrib["currency"].upper()] = Decimal(cube.attrib["rate"])
    except (ElementTree.ParseError, ValueError, InvalidOperation, KeyError) as exc:
        raise RateUnavailableError(
            "The European Central Bank's rates could not be read (an unexpected file). "
            "Try again later, or show values in USD.") from exc
    if day is None or USD not in rates:
        raise RateUnavailableError(
            "The European Central Bank's file held no dated USD rate. Try again later, or "
            "show values in USD.")
    return day, rates


def ecb_rate(currency: str, day: date, per_euro: Mapping[str, Decimal]) -> Rate | None:
    usd = per_euro[USD]
    if currency == "EUR":
        return Rate(currency, _ONE, usd, day, ECB_SOURCE)
    rate = per_euro.get(currency)
    if rate is None or rate <= 0 or usd <= 0:
        return None
    return Rate(currency, rate, usd, day, ECB_SOURCE)


def fetch_ecb(environ: Mapping[str, str] = os.environ) -> tuple[date, dict[str, Decimal]]:
    """Download and parse the ECB's daily file (httpx, imported here: not at start-up)."""
    import httpx

    from walletdesk.exchanges.profile import resolve_base_url

    url = resolve_base_url("WALLETDESK_FX_BASE_URL", ECB_BASE_URL, environ) + ECB_PATH
    try:
        with httpx.Client(timeout=httpx.Timeout(10.0), follow_redirects=True) as client:
            response = client.get(url)
            response.raise_for_status()
            body = response.content[:_MAX_XML_BYTES + 1]
    except httpx.HTTPError as exc:
        log.info("ECB rates unavailable: %s", type(exc).__name__)
        raise RateUnavailableError(
            "The European Central Bank's exchange rates could not be downloaded (no "
            "connection?). Try again later, or show values in USD.") from exc
    if len(body) > _MAX_XML_BYTES:
        raise RateUnavailableError("The European Central Bank's file was far too large.")
    return parse_ecb(body)
