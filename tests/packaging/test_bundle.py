"""The PyInstaller bundle (dist/walletdesk/) runs the GUI and the CLI on its own."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.hidden_library import assert_named_in_one_line, run_without
from tests.packaging.bundle import INTERNAL, bundle_size
from tests.security.test_real_keychain import UNLOCK, run_in_keychain
from tests.system_parts import needs_command
from walletdesk import __version__

pytestmark = pytest.mark.package

MAX_BUNDLE_BYTES = 130_000_000
TIMEOUT = 120


def run(bundle: Path, *args: str, env: dict[str, str] | None = None
        ) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(bundle), *args], capture_output=True, text=True,
                          timeout=TIMEOUT, env=env, stdin=subprocess.DEVNULL, check=False)


@pytest.fixture
def offscreen(data_dir: Path, master_key: bytes) -> dict[str, str]:
    """A private data dir and master key, and Qt without a display."""
    return {**os.environ, "QT_QPA_PLATFORM": "offscreen"}


def test_frozen_app_paints_its_window_offscreen(bundle: Path, offscreen: dict[str, str]) -> None:
    result = run(bundle, "--smoke", env=offscreen)
    assert result.returncode == 0, result.stderr


@needs_command("xvfb-run", "xvfb")
def test_frozen_app_paints_its_window_on_an_x_server(bundle: Path, data_dir: Path,
                                                      master_key: bytes) -> None:
    env = {key: value for key, value in os.environ.items()
           if key not in {"QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY"}}
    result = subprocess.run(["xvfb-run", "-a", str(bundle), "--smoke"], capture_output=True,
                            text=True, timeout=TIMEOUT, env=env, check=False)
    assert result.returncode == 0, result.stderr


def test_frozen_app_names_a_missing_x11_library_in_one_line(
        bundle: Path, offscreen: dict[str, str], tmp_path: Path) -> None:
    # The check finds Qt's platform plugin inside the bundle too (else Qt aborts here).
    env = {**offscreen, "QT_QPA_PLATFORM": "xcb"}
    result = run_without("libxcb-icccm.so.4", "libxcb-icccm4", [str(bundle), "--smoke"], env,
                         tmp_path / "empty")
    assert_named_in_one_line(result.stderr, result.returncode, "libxcb-icccm.so.4",
                             "libxcb-icccm4")


def test_frozen_cli_prints_the_package_version(bundle: Path) -> None:
    result = run(bundle, "--version")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"WalletDesk {__version__}"


def test_frozen_cli_lists_credentials_from_a_new_database(
        bundle: Path, offscreen: dict[str, str], data_dir: Path) -> None:
    result = run(bundle, "credentials", "list", "--format", "json", env=offscreen)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == []
    assert (data_dir / "walletdesk.db").is_file()  # created by the bundled Alembic migrations


@pytest.mark.keychain
@pytest.mark.skipif(sys.platform != "linux", reason="Secret Service keychain: Linux only")
def test_frozen_cli_keeps_its_master_key_in_the_real_keychain(bundle: Path,
                                                              tmp_path: Path) -> None:
    # No WALLETDESK_MASTER_KEY: the key is created in gnome-keyring, found through
    # keyring's entry points inside the bundle (the "fail" backend would refuse).
    data = tmp_path / "data"
    add = f"{bundle} --data-dir {data} credentials add --exchange demo --api-key demo </dev/null"
    first = run_in_keychain(tmp_path, f"{UNLOCK}; {add}")
    assert "Added" in first, first
    # A new D-Bus session and daemon: only the keyring file carries the key over, and
    # refreshing decrypts the stored secret with it.
    refresh = f"{bundle} --data-dir {data} refresh </dev/null"
    second = run_in_keychain(tmp_path, f"{UNLOCK}; {refresh}")
    assert "updated" in second, second


def test_bundle_is_at_most_130_mb(bundle: Path) -> None:
    size = bundle_size()
    assert size <= MAX_BUNDLE_BYTES, f"{size / 1e6:.1f} MB"


def test_bundle_holds_the_migrations_assets_and_keyring_metadata(bundle: Path) -> None:
    migrations = INTERNAL / "walletdesk" / "store" / "migrations"
    assert (migrations / "env.py").is_file()
    assert list((migrations / "versions").glob("0001_*.py"))
    assert (INTERNAL / "walletdesk" / "assets" / "app" / "walletdesk-256.png").is_file()
    assert (INTERNAL / "walletdesk" / "assets" / "icons" / "refresh.svg").is_file()
    assert list(INTERNAL.glob("keyring-*.dist-info/entry_points.txt"))


def test_bundle_leaves_out_unused_qt_parts(bundle: Path) -> None:
    qt = INTERNAL / "PySide6" / "Qt"
    assert not (qt / "translations").exists()
    plugin_types = {path.name for path in (qt / "plugins").iterdir()}
    assert plugin_types.isdisjoint({"qmltooling", "sqldrivers", "tls", "egldeviceintegrations",
                                    "generic", "printsupport", "designer"})
    assert not list((qt / "plugins").rglob("*gtk3*"))
    names = " ".join(path.name for path in INTERNAL.rglob("*"))
    for unused in ("Qt6Quick", "Qt6Qml", "Qt6Pdf", "Qt6WebEngine", "Qt6Multimedia",
                   "Qt6Network", "libgtk-3"):
        assert unused not in names


@pytest.mark.skipif(sys.platform != "linux", reason="ldd: Linux only")
@needs_command("ldd", "libc-bin")
def test_every_bundled_library_finds_what_it_links_against(bundle: Path) -> None:
    # As at run time: the bootloader puts _internal on the library path, the rest is the
    # system's (the Debian packages in resources/README.md).
    env = {**os.environ, "LD_LIBRARY_PATH": str(INTERNAL)}
    missing = []
    for path in INTERNAL.rglob("*.so*"):
        if path.is_file() and not path.is_symlink():
            output = subprocess.run(["ldd", str(path)], capture_output=True, text=True,
                                    env=env, check=False).stdout
            missing += [f"{path.name}: {line.strip()}" for line in output.splitlines()
                        if "not found" in line]
    assert not missing, "\n".join(missing)


def test_bundle_ships_the_licence_texts_and_a_notice(bundle: Path) -> None:
    from walletdesk.third_party import COMPONENTS, notice

    assert (INTERNAL / "NOTICE.txt").read_text(encoding="utf-8") == notice()
    for component in COMPONENTS:
        folder = INTERNAL / "licences" / component.distribution
        assert folder.is_dir() and any(folder.iterdir()), component.distribution
    qt = (INTERNAL / "licences" / "pyside6-essentials" / "LGPL-3.0.txt").read_text()
    assert "GNU LESSER GENERAL PUBLIC LICENSE" in qt
