"""Alembic environment: runs on the connection that ``walletdesk.store.migrate`` hands over.

That connection is already inside the migration's ``BEGIN IMMEDIATE`` transaction, so every
revision applies atomically (SQLite's DDL is transactional) or not at all.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection, create_engine

from walletdesk.store.schema import Base


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=True,  # SQLite alters tables by rebuilding them
        transactional_ddl=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def _main() -> None:
    config = context.config
    if context.is_offline_mode():
        context.configure(url=config.get_main_option("sqlalchemy.url"),
                          target_metadata=Base.metadata, render_as_batch=True,
                          literal_binds=True)
        with context.begin_transaction():
            context.run_migrations()
        return
    handed_over = config.attributes.get("connection")
    if handed_over is not None:
        _run(handed_over)
        return
    # A developer's command (e.g. autogenerate) against the database named in the config.
    engine = create_engine(config.get_main_option("sqlalchemy.url") or "sqlite://")
    with engine.connect() as connection:
        _run(connection)
        connection.commit()
    engine.dispose()


_main()
