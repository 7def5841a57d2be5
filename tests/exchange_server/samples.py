"""One sample account per new exchange's stand-in, with what WalletDesk must show for it:
shared by the CLI and the GUI end-to-end tests."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from tests.exchange_server.bitget import BitgetVenue
from tests.exchange_server.bybit import BybitVenue
from tests.exchange_server.coinbase import CoinbaseVenue
from tests.exchange_server.gate import GateVenue
from tests.exchange_server.kraken import KrakenVenue
from tests.exchange_server.kucoin import KucoinVenue
from tests.exchange_server.okx import OkxVenue
from tests.exchange_server.venue import Venue, VenueAccount

PASSPHRASE = "horse battery 9"


@dataclass(frozen=True)
class Scenario:
    venue: type[Venue]
    open_account: Callable[[Any], VenueAccount]
    stdin: Callable[[VenueAccount], str]
    wrong_secret: Callable[[VenueAccount], str]
    wrong_secret_says: str
    expected: dict[str, tuple[str, str]]  # asset -> (total, usd value)


def plain(account: VenueAccount) -> str:
    return account.secret + "\n"


def with_passphrase(account: VenueAccount) -> str:
    return f"{account.secret}\n{PASSPHRASE}\n"


SCENARIOS: dict[str, Scenario] = {
    "kraken": Scenario(
        KrakenVenue,
        lambda v: v.add_balances({"XXBT": ("0.5", "0.1"), "XBT.M": "0.4", "ZUSD": "10"}),
        plain,
        lambda a: "A" * 86 + "==\n",
        "private key",
        {"BTC": ("1.0", "65000.10000000"), "USD": ("10", "10.00000000")},
    ),
    "coinbase": Scenario(
        CoinbaseVenue,
        lambda v: v.add_wallets({"BTC": ("0.5", "0.25"), "ETH": "2"}),
        lambda a: a.secret,  # all of stdin: the PEM
        lambda a: CoinbaseVenue.new_secret(None),  # type: ignore[arg-type]
        "private key",
        {"BTC": ("0.75", "48750.00750000"), "ETH": ("2", "6001.00000000")},
    ),
    "okx": Scenario(
        OkxVenue,
        lambda v: v.add_wallets(
            PASSPHRASE, trading={"BTC": ("0.5", "0.1")}, funding={"USDT": "100", "BTC": "0.4"},
            earn={"BTC": ("0.2", "0.05"), "ETH": "2"}, onchain=[("USDT", "50")],
        ),
        with_passphrase,
        lambda a: f"{'0' * 32}\n{PASSPHRASE}\n",
        "secret key",
        {"BTC": ("1.25", "81250.12500000"), "USDT": ("150", "150.00000000"),
         "ETH": ("2", "6000.00000000")},
    ),
    "bybit": Scenario(
        BybitVenue,
        lambda v: v.add_wallets(
            trading={"BTC": ("0.5", "0.5")},
            fund={"ETH": "1"},
            earn={"FlexibleSaving": [("BTC", "0.25")], "OnChain": [("MNT", "10")]},
        ),
        plain,
        lambda a: "z" * 36 + "\n",
        "API secret",
        {
            "BTC": ("1.25", "81250.62500000"),
            "ETH": ("1", "3000.25000000"),
            "MNT": ("10", "8.50000000"),
        },
    ),
    "kucoin": Scenario(
        KucoinVenue,
        lambda v: v.add_wallets(
            PASSPHRASE,
            {"main": {"BTC": "0.25"}, "trade": {"BTC": "0.25"}, "trade_hf": {"KCS": "2"}},
            earn=[("BTC", "0.5"), ("ETH", "1", "0.25")],
        ),
        with_passphrase,
        lambda a: f"not-the-secret\n{PASSPHRASE}\n",
        "the secret or the passphrase is wrong",
        {"BTC": ("1.00", "65000.30000000"), "KCS": ("2", "19.00000000"),
         "ETH": ("1", "3000.10000000")},
    ),
    "bitget": Scenario(
        BitgetVenue,
        lambda v: v.add_spot(PASSPHRASE, {"BTC": ("0.5", "0.5"), "BGB": "4"},
                             {"BTC": "0.25", "ETH": "1"}),
        with_passphrase,
        lambda a: f"wrong-secret\n{PASSPHRASE}\n",
        "secret key",
        {
            "BTC": ("1.25", "81250.25000000"),
            "BGB": ("4", "5.00000000"),
            "ETH": ("1", "3000.40000000"),
        },
    ),
    "gate": Scenario(
        GateVenue,
        lambda v: v.add_spot({"BTC": ("0.5", "0.5"), "GT": "2"}, {"BTC": "0.25", "USDT": "3"}),
        plain,
        lambda a: "f" * 64 + "\n",
        "secret",
        {
            "BTC": ("1.25", "81250.75000000"),
            "GT": ("2", "14.50000000"),
            "USDT": ("3", "3.00000000"),
        },
    ),
}
