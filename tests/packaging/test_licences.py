"""Open-source licences: every runtime dependency is listed (About, NOTICE.txt), and each
has a licence text for the bundle."""

from __future__ import annotations

import importlib.metadata
import sys
from pathlib import Path

from packaging.requirements import Requirement
from pytestqt.qtbot import QtBot

from walletdesk.third_party import COMPONENTS, QT, notice

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "resources"))
import bundle_licences


def _normalised(name: str) -> str:
    return name.lower().replace("_", "-").replace(".", "-")


def runtime_closure() -> set[str]:
    """Every distribution ``walletdesk`` needs at run time (no extras), as installed here."""
    found: set[str] = set()
    todo = ["walletdesk"]
    while todo:
        dist = importlib.metadata.distribution(todo.pop())
        for text in dist.requires or []:
            requirement = Requirement(text)
            if requirement.marker and not requirement.marker.evaluate({"extra": ""}):
                continue
            name = _normalised(requirement.name)
            if name not in found:
                found.add(name)
                todo.append(name)
    return found


def test_every_runtime_dependency_is_listed_with_its_declared_licence() -> None:
    listed = {c.distribution for c in COMPONENTS} - {"python"}
    assert listed == runtime_closure()
    for component in COMPONENTS:
        if component.distribution == "python":
            continue
        declared = importlib.metadata.distribution(component.distribution).metadata
        expression = (declared.get_all("License-Expression") or [None])[0]
        if expression and component is not QT and component.distribution != "shiboken6":
            assert expression == component.licence, component.distribution
    assert QT.licence == "LGPL-3.0-only"  # of the wheel's three choices, the one we use


def test_every_component_has_a_licence_text_for_the_bundle() -> None:
    datas = bundle_licences.licence_datas()
    folders = {folder for _source, folder in datas}
    assert folders == {f"licences/{c.distribution}" for c in COMPONENTS}
    texts: dict[str, str] = {}
    for source, folder in datas:
        texts[folder] = texts.get(folder, "") + Path(source).read_text(encoding="utf-8",
                                                                       errors="replace")
    for folder, text in texts.items():
        assert len(text) > 500, folder  # a licence, not a pointer to one
    for folder, text in texts.items():
        if folder.endswith(("pyside6-essentials", "shiboken6")):
            assert "GNU" in text and "GENERAL PUBLIC LICENSE" in text
        if folder.endswith("certifi"):
            assert "Mozilla Public License" in text


def test_the_notice_names_every_component_and_says_how_qt_is_used(tmp_path: Path) -> None:
    text = bundle_licences.write_notice(tmp_path).read_text()
    assert text == notice()
    for component in COMPONENTS:
        assert component.shown in text and component.licence in text
    assert "GNU Lesser General Public License" in text and "Mozilla Public License" in text


def test_about_lists_the_components_and_their_licences(qtbot: QtBot, tmp_path: Path) -> None:
    from walletdesk.paths import resolve_paths
    from walletdesk.ui.dialogs.about_dialog import AboutDialog

    dialog = AboutDialog(resolve_paths(str(tmp_path)))
    qtbot.addWidget(dialog)
    shown = dialog.components.text()
    for component in COMPONENTS:
        assert component.shown.replace("'", "&#x27;") in shown and component.licence in shown
    dialog.resize(520, 560)
    dialog.show()
    dialog.grab().save(str(tmp_path / "about.png"))
