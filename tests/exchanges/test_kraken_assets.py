"""Kraken's asset ids become common names, with suffixed balances kept apart by place."""

from __future__ import annotations

import pytest

from walletdesk.exchanges.kraken_assets import KrakenAsset, common_asset, common_code

ALTNAMES = {
    "XXBT": "XBT",
    "XETH": "ETH",
    "XXDG": "XDG",
    "ZUSD": "USD",
    "ZEUR": "EUR",
    "USDT": "USDT",
    "SOL": "SOL",
    "DOT": "DOT",
    "ETH2": "ETH2",
    "ETH2.S": "ETH2.S",
    "DOT.S": "DOT.S",
    "XBT.M": "XBT.M",
    "KFEE": "FEE",
}


@pytest.mark.parametrize(
    ("asset_id", "expected"),
    [
        ("XXBT", ("BTC", "spot")),
        ("XETH", ("ETH", "spot")),
        ("XXDG", ("DOGE", "spot")),
        ("ZUSD", ("USD", "spot")),
        ("ZEUR", ("EUR", "spot")),
        ("USDT", ("USDT", "spot")),
        ("SOL", ("SOL", "spot")),
        ("DOT.S", ("DOT", "staked")),
        ("XBT.M", ("BTC", "earn")),
        ("USDC.F", ("USDC", "earn")),
        ("SOL.B", ("SOL", "staked")),
        ("ETH2", ("ETH", "staked")),
        ("ETH2.S", ("ETH", "staked")),
        ("KFEE", ("FEE", "spot")),
        ("XLTC", ("LTC", "spot")),  # a legacy id Assets did not list
        ("XTZ", ("XTZ", "spot")),  # three letters: a real code (Tezos), not a prefix
    ],
)
def test_kraken_ids_map_to_common_names_and_places(
    asset_id: str, expected: tuple[str, str]
) -> None:
    assert common_asset(asset_id, ALTNAMES) == KrakenAsset(*expected)


def test_pair_sides_from_wsname_use_the_same_names() -> None:
    assert [common_code(c) for c in ("XBT", "USD", "XDG", "ZETA", "ETH2.S")] == [
        "BTC",
        "USD",
        "DOGE",
        "ZETA",  # a four-letter code starting with Z is a code, not a legacy prefix
        "ETH",
    ]
