"""Restore with stale -wal/-shm files beside the practice: the result equals the backup exactly.

SQLite replays a -wal it finds next to a database on open, checking the frames only against the
WAL's own header, so a WAL left by the replaced file would be written over the restored pages.
The control case shows that hazard is real on this build; the restore paths must avoid it.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from reliability_helpers import PASSPHRASE, open_with, report

from ipt_desktop.services import backups
from ipt_desktop.services.backup_restore import restore_closed
from ipt_desktop.services.clients import create_client, list_clients
from ipt_desktop.services.exchange import export_client


def exported(practice) -> list[dict]:
    docs = [export_client(practice, client_id=summary.id) for summary in list_clients(practice)]
    for doc in docs:
        doc.pop("exported_at", None)
    return sorted(docs, key=repr)


def _practice_with_stale_wal(practice_dir, practice_key, tmp_path):
    """A backup B, then writes after it whose WAL (+shm) we keep a copy of; practice closed."""
    practice = open_with(practice_dir, practice_key)
    try:
        for n in range(3):
            create_client(practice, first_name=f"Before{n}", last_name="Fictional", notes="kept " * 50)
        backup = backups.create_backup(practice).path
        expected = exported(practice)
        for n in range(6):
            create_client(practice, first_name=f"After{n}", last_name="Fictional", notes="later " * 300)
        wal = practice_dir / "practice.ipt-wal"
        assert wal.stat().st_size > 0  # the later writes are (at least partly) still in the WAL
        stale = {suffix: (practice_dir / f"practice.ipt{suffix}").read_bytes() for suffix in ("-wal", "-shm")}
    finally:
        practice.close()
    return backup, expected, stale


def _plant(practice_dir, stale) -> None:
    for suffix, data in stale.items():
        (practice_dir / f"practice.ipt{suffix}").write_bytes(data)


def test_restore_of_open_practice_equals_backup(practice_dir, practice_key, tmp_path):
    practice = open_with(practice_dir, practice_key)
    try:
        create_client(practice, first_name="Ora", last_name="Fictional", notes="before")
        backup = backups.create_backup(practice).path
        expected = exported(practice)
        create_client(practice, first_name="Pip", last_name="Fictional", notes="after, still in the WAL")
        assert (practice_dir / "practice.ipt-wal").exists()
        backups.restore_backup(practice, path=backup)
        assert exported(practice) == expected
    finally:
        practice.close()


def test_restore_with_stale_wal_and_shm_present_equals_backup(practice_dir, practice_key, tmp_path):
    backup, expected, stale = _practice_with_stale_wal(practice_dir, practice_key, tmp_path)
    _plant(practice_dir, stale)
    result = restore_closed(practice_dir, path=backup, passphrase=PASSPHRASE)
    assert result.previous is not None and result.previous.is_file()
    assert Path(str(result.previous) + "-wal").exists()  # the stale WAL went aside with the old file
    practice = open_with(practice_dir, practice_key)
    try:
        assert exported(practice) == expected
    finally:
        practice.close()
    report("restore with stale wal/shm", restored_equal=True)


def test_control_a_naive_file_swap_would_replay_the_stale_wal(practice_dir, practice_key, tmp_path):
    backup, expected, stale = _practice_with_stale_wal(practice_dir, practice_key, tmp_path)
    shutil.copyfile(backup, practice_dir / "practice.ipt")  # what a careless restore would do
    _plant(practice_dir, stale)
    try:
        practice = open_with(practice_dir, practice_key)
    except Exception:  # noqa: BLE001 - refusing to open is one way the hazard shows
        report("naive swap control", outcome="refused to open")
        return
    try:
        assert exported(practice) != expected  # frames from after the backup were replayed
        report("naive swap control", outcome="stale frames replayed")
    finally:
        practice.close()
