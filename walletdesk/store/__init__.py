"""Persistence: the SQLite database, its schema and migrations, and per-user repositories.

This package's ``__init__`` stays empty on purpose: ``read_model`` (the first paint's
stdlib-only reader) lives here too and must not pull SQLAlchemy in.
"""
