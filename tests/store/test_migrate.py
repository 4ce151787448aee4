"""Migrations: from nothing to head, refusing newer files untouched, snapshot first, children kept."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import sqlcipher3
from store_factory import STORE_PASSPHRASE, full_record

from ipt_desktop.store import migrate
from ipt_desktop.store import repository as repo
from ipt_desktop.store.engine import open_database
from ipt_desktop.store.errors import IntegrityProblemError, NewerSchemaError
from ipt_desktop.store.keys import KeyMaterial, new_salt
from ipt_desktop.store.models import metadata
from ipt_desktop.store.snapshot import foreign_key_check, inspect_file


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _insert(db, record):
    with repo.transaction(db) as s:
        repo.replace_client_record(s, record)


def test_head_constant_matches_alembic_scripts():
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(migrate._alembic_config(None))
    assert script.get_current_head() == migrate.HEAD_REVISION


def test_models_and_migrations_do_not_drift(db):
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    with db.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), metadata)
    assert diff == []


def test_migrate_from_empty_encrypted_file(tmp_path: Path):
    path = tmp_path / "empty.ipt"
    key = KeyMaterial.from_passphrase(STORE_PASSPHRASE, new_salt())
    conn = sqlcipher3.connect(str(path))
    conn.execute(key.pragma_sql())
    conn.execute("PRAGMA journal_mode = WAL")  # writes page 1: a keyed file with no tables
    conn.close()
    db = open_database(path, STORE_PASSPHRASE)
    try:
        assert migrate.current_revision(db) is None
        assert migrate.upgrade(db) is None  # nothing to lose, so no snapshot
        assert migrate.current_revision(db) == migrate.head_revision()
        assert repo.list_client_summaries(db) == []
        assert not (tmp_path / "snapshots").exists()
    finally:
        db.dispose()


def test_newer_revision_is_refused_and_file_untouched(db, db_path: Path):
    _insert(db, full_record())
    with db.engine.begin() as conn:
        conn.exec_driver_sql("UPDATE alembic_version SET version_num = '9999_future'")
    db.dispose()
    before = _digest(db_path)
    again = open_database(db_path, STORE_PASSPHRASE)
    try:
        with pytest.raises(NewerSchemaError) as info:
            migrate.upgrade(again)
    finally:
        again.dispose()
    assert "9999_future" in str(info.value) and migrate.HEAD_REVISION in str(info.value)
    assert _digest(db_path) == before
    assert not (db_path.parent / "snapshots").exists()


def _scripts_with(tmp_path: Path, name: str, body: str) -> Path:
    """A copy of the shipped migrations plus one test-only revision after head."""
    location = tmp_path / "migrations"
    shutil.copytree(migrate.MIGRATIONS_DIR, location, ignore=shutil.ignore_patterns("__pycache__"))
    header = (
        "import sqlalchemy as sa\nfrom alembic import op\n\n"
        f"revision = {name!r}\ndown_revision = {migrate.HEAD_REVISION!r}\n"
        "branch_labels = None\ndepends_on = None\n\n\ndef upgrade():\n"
    )
    footer = "\n\ndef downgrade():\n    pass\n"
    source = header + textwrap.indent(textwrap.dedent(body).strip("\n"), "    ") + footer
    (location / "versions" / f"{name}.py").write_text(source)
    return location


def test_batch_alter_of_parent_table_keeps_children_and_snapshots_first(db, db_path: Path, tmp_path: Path):
    record = full_record()
    _insert(db, record)
    scripts = _scripts_with(tmp_path, "0002_test_client_nickname", '''
        with op.batch_alter_table("client", recreate="always") as batch:
            batch.add_column(sa.Column("nickname", sa.String(), nullable=True))
    ''')
    snapshot = migrate.upgrade(db, script_location=scripts)
    assert migrate.current_revision(db) == "0002_test_client_nickname"
    # Without foreign_keys=OFF, recreating `client` would have cascaded into every episode.
    assert repo.load_client_record(db, record.client.id) == record
    assert foreign_key_check(db) == []
    # The snapshot is the pre-migration file, with the same key.
    assert snapshot is not None and snapshot.parent == db_path.parent / "snapshots"
    assert snapshot.name.startswith(f"pre-migration-{migrate.HEAD_REVISION}-") and snapshot.suffix == ".ipt"
    info = inspect_file(snapshot, STORE_PASSPHRASE)
    assert (info.revision, info.clients, info.sessions) == (migrate.HEAD_REVISION, 1, 4)


def test_migration_leaving_orphans_is_rolled_back(db, tmp_path: Path):
    record = full_record()
    _insert(db, record)
    scripts = _scripts_with(tmp_path, "0002_test_orphan", '''
        op.execute("INSERT INTO goal (id, episode_id, position, description) VALUES ('g', 'nope', 0, 'x')")
    ''')
    with pytest.raises(IntegrityProblemError) as info:
        migrate.upgrade(db, script_location=scripts)
    assert info.value.problems and "goal" in info.value.problems[0]
    assert migrate.current_revision(db) == migrate.HEAD_REVISION
    assert repo.load_client_record(db, record.client.id) == record
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_opening_an_up_to_date_file_does_not_import_alembic(db, db_path: Path):
    db.dispose()
    code = textwrap.dedent(f"""
        import sys
        from ipt_desktop.store.engine import open_database
        from ipt_desktop.store import migrate
        db = open_database({str(db_path)!r}, {STORE_PASSPHRASE!r})
        assert migrate.upgrade(db) is None
        db.dispose()
        print("alembic" in sys.modules)
    """)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         cwd=Path(__file__).resolve().parents[2])
    assert out.stdout.strip() == "False"
