"""Backups and restores are recorded in the hash-chained audit trail (never a file name or note).

Real encrypted practices throughout; a restore is checked in the RESTORED file, whose own chain
must continue unbroken with the restore event.
"""

from __future__ import annotations

from pathlib import Path

from ipt_desktop.services import backup_restore, backups
from ipt_desktop.services.clients import create_client, list_clients
from ipt_desktop.services.practice import open_practice
from ipt_desktop.services.security import list_audit, verify_audit_chain

NOTE = "Secret clinical note about a fictional grief"


def _practice_events(practice) -> list[tuple[str, str | None]]:
    return [(e.action, e.entity_id) for e in list_audit(practice) if e.entity == "practice"]


def test_a_backup_is_recorded_without_clinical_text_and_the_chain_holds(practice):
    create_client(practice, first_name="Orla", last_name="Fictional", notes=NOTE)
    info = backups.create_backup(practice, reason="manual")
    newest = list_audit(practice, limit=1)[0]
    assert (newest.action, newest.entity, newest.entity_id, newest.client_id) == (
        "backup", "practice", "manual", None)
    assert NOTE not in repr(list_audit(practice)) and info.path.name not in repr(list_audit(practice))
    assert verify_audit_chain(practice).ok
    # "Last change" of the next backup is the last change to the records, not the backup event.
    again = backups.create_backup(practice, reason="auto")
    assert again.last_change == info.last_change
    assert _practice_events(practice)[:2] == [("backup", "auto"), ("backup", "manual")]


def test_a_restore_is_recorded_in_the_restored_file_whose_chain_continues(practice, passphrase):
    create_client(practice, first_name="Orla", last_name="Fictional")
    info = backups.create_backup(practice, reason="manual")
    create_client(practice, first_name="Piet", last_name="Fictional")
    backup_restore.restore_backup(practice, path=info.path)
    assert [c.first_name for c in list_clients(practice)] == ["Orla"]
    events = _practice_events(practice)
    assert events[0] == ("restore", f"{info.created_at:%Y-%m-%dT%H:%M}")
    # The backup event was written after the snapshot (only backups that exist are logged), so
    # the restored chain goes straight from the copied events to the restore.
    assert [action for action, _ in events] == ["restore"]
    assert verify_audit_chain(practice).ok
    data_dir = practice.data_dir
    practice.close()
    reopened = open_practice(data_dir, passphrase=passphrase)  # on disk, not only in memory
    try:
        assert _practice_events(reopened)[0][0] == "restore" and verify_audit_chain(reopened).ok
    finally:
        reopened.close()


def test_a_restore_of_a_closed_damaged_practice_is_recorded_too(practice, passphrase):
    create_client(practice, first_name="Orla", last_name="Fictional")
    info = backups.create_backup(practice)
    data_dir, db_path = practice.data_dir, Path(practice.db_path)
    practice.close()
    damaged = bytearray(db_path.read_bytes())
    damaged[4096 * 2 + 200] ^= 0xFF
    db_path.write_bytes(bytes(damaged))
    backup_restore.restore_closed(data_dir, path=info.path, passphrase=passphrase)
    reopened = open_practice(data_dir, passphrase=passphrase)
    try:
        assert _practice_events(reopened)[0][0] == "restore"
        assert verify_audit_chain(reopened).ok
        assert [c.first_name for c in list_clients(reopened)] == ["Orla"]
    finally:
        reopened.close()
