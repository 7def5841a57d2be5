"""The freedesktop entry and the AppStream metainfo describe the same app, validly."""

from __future__ import annotations

import configparser
import subprocess
import tomllib
import xml.etree.ElementTree as ET

from tests.packaging.bundle import REPO
from tests.packaging.scripts import RESOURCES, script
from tests.system_parts import needs_command
from walletdesk.resources import DESKTOP_ENTRY_ID

DESKTOP = RESOURCES / f"{DESKTOP_ENTRY_ID}.desktop"
METAINFO = script("bundle_metadata").METAINFO


def desktop_entry() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None, delimiters=("=",))
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    parser.read(DESKTOP, encoding="utf-8")
    return parser["Desktop Entry"]


def test_desktop_entry_starts_the_installed_command_with_the_app_icon() -> None:
    entry = desktop_entry()
    scripts = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]["scripts"]
    assert entry["Type"] == "Application"
    assert entry["Name"] == "WalletDesk"
    assert entry["Exec"] in scripts
    assert entry["Icon"] == "walletdesk"
    assert entry["Terminal"] == "false"
    assert entry["Categories"].endswith(";") and "Finance" in entry["Categories"].split(";")


def test_metainfo_names_the_desktop_entry_and_its_command() -> None:
    root = ET.parse(METAINFO).getroot()
    assert root.tag == "component" and root.get("type") == "desktop-application"
    assert METAINFO.name == f"{root.findtext('id')}.metainfo.xml"
    assert root.findtext("launchable") == DESKTOP.name
    assert root.findtext("provides/binary") == desktop_entry()["Exec"]
    for required in ("name", "summary", "metadata_license", "project_license", "description"):
        assert (root.findtext(required) or root.find(required)) is not None, required


@needs_command("desktop-file-validate", "desktop-file-utils")
def test_desktop_entry_passes_desktop_file_validate() -> None:
    result = subprocess.run(["desktop-file-validate", str(DESKTOP)], capture_output=True,
                            text=True, check=False)
    assert result.returncode == 0 and not result.stdout.strip(), result.stdout


@needs_command("appstreamcli", "appstream")
def test_metainfo_passes_appstream_validation_offline() -> None:
    result = subprocess.run(["appstreamcli", "validate", "--no-net", str(METAINFO)],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
