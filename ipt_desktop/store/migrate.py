"""Schema migrations: snapshot first, then Alembic with foreign keys off, then foreign_key_check.

Alembic is imported only when a migration is actually pending (start-up speed): the common case
(database already at HEAD_REVISION) costs one query. The migrations ship inside the package and
are located via __file__, so this works from a PyInstaller bundle too; no alembic.ini is read.
"""

from __future__ import annotations

import logging
from datetime import datetime, timezone
from pathlib import Path

from sqlalchemy import Engine

from .engine import Database
from .errors import IntegrityProblemError, NewerSchemaError

log = logging.getLogger(__name__)

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
# Kept in step with migrations/versions by tests/store/test_migrate.py (no alembic import needed).
HEAD_REVISION = "0002"


def head_revision() -> str:
    return HEAD_REVISION


def current_revision(db: Database | Engine) -> str | None:
    """The revision stamped in the file, or None for a file without a schema yet. One query."""
    engine = db.engine if isinstance(db, Database) else db
    with engine.connect() as conn:
        exists = conn.exec_driver_sql(
            "SELECT 1 FROM sqlite_master WHERE type='table' AND name='alembic_version'"
        ).first()
        if exists is None:
            return None
        row = conn.exec_driver_sql("SELECT version_num FROM alembic_version").first()
        return row[0] if row else None


def _alembic_config(script_location: Path | None):
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(script_location or MIGRATIONS_DIR))
    return cfg


def check_not_newer(db: Database, *, script_location: Path | None = None) -> None:
    """Raise NewerSchemaError when the file's revision is unknown to this app. Touches nothing."""
    current = current_revision(db)
    if current is None or (script_location is None and current == HEAD_REVISION):
        return
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(_alembic_config(script_location))
    known = {rev.revision for rev in script.walk_revisions()}
    if current not in known:
        raise NewerSchemaError(current, script.get_current_head() or "none")


def needs_upgrade(db: Database, *, script_location: Path | None = None) -> bool:
    check_not_newer(db, script_location=script_location)
    current = current_revision(db)
    if script_location is None:
        return current != HEAD_REVISION
    from alembic.script import ScriptDirectory

    return current != ScriptDirectory.from_config(_alembic_config(script_location)).get_current_head()


def upgrade(db: Database, *, snapshot: bool = True, snapshot_dir: Path | None = None,
            script_location: Path | None = None) -> Path | None:
    """Bring the file to head. Returns the pre-migration snapshot path, or None if nothing ran.

    Snapshot goes to <db dir>/snapshots/pre-migration-<rev>-<UTC timestamp>.ipt (same key).
    Raises NewerSchemaError (file untouched) or IntegrityProblemError (rolled back).
    """
    if not needs_upgrade(db, script_location=script_location):
        return None
    current = current_revision(db)
    snap_path = None
    if snapshot and current is not None:
        from .snapshot import backup_database

        stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
        folder = snapshot_dir or (db.path.parent / "snapshots")
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        snap_path = backup_database(db, folder / f"pre-migration-{current}-{stamp}.ipt")
    log.info("migrating practice database from %s", current or "empty")
    _run(db, script_location)
    return snap_path


def _run(db: Database, script_location: Path | None) -> None:
    from alembic import command

    cfg = _alembic_config(script_location)
    with db.engine.connect() as conn:
        raw = conn.connection.driver_connection
        # Must be set outside a transaction. Without this, a batch "copy and rename" of a parent
        # table fires ON DELETE CASCADE and silently deletes every child row.
        raw.execute("PRAGMA foreign_keys = OFF")
        try:
            with conn.begin():  # alembic sees an external transaction and does not commit
                cfg.attributes["connection"] = conn
                command.upgrade(cfg, "head")
                rows = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                if rows:
                    problems = [f"{r[0]} rowid {r[1]} -> {r[2]}" for r in rows]
                    raise IntegrityProblemError(
                        "The database update was rolled back: it would break links between records.",
                        problems,
                    )
        finally:
            raw.execute("PRAGMA foreign_keys = ON")
