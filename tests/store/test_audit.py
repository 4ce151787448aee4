"""The audit trail: one event per write, no clinical text, tampering detected."""

from __future__ import annotations

import dataclasses

import pytest
from store_factory import full_record

from ipt_desktop.store import repository as repo
from ipt_desktop.store.audit import verify_chain


def _events(db):
    with db.engine.connect() as conn:
        return conn.exec_driver_sql("SELECT * FROM audit_event ORDER BY id").all()


def _write_some(db):
    record = full_record(note="Secret-Pelican-Note")
    with repo.transaction(db) as s:
        repo.insert_client(s, record.client)
        repo.insert_episode(s, record.client.id, record.episodes[1])
    with repo.transaction(db) as s:
        repo.update_client(s, dataclasses.replace(record.client, notes="Other-Secret"))
        repo.delete_measure(s, record.episodes[1].id, record.episodes[1].measures[0].id)
    return record


def test_every_write_is_logged_without_clinical_text(db):
    record = _write_some(db)
    events = _events(db)
    assert [(e.action, e.entity) for e in events] == [
        ("insert", "client"), ("insert", "episode"), ("update", "client"), ("delete", "measure")]
    assert all(e.client_id == record.client.id for e in events)
    flat = repr(events)
    assert "Secret" not in flat and record.client.last_name not in flat
    assert verify_chain(db) == []


def test_rolled_back_write_leaves_no_event(db):
    with pytest.raises(RuntimeError):
        with repo.transaction(db) as s:
            repo.insert_client(s, full_record().client)
            raise RuntimeError("abandon")
    assert _events(db) == []


@pytest.mark.parametrize("tamper", [
    "UPDATE audit_event SET action = 'update' WHERE id = 2",
    "UPDATE audit_event SET at = '2020-01-01T00:00:00+00:00' WHERE id = 3",
    "DELETE FROM audit_event WHERE id = 2",
    "DELETE FROM audit_event WHERE id = 1",
])
def test_editing_or_deleting_an_event_is_detected(db, tamper):
    _write_some(db)
    with db.engine.begin() as conn:
        conn.exec_driver_sql(tamper)
    assert verify_chain(db) != []
