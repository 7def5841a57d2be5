"""`walletdesk --smoke`: start, paint the stored portfolio, exit 0; nothing heavy loaded."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.ui.seeding import seed, synthetic

HEAVY = ("sqlalchemy", "alembic", "httpx", "keyring", "openpyxl", "authlib", "cryptography",
         "hashlib", "json")  # OpenSSL; json only once a sign-in or key file is read
# Parts of WalletDesk itself that only a command, a dialog or a refresh needs: every module
# of walletdesk/exchanges/ but the catalog and its light profiles (checked in PROBE).
NOT_PAINTED = ("walletdesk.cli.credentials_commands", "walletdesk.cli.session_commands",
               "walletdesk.ui.dialogs.export_dialog",
               # gains and losses: only history (read after the first paint) has any
               "walletdesk.ui.widgets.change_figures", "walletdesk.ui.change_colours",
               # built after the first paint (DeskPresenter.build_after_paint)
               "walletdesk.ui.presenters.history_presenter", "walletdesk.ui.views.history_view",
               "walletdesk.ui.widgets.net_worth_chart",
               "walletdesk.ui.presenters.currency_presenter",
               "walletdesk.ui.presenters.export_flow", "walletdesk.ui.presenters.backup_flow",
               "walletdesk.ui.presenters.desk_loads",
               # screens built when first shown (MainWindow.empty, .sign_in, .damaged)
               "walletdesk.ui.views.empty_state_view", "walletdesk.ui.views.sign_in_view",
               "walletdesk.ui.views.damaged_database_view")
PAINTED_EXCHANGE_MODULES = ("catalog", "pacing", "profile", "profiles")
# Qt classes the first paint does without: PySide6 builds a class's Python type, and with it
# every enum type of the class (slow in Python 3.11: QGradient's 169 presets, QMessageBox's
# buttons), on first use, and only then puts it in its module's namespace.
NOT_PAINTED_QT = ("QtWidgets.QMessageBox", "QtWidgets.QFileDialog", "QtGui.QGradient",
                  "QtCore.QUrl")

PROBE = """
import sys
from walletdesk.app import main
code = main(["--smoke"])
loaded = {name.split(".")[0] for name in sys.modules} | set(sys.modules)
heavy = sorted(loaded & set(sys.argv[1].split(",")))
heavy += sorted(name for name in loaded if name.startswith("walletdesk.exchanges.")
                and name.split(".")[2] not in sys.argv[2].split(","))
for qt_class in sys.argv[3].split(","):
    module, name = qt_class.split(".")
    if name in vars(sys.modules["PySide6." + module]):
        heavy.append(qt_class)
print("heavy:" + ",".join(heavy))
sys.exit(code)
"""


# The collector waits while the window is built; from its first paint it runs again, the
# objects the start made set aside as long-lived (ui/heap.py).
GC_PROBE = """
import gc, logging, sys
import walletdesk.ui.gui_main as gui_main
from walletdesk.app import main

build, seen = gui_main.build_window, []

def watched(*args, **kwargs):
    seen.append(f"building:{gc.isenabled()}")
    return build(*args, **kwargs)

class AtPaint(logging.Handler):
    def emit(self, record):
        if record.getMessage().startswith("first paint"):
            seen.append(f"painted:{gc.isenabled()}:frozen:{gc.get_freeze_count() > 0}")

gui_main.build_window = watched
logging.getLogger(gui_main.__name__).addHandler(AtPaint())
code = main(["--smoke"])
print(" ".join(seen))
sys.exit(code)
"""


# The installed `walletdesk` command (entry_point): the process ends through process_end.
EXIT_HANDLER_PROBE = """
import atexit, sys
from pathlib import Path
marker = Path(sys.argv[1])
atexit.register(lambda: marker.write_text("ran"))
sys.argv[1:] = ["--smoke"]
from walletdesk.app import entry_point
entry_point()
"""


def run(args: list[str], data_dir: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "WALLETDESK_DATA_DIR": str(data_dir)}
    return subprocess.run([sys.executable, *args], env=env, capture_output=True, text=True,
                          timeout=60, check=False)


def test_smoke_exits_zero_once_the_stored_portfolio_has_painted(data_dir: Path,
                                                                 master_key: bytes) -> None:
    seed(data_dir / "walletdesk.db", {"MEXC": synthetic(600), "BINANCE": synthetic(400)})
    result = run(["-m", "walletdesk", "--smoke"], data_dir)
    assert result.returncode == 0, result.stderr
    log = (data_dir / "logs" / "walletdesk.log").read_text()
    assert "first paint: 2 wallets, 1000 balances" in log


def test_ending_the_gui_process_quickly_still_runs_every_exit_handler(
        data_dir: Path, tmp_path: Path) -> None:
    marker = tmp_path / "exit-handler-ran"
    result = run(["-c", EXIT_HANDLER_PROBE, str(marker)], data_dir)
    assert result.returncode == 0, result.stderr
    assert marker.read_text() == "ran"
    assert "first paint" in (data_dir / "logs" / "walletdesk.log").read_text()  # log flushed


def test_smoke_works_on_a_first_run_without_a_database(data_dir: Path) -> None:
    result = run(["-m", "walletdesk", "--smoke"], data_dir)
    assert result.returncode == 0, result.stderr
    assert not (data_dir / "walletdesk.db").exists()  # painting never creates the database


def test_the_first_paint_loads_no_database_network_or_keychain_library(
        data_dir: Path, master_key: bytes) -> None:
    seed(data_dir / "walletdesk.db", {"MEXC": synthetic(10)})
    result = run(["-c", PROBE, ",".join(HEAVY + NOT_PAINTED), ",".join(PAINTED_EXCHANGE_MODULES),
                  ",".join(NOT_PAINTED_QT)], data_dir)
    assert result.returncode == 0, result.stderr
    assert "heavy:\n" in result.stdout


def test_the_collector_waits_while_the_window_is_built_and_runs_from_its_first_paint(
        data_dir: Path, master_key: bytes) -> None:
    seed(data_dir / "walletdesk.db", {"MEXC": synthetic(100)})
    result = run(["-c", GC_PROBE], data_dir)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["building:False", "painted:True:frozen:True"]
