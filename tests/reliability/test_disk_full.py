"""A full disk during a save or a backup: a clear "not saved / not backed up", earlier data
intact, no partial file left. Two ways to fill up: SQLite's max_page_count (always) and a real
small tmpfs (when this machine lets us mount one, as CI's root can)."""

from __future__ import annotations

import subprocess
import uuid

import pytest
from reliability_helpers import PASSPHRASE, client_notes, open_with, report
from sqlalchemy import event

from ipt_desktop.domain.records import PracticeProfile
from ipt_desktop.services import backups
from ipt_desktop.services.backups import BackupFailedError
from ipt_desktop.services.clients import create_client
from ipt_desktop.services.errors import SaveFailedError
from ipt_desktop.services.practice import create_practice
from ipt_desktop.store.snapshot import integrity_check

NOTE = "Fictional note about Wendeline's new job. " * 40


def _fill(practice, prefix: str, limit: int = 2000) -> tuple[dict, str]:
    """Write until the disk is full; returns what was acknowledged and the refusal message."""
    saved = {}
    for n in range(limit):
        try:
            create_client(practice, first_name=prefix, last_name=f"N{n}", notes=NOTE + str(n))
        except SaveFailedError as exc:
            return saved, exc.message
        saved[(prefix, f"N{n}")] = NOTE + str(n)
    raise AssertionError("the disk never filled up")


@pytest.fixture
def tmpfs(tmp_path):
    """Mount small tmpfs folders; skipped where mounting is not allowed."""
    mounted = []

    def mount(size: str):
        target = tmp_path / f"tmpfs-{uuid.uuid4().hex[:6]}"
        target.mkdir()
        done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size},mode=0700", "tmpfs", str(target)],
                              capture_output=True)
        if done.returncode != 0:
            pytest.skip("cannot mount a tmpfs here (needs root); max_page_count case still runs")
        mounted.append(target)
        return target

    yield mount
    for target in mounted:
        subprocess.run(["umount", "-l", str(target)], capture_output=True)


def test_save_refused_by_max_page_count_keeps_earlier_data(practice_dir, practice_key):
    practice = open_with(practice_dir, practice_key)
    try:
        before = client_notes(practice)
        practice.db.engine.dispose()  # new connections get the cap below

        @event.listens_for(practice.db.engine, "connect")
        def _cap(dbapi_conn, _record):
            pages = dbapi_conn.execute("PRAGMA page_count").fetchone()[0]
            dbapi_conn.execute(f"PRAGMA max_page_count = {pages + 40}")

        saved, message = _fill(practice, "Cap")
        assert "not saved" in message and "full" in message
        assert client_notes(practice) == before | saved  # the refused write left nothing half-done
        event.remove(practice.db.engine, "connect", _cap)
    finally:
        practice.close()
    practice = open_with(practice_dir, practice_key)
    try:
        assert client_notes(practice) == before | saved and integrity_check(practice.db) == []
    finally:
        practice.close()
    report("disk full (max_page_count)", saved_before_full=len(saved), lost=0)


def test_real_full_disk_refuses_save_and_backup_cleanly(tmpfs, practice_key):
    data_dir = tmpfs("1m")
    practice = create_practice(data_dir / "data", passphrase=PASSPHRASE, profile=PracticeProfile())
    try:
        saved, message = _fill(practice, "Full")
        assert "not saved" in message
        with pytest.raises(BackupFailedError, match="Not backed up: the disk is full"):
            backups.create_backup(practice)
        leftovers = [p.name for p in (data_dir / "data").rglob("*")
                     if ".partial" in p.name or ".tmp" in p.name]
        assert leftovers == []
        assert client_notes(practice) == saved
    finally:
        practice.close()
    report("disk full (tmpfs, data folder)", saved_before_full=len(saved), lost=0, partial_files=0)


def test_backup_to_a_full_backup_folder_leaves_no_partial_file(tmpfs, practice_dir, practice_key):
    folder = tmpfs("64k")
    practice = open_with(practice_dir, practice_key)
    try:
        for n in range(10):
            create_client(practice, first_name="Big", last_name=f"N{n}", notes=NOTE)
        live_before = client_notes(practice)
        with pytest.raises(BackupFailedError, match="Not backed up"):
            backups.create_backup(practice, folder=folder)
        assert list(folder.iterdir()) == []
        assert client_notes(practice) == live_before
        # Room again: the next backup works and verifies.
        good = backups.create_backup(practice)
        assert backups.verify_backup(good.path, passphrase=PASSPHRASE).clients == len(live_before)
    finally:
        practice.close()
    report("disk full (tmpfs, backup folder)", partial_files=0)


def test_backup_to_a_read_only_folder_says_so_and_leaves_nothing(tmpfs, practice_dir, practice_key):
    folder = tmpfs("1m")
    done = subprocess.run(["mount", "-o", "remount,ro", str(folder)], capture_output=True)
    if done.returncode != 0:
        pytest.skip("cannot remount read-only here")
    practice = open_with(practice_dir, practice_key)
    try:
        with pytest.raises(BackupFailedError, match="Not backed up: the folder is read-only"):
            backups.create_backup(practice, folder=folder)
    finally:
        practice.close()
    assert list(folder.iterdir()) == []
    report("read-only backup folder", partial_files=0)
