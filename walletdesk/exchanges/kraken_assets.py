"""Kraken's asset ids in the names the rest of the world uses, and where each balance sits.

Kraken names legacy assets with X/Z-prefixed ids (XXBT, XETH, XXDG, ZUSD) whose
``altname`` (from ``/0/public/Assets``) is the plain code, and two of those codes differ
from everyone else's: XBT is BTC, XDG is DOGE (Kraken's support article "XBT vs BTC"; ccxt's
commonCurrencies). Newer assets are plain (USDT, SOL). A suffix marks a balance held
elsewhere than spot (docs: Get Extended Balance, "Symbol Extensions"): ``.S`` staked and
``.M`` opt-in rewards (legacy staking), ``.B`` yield-bearing products, ``.F`` Kraken
Rewards (auto-earn), ``.P`` parachain, ``.T`` tokenized. ETH2 is legacy staked ETH.
Such balances are folded into their base asset, their place kept apart.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import NamedTuple

SPOT = "spot"
STAKED = "staked"
EARN = "earn"

_COMMON_CODES = {"XBT": "BTC", "XDG": "DOGE"}
_STAKED_ALIASES = {"ETH2": "ETH"}  # ETH2 (and ETH2.S) is ETH staked before the merge
_SUFFIX_PLACES = {
    "S": STAKED,
    "B": STAKED,
    "P": STAKED,
    "M": EARN,
    "F": EARN,
    "T": SPOT,
}


class KrakenAsset(NamedTuple):
    name: str  # the common code: BTC, DOGE, USD, SOL
    place: str  # spot, staked, earn


def common_asset(asset_id: str, altnames: Mapping[str, str]) -> KrakenAsset:
    """The common name and place of a Kraken balance id (``XXBT``, ``DOT.S``, ``XBT.M``).

    ``altnames`` maps Kraken asset ids to their altname, as ``/0/public/Assets`` lists them.
    """
    base, dot, suffix = asset_id.partition(".")
    place = SPOT if not dot else _SUFFIX_PLACES.get(suffix.upper(), EARN)
    code = _plain_code(base, altnames)
    if code in _STAKED_ALIASES:
        return KrakenAsset(_STAKED_ALIASES[code], STAKED)
    return KrakenAsset(_COMMON_CODES.get(code, code), place)


def common_code(altname: str) -> str:
    """The common name of an asset's altname, as a pair's ``wsname`` spells it (XBT/USD)."""
    code = altname.partition(".")[0]
    return _STAKED_ALIASES.get(code) or _COMMON_CODES.get(code, code)


def _plain_code(base: str, altnames: Mapping[str, str]) -> str:
    if base in altnames:
        return altnames[base].partition(".")[0]
    if base in altnames.values():
        return base
    # Not listed (yet): a legacy id is the code behind an X (crypto) or Z (fiat) prefix.
    if len(base) == 4 and base[0] in "XZ" and base[1:].isalpha():
        return base[1:]
    return base
