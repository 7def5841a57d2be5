"""One list of exchanges: every name, field, variable and adapter is read from a profile."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from walletdesk.exchanges.catalog import PROFILES, SUPPORTED, canonical_exchange, display_name
from walletdesk.exchanges.profile import AdapterSettings, ExchangeProfile
from walletdesk.exchanges.registry import default_registry

REPO = Path(__file__).resolve().parents[2]
# What profiles must import only when a request is made: the window shows display names at
# first paint, so importing the catalog must stay cheap.
HEAVY = ("httpx", "hashlib", "hmac", "email.utils", "cryptography", "jwt")
# All the catalog may load of walletdesk.exchanges: no adapter module, no HTTP client.
LIGHT = ("walletdesk.exchanges", "walletdesk.exchanges.catalog", "walletdesk.exchanges.pacing",
         "walletdesk.exchanges.profile", "walletdesk.exchanges.profiles")


@pytest.mark.parametrize("profile", PROFILES, ids=lambda p: p.name)
def test_every_profile_is_complete(profile: ExchangeProfile) -> None:
    assert profile.name == profile.name.upper() and len(profile.name) <= 20  # VARCHAR(20)
    assert profile.name.isascii() and profile.name.isalnum()
    assert canonical_exchange(f" {profile.name.lower()} ") == profile.name
    assert display_name(profile.name) == profile.display_name
    assert profile.secret_fields and profile.secret_fields[0].part == "secret"
    if profile.is_demo:
        assert profile.base_url_variables() == ()
        return
    assert profile.default_base_url.startswith("https://")
    assert profile.help_url.startswith("https://")
    assert profile.base_url_variables()[0] == f"WALLETDESK_{profile.name}_BASE_URL"
    assert all(url.startswith("https://") for url in profile.extra_hosts.values())


def test_names_are_unique_and_the_registry_serves_exactly_the_catalog() -> None:
    assert len(set(SUPPORTED)) == len(SUPPORTED) == len(PROFILES)
    registry = default_registry({})
    try:
        for name in SUPPORTED:
            adapter = registry.get(name)
            assert adapter.name == name
            assert adapter.is_demo == (name == "DEMO")
    finally:
        registry.close()


def test_mexc_futures_has_its_own_base_url_variable() -> None:
    mexc = next(p for p in PROFILES if p.name == "MEXC")
    assert "WALLETDESK_MEXC_FUTURES_BASE_URL" in mexc.base_url_variables()


def test_importing_the_catalog_imports_no_adapter_network_or_crypto_library() -> None:
    script = (
        "import sys\n"
        "import walletdesk.exchanges.catalog\n"
        f"loaded = [m for m in {HEAVY!r} if m in sys.modules]\n"
        "assert not loaded, loaded\n"
        "adapters = [m for m in sys.modules if m.startswith('walletdesk.exchanges.')\n"
        f"            and m.rpartition('.')[0] != {LIGHT[-1]!r} and m not in {LIGHT!r}]\n"
        "assert not adapters, adapters\n"
    )
    subprocess.run([sys.executable, "-c", script], cwd=REPO, check=True, timeout=60)


@pytest.mark.parametrize("profile", [p for p in PROFILES if not p.is_demo], ids=lambda p: p.name)
def test_each_adapter_speaks_for_the_profile_that_builds_it(profile: ExchangeProfile) -> None:
    adapter = profile.adapter(AdapterSettings(profile, {}))
    try:
        assert adapter.name == profile.name
        assert vars(type(adapter))["profile"] is profile  # one profile object, not a copy
    finally:
        adapter.close()


def test_help_texts_and_the_first_run_screen_name_every_exchange() -> None:
    from walletdesk.cli.arguments import EXCHANGE_HELP
    from walletdesk.exchanges.catalog import real_exchange_names

    assert all(name in EXCHANGE_HELP for name in SUPPORTED)
    shown = real_exchange_names()
    assert all(p.display_name in shown for p in PROFILES if not p.is_demo)
    assert "Demo" not in shown
