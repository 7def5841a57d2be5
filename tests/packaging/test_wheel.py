"""An installed wheel finds its icons the same way a source checkout and the bundle do."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.packaging.bundle import REPO
from walletdesk.resources import ICON_NAMES

pytestmark = pytest.mark.package


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel of this checkout, unpacked as pip would install it (no dependencies)."""
    wheels = tmp_path_factory.mktemp("wheels")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w",
                    str(wheels), str(REPO)], check=True, capture_output=True, timeout=300)
    site = tmp_path_factory.mktemp("site-packages")
    with zipfile.ZipFile(next(wheels.glob("walletdesk-*.whl"))) as wheel:
        wheel.extractall(site)
    return site


def test_installed_wheel_finds_every_icon_inside_itself(installed: Path) -> None:
    code = (f"import sys; sys.path.insert(0, {str(installed)!r}); from walletdesk import "
            "resources as r; print(*[r.icon_path(n) for n in r.ICON_NAMES], *r.app_icon_paths(),"
            " sep='\\n')")
    result = subprocess.run([sys.executable, "-I", "-c", code], capture_output=True, text=True,
                            check=True)
    paths = [Path(line) for line in result.stdout.splitlines()]
    assert len(paths) == len(ICON_NAMES) + 8
    assert all(path.is_file() and path.is_relative_to(installed) for path in paths)


def test_wheel_carries_the_migrations_alembic_reads_from_disk(installed: Path) -> None:
    migrations = installed / "walletdesk" / "store" / "migrations"
    assert (migrations / "env.py").is_file()
    assert (migrations / "script.py.mako").is_file()
    assert list((migrations / "versions").glob("0001_*.py"))
