"""Alembic migrations: the baseline builds what the ORM maps; opening is cheap when current."""

from __future__ import annotations

import subprocess
import sys
from contextlib import closing
from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine

from walletdesk.store.database import Database, open_database
from walletdesk.store.migrate import alembic_config
from walletdesk.store.migrations import HEAD_REVISION
from walletdesk.store.schema import Base

from .builders import raw_rows
from .pragmas import TABLES, connect_read_only, describe


def test_orm_metadata_and_migrated_database_agree_pragma_by_pragma(
        db: Database, tmp_path: Path) -> None:
    from_orm = tmp_path / "from_orm.db"
    engine = create_engine(f"sqlite:///{from_orm}")
    Base.metadata.create_all(engine)
    engine.dispose()
    with closing(connect_read_only(db.path)) as migrated, \
            closing(connect_read_only(from_orm)) as created:
        assert describe(migrated, TABLES) == describe(created, TABLES)


def test_alembic_autogenerate_finds_nothing_to_migrate(db: Database) -> None:
    with db.engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert differences == []


def test_head_revision_constant_names_the_newest_migration() -> None:
    assert ScriptDirectory.from_config(alembic_config()).get_current_head() == HEAD_REVISION


def test_new_database_is_stamped_with_the_head_revision(db: Database) -> None:
    assert raw_rows(db.path, "SELECT version_num FROM alembic_version") == [(HEAD_REVISION,)]


def test_reopening_keeps_the_data_and_runs_no_migration(db_path: Path) -> None:
    first = open_database(db_path)
    with first.transaction() as session:
        session.connection().exec_driver_sql(
            "INSERT INTO users VALUES ('u', 'u@example.com', NULL, "
            "'2025-01-01 00:00:00.000000', '2025-01-01 00:00:00.000000')")
    first.close()
    again = open_database(db_path)
    again.close()
    assert raw_rows(db_path, "SELECT id FROM users") == [("u",)]
    assert raw_rows(db_path, "SELECT version_num FROM alembic_version") == [(HEAD_REVISION,)]


def test_opening_an_up_to_date_database_does_not_import_alembic(db: Database) -> None:
    code = (
        "import sys; from pathlib import Path\n"
        "from walletdesk.store.database import open_database\n"
        f"open_database(Path({str(db.path)!r})).close()\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'alembic'))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True, cwd=Path(__file__).parents[2])
    assert result.stdout.strip() == "[]"
