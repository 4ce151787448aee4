"""Alembic environment, run only programmatically (store/migrate.py) on a live connection.

There is no alembic.ini at run time: migrate.py builds the Config in code and passes the open
SQLAlchemy connection in config.attributes["connection"].
"""

from __future__ import annotations

from alembic import context

from ipt_desktop.store.models import metadata

config = context.config
connection = config.attributes.get("connection")
if connection is None:  # pragma: no cover - offline/CLI use is not supported
    raise RuntimeError("run migrations through ipt_desktop.store.migrate")

# render_as_batch: SQLite cannot ALTER most things; batch mode copies and renames tables.
context.configure(
    connection=connection,
    target_metadata=metadata,
    render_as_batch=True,
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
