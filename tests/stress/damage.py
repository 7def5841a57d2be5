"""Ways a database file goes bad, done to a real file: damaged pages, a cut, a newer app's
schema, another program's database; and a fingerprint to prove a file was left alone."""

from __future__ import annotations

import hashlib
import os
import sqlite3
from collections.abc import Iterable
from contextlib import closing
from pathlib import Path

from tests.stress.tally import count
from tests.system_parts import skip_missing


def fingerprint(folder: Path) -> dict[str, str]:
    """Every file directly in ``folder`` with a hash of its bytes."""
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.iterdir()) if p.is_file()}


def page_size(path: Path) -> int:
    with closing(sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)) as db:
        return int(db.execute("PRAGMA page_size").fetchone()[0])


def pages_of(path: Path, *tables: str) -> list[int]:
    """The pages (1-based) of the tables' and their indexes' b-trees."""
    uri = f"{path.as_uri()}?mode=ro"
    marks = ",".join("?" * len(tables))
    with closing(sqlite3.connect(uri, uri=True)) as db:
        try:
            rows = db.execute("SELECT s.pageno FROM dbstat AS s JOIN sqlite_master AS m "
                              f"ON s.name = m.name WHERE m.tbl_name IN ({marks})",
                              tables).fetchall()
        except sqlite3.OperationalError:
            skip_missing("SQLite's dbstat table (to find a table's pages)", "libsqlite3-0")
    return sorted(int(page) for (page,) in rows)


def read_page(path: Path, page: int, size: int) -> bytes:
    with path.open("rb") as file:
        file.seek((page - 1) * size)
        return file.read(size)


def scribble(path: Path, pages: Iterable[int]) -> None:
    """Overwrite whole pages with random bytes, as a failing disk would."""
    size = page_size(path)
    with path.open("r+b") as file:
        for page in pages:
            file.seek((page - 1) * size)
            file.write(os.urandom(size))
    count("faults")


def damage_all_but_the_first_page(path: Path) -> None:
    scribble(path, range(2, path.stat().st_size // page_size(path) + 1))


def cut_in_half(path: Path) -> None:
    size = path.stat().st_size
    with path.open("r+b") as file:
        file.truncate(size // 2)
    count("faults")


def from_a_newer_app(path: Path) -> None:
    with closing(sqlite3.connect(path)) as db, db:
        db.execute("UPDATE alembic_version SET version_num = '0099_from_the_future'")
    count("faults")


def another_programs(path: Path) -> None:
    path.unlink()
    with closing(sqlite3.connect(path)) as db, db:
        db.execute("CREATE TABLE notes (body TEXT)")
        db.execute("INSERT INTO notes VALUES ('mine')")
    count("faults")
