"""Alembic migrations of the WalletDesk database, configured in code (no alembic.ini).

``walletdesk.store.migrate`` points Alembic at this folder, so migrations run the same from
a source tree, an installed wheel or a PyInstaller bundle (which must collect this folder's
``.py`` and ``.mako`` files as data).

A new revision: write ``versions/NNNN_what.py`` (``render_as_batch`` is on, for SQLite's
table rebuilds; autogenerate with ``walletdesk.store.migrate.alembic_config()`` plus a
``sqlalchemy.url`` option), then update ``HEAD_REVISION``; a test checks that it matches.
"""

HEAD_REVISION = "0007_balance_sole_sources"
"""The newest revision: a database already there is opened without importing Alembic."""
