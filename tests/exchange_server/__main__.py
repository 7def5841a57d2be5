"""Run a test exchange by hand: ``python -m tests.exchange_server --flavour mexc``.

Prints the base URL and a key pair with a small portfolio; point the app at it with
``WALLETDESK_MEXC_BASE_URL`` (or ``WALLETDESK_BINANCE_BASE_URL``). Ctrl-C stops it.
"""

from __future__ import annotations

import argparse
import contextlib
import threading

from tests.exchange_server.server import ExchangeServer

SAMPLE_BALANCES = {"BTC": ("0.5", "0.1"), "ETH": "4.2", "USDT": "1500", "DOGE": "1000"}
SAMPLE_PRICES = {"BTCUSDT": "65000", "ETHUSDT": "3100", "DOGEBTC": "0.0000019"}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--flavour", choices=["mexc", "binance"], default="mexc")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--latency", type=float, default=0.0, help="seconds added per answer")
    options = parser.parse_args()
    with ExchangeServer(options.flavour, port=options.port, latency=options.latency) as server:
        account = server.add_account(balances=SAMPLE_BALANCES)
        server.set_prices(SAMPLE_PRICES)
        variable = f"WALLETDESK_{options.flavour.upper()}_BASE_URL"
        print(f"{variable}={server.url}")
        print(f"api key: {account.api_key}")
        print(f"secret:  {account.secret}", flush=True)
        with contextlib.suppress(KeyboardInterrupt):
            threading.Event().wait()


if __name__ == "__main__":
    main()
