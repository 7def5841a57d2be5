"""The registry makes one adapter per exchange, lazily, from the configured base URLs."""

from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path

import pytest

from tests.exchange_server import ExchangeServer
from walletdesk.core.errors import ExchangeError, UnsupportedExchangeError
from walletdesk.exchanges.base import ApiCredentials
from walletdesk.exchanges.profile import resolve_base_url
from walletdesk.exchanges.registry import ExchangeRegistry, default_registry

REPO = Path(__file__).resolve().parents[2]


def test_importing_the_registry_or_using_the_demo_does_not_import_httpx() -> None:
    script = (
        "import sys\n"
        "from walletdesk.exchanges.registry import default_registry\n"
        "assert 'httpx' not in sys.modules, 'import'\n"
        "registry = default_registry({})\n"
        "registry.get('DEMO').fetch_prices()\n"
        "assert 'httpx' not in sys.modules, 'demo'\n"
        "registry.get('MEXC')\n"
        "assert 'httpx' in sys.modules, 'mexc'\n"
        "registry.close()\n"
    )
    subprocess.run([sys.executable, "-c", script], cwd=REPO, check=True, timeout=60)


def test_base_url_comes_from_the_environment_and_defaults_to_the_exchange() -> None:
    default, variable = "https://api.mexc.com", "WALLETDESK_MEXC_BASE_URL"
    assert resolve_base_url(variable, default, {}) == default
    assert resolve_base_url(variable, default, {variable: " https://x:1/ "}) == "https://x:1"


@pytest.mark.parametrize(
    "url", ["http://127.0.0.1:8080", "http://localhost:1", "http://[::1]:9", "http://127.8.0.1"]
)
def test_plain_http_is_allowed_only_to_a_loopback_address(url: str) -> None:
    variable = "WALLETDESK_MEXC_BASE_URL"
    assert resolve_base_url(variable, "https://api.mexc.com", {variable: url}) == url


@pytest.mark.parametrize(
    "url", ["http://x:1", "http://192.168.1.5", "http://localhost.evil.com", "ftp://x", "https://"]
)
def test_any_other_base_url_must_be_https(url: str) -> None:
    variable = "WALLETDESK_MEXC_BASE_URL"
    with pytest.raises(ExchangeError, match="WALLETDESK_MEXC_BASE_URL must be an https://"):
        resolve_base_url(variable, "https://api.mexc.com", {variable: url})


def test_adapters_talk_to_the_base_url_from_the_environment(
    exchange_server: ExchangeServer,
) -> None:
    flavour = exchange_server.flavour.name.upper()
    name = f" {flavour.title()} "  # as a user might type it
    account = exchange_server.add_account(balances={"BTC": "2"})
    registry = default_registry({f"WALLETDESK_{flavour}_BASE_URL": exchange_server.url})
    adapter = registry.get(name)
    assert adapter.name == flavour and adapter.is_demo is False
    assert adapter.fetch_balances(ApiCredentials(account.api_key, account.secret))[0].asset == "BTC"
    registry.close()


def test_one_adapter_per_exchange_even_under_concurrent_first_use() -> None:
    created: list[object] = []

    def factory() -> object:
        created.append(object())
        return created[-1]

    registry = ExchangeRegistry({"DEMO": factory})  # type: ignore[dict-item]
    seen: list[object] = []
    threads = [threading.Thread(target=lambda: seen.append(registry.get("demo"))) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(created) == 1
    assert all(adapter is created[0] for adapter in seen)


def test_unknown_exchange_is_a_validation_error_naming_the_supported_ones() -> None:
    with pytest.raises(UnsupportedExchangeError, match="choose one of MEXC, BINANCE, BINANCEUS"):
        default_registry({}).get("nosuchexchange")


def test_close_closes_every_adapter_created() -> None:
    closed: list[str] = []

    class Adapter:
        def close(self) -> None:
            closed.append("x")

    registry = ExchangeRegistry({"MEXC": Adapter, "BINANCE": Adapter})  # type: ignore[dict-item]
    registry.get("MEXC")
    registry.close()
    assert closed == ["x"]
