# WalletDesk: `make run` starts the app, `make test` runs the whole suite headless.
# Both create .venv and install the package on first use, and again when pyproject.toml changes.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
RUN_STAMP := $(VENV)/.installed-run
TEST_STAMP := $(VENV)/.installed-test
PYTEST_ARGS ?=

.PHONY: run test lint typecheck bench package clean clean-root-ci

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(RUN_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(TEST_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@ $(RUN_STAMP)

run: $(RUN_STAMP)
	$(BIN)/walletdesk

test: $(TEST_STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest $(PYTEST_ARGS)

lint: $(TEST_STAMP)
	$(BIN)/ruff check walletdesk tests
	$(BIN)/mypy

bench: $(TEST_STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m tests.benchmarks.run_all

# The PyInstaller bundle in dist/walletdesk/ (dist/WalletDesk.app on macOS); see resources/README.md.
package: | $(BIN)/python
	@test $(VENV)/.installed-package -nt pyproject.toml \
	  || { $(BIN)/python -m pip install --quiet -e '.[package]' && touch $(VENV)/.installed-package $(RUN_STAMP); }
	$(BIN)/python -m PyInstaller --noconfirm --log-level WARN --distpath dist --workpath build/pyinstaller build.spec

# `.ci/run` on a fresh Debian 12 root (as root, needs mmdebstrap); see tools/clean_root_ci.sh.
clean-root-ci:
	bash tools/clean_root_ci.sh

clean:
	rm -rf $(VENV) build dist *.egg-info
