"""Migration 0002 (the client list's covering index), the first one run on files already in use:
a 0001 practice upgrades with a snapshot, loses nothing, and the list then reads the index, not
the table whose rows carry the session notes."""

from __future__ import annotations

import shutil
from pathlib import Path

import sqlcipher3
from store_factory import STORE_PASSPHRASE, full_record

from ipt_desktop.store import migrate
from ipt_desktop.store import repository as repo
from ipt_desktop.store.engine import open_database
from ipt_desktop.store.keys import KeyMaterial, new_salt
from ipt_desktop.store.repository.reads import _SUMMARY_SQL, _client_filters
from ipt_desktop.store.snapshot import foreign_key_check, inspect_file


def _scripts_up_to_0001(tmp_path: Path) -> Path:
    location = tmp_path / "migrations-0001"
    shutil.copytree(migrate.MIGRATIONS_DIR, location, ignore=shutil.ignore_patterns("__pycache__"))
    for script in (location / "versions").glob("*.py"):
        if not script.name.startswith("0001_"):
            script.unlink()
    return location


def _practice_at_0001(tmp_path: Path):
    path = tmp_path / "practice.ipt"
    key = KeyMaterial.from_passphrase(STORE_PASSPHRASE, new_salt())
    conn = sqlcipher3.connect(str(path))
    conn.execute(key.pragma_sql())
    conn.execute("PRAGMA journal_mode = WAL")
    conn.close()
    db = open_database(path, STORE_PASSPHRASE)
    migrate.upgrade(db, snapshot=False, script_location=_scripts_up_to_0001(tmp_path))
    return db


def _index_names(db) -> set[str]:
    with db.engine.connect() as conn:
        return {r[0] for r in conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type = 'index'")}


def test_a_0001_practice_upgrades_with_a_snapshot_and_keeps_every_record(tmp_path: Path):
    db = _practice_at_0001(tmp_path)
    try:
        assert migrate.current_revision(db) == "0001" and "ix_session_summary" not in _index_names(db)
        record = full_record()
        with repo.transaction(db) as s:
            repo.replace_client_record(s, record)
        before = repo.list_client_summaries(db, now="2026-03-01T00:00")
        snapshot = migrate.upgrade(db)
        assert migrate.current_revision(db) == "0002" == migrate.HEAD_REVISION
        assert "ix_session_summary" in _index_names(db)
        assert repo.load_client_record(db, record.client.id) == record
        assert repo.list_client_summaries(db, now="2026-03-01T00:00") == before
        assert foreign_key_check(db) == []
    finally:
        db.dispose()
    assert snapshot is not None and snapshot.name.startswith("pre-migration-0001-")
    assert inspect_file(snapshot, STORE_PASSPHRASE).revision == "0001"


def test_the_client_list_reads_the_covering_index_not_the_session_notes(db):
    fragments, _ = _client_filters(None)
    sql = _SUMMARY_SQL.replace("{main_case}", "0")
    for name, fragment in fragments.items():
        sql = sql.replace("{" + name + "}", fragment)
    params = {"status": "all", "now": "2026-03-01T00:00", "today": "2026-03-01"}
    with db.engine.connect() as conn:
        plan = [row[-1] for row in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + sql, params)]
    session_steps = [step for step in plan if step.startswith(("SCAN session", "SEARCH session"))]
    assert session_steps and all("COVERING INDEX ix_session_summary" in step for step in session_steps), plan
