"""Every benchmark, one after the other: `make bench` (not part of `make test`)."""

from __future__ import annotations

import importlib
import pkgutil

import tests.benchmarks as package


def main() -> None:
    for module in sorted(m.name for m in pkgutil.iter_modules(package.__path__)):
        if module.startswith("bench_"):
            print(f"\n== {module} ==", flush=True)
            importlib.import_module(f"tests.benchmarks.{module}").main()


if __name__ == "__main__":
    main()
