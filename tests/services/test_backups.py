"""Backups through the real services on a real encrypted practice: create, verify, list, restore."""

from __future__ import annotations

import hashlib
import os
import stat
from datetime import datetime
from pathlib import Path

import pytest

from ipt_desktop.services import backups
from ipt_desktop.services.backup_restore import restore_closed
from ipt_desktop.services.backups import BackupFailedError, BackupPassphraseError, BackupRefusedError
from ipt_desktop.services.clients import create_client, list_clients
from ipt_desktop.services.exchange import export_client
from ipt_desktop.services.practice import open_practice

NOTE = "Fictional note: Zebulon worries about the allotment committee"


def exported(practice) -> list[dict]:
    """Everything a user can see, as the exchange format exports it (order-independent)."""
    docs = [export_client(practice, client_id=summary.id) for summary in list_clients(practice)]
    for doc in docs:
        doc.pop("exported_at", None)
    return sorted(docs, key=repr)


def add(practice, first: str, notes: str = NOTE):
    client, _ = create_client(practice, first_name=first, last_name="Fictional", notes=notes)
    return client


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_backup_is_named_private_encrypted_and_checked(practice, passphrase):
    add(practice, "Ada")
    info = backups.create_backup(practice, now=datetime(2026, 11, 25, 18, 30, 59))
    assert info.path.parent == practice.data_dir / "backups"
    assert info.path.name == "practice-2026-11-25T1830-manual.ipt-backup"
    assert stat.S_IMODE(info.path.stat().st_mode) == 0o600
    data = info.path.read_bytes()
    assert not data.startswith(b"SQLite format 3") and NOTE.encode() not in data
    assert (info.clients, info.schema_revision, info.verified) == (1, "0002", True)
    # No .partial / .tmp: the backup and the seal its check left (services/backup_seals.py).
    assert sorted(p.name for p in info.path.parent.iterdir()) == sorted([info.path.name,
                                                                        f".{info.path.name}.seal"])
    # A second one in the same minute gets its own name; nothing is overwritten.
    again = backups.create_backup(practice, now=datetime(2026, 11, 25, 18, 30))
    assert again.path.name == "practice-2026-11-25T1830-manual-2.ipt-backup"
    assert backups.verify_backup(again.path, passphrase=passphrase).clients == 1


def test_explicit_destination_is_never_overwritten(practice, tmp_path):
    target = tmp_path / "elsewhere" / "mine.ipt-backup"
    info = backups.create_backup(practice, dest=target)
    assert info.path == target and target.is_file()
    before = sha(target)
    with pytest.raises(BackupFailedError, match="already exists"):
        backups.create_backup(practice, dest=target)
    assert sha(target) == before


def test_configured_folder_and_listing_ignore_foreign_files(practice, tmp_path):
    folder = tmp_path / "my backups"
    backups.create_backup(practice, folder=folder, now=datetime(2026, 1, 2, 9, 0))
    backups.create_backup(practice, folder=folder, now=datetime(2026, 1, 3, 9, 0), reason="auto")
    (folder / "holiday.jpg").write_bytes(b"\xff\xd8\xff")
    (folder / "practice-notes.ipt-backup").write_bytes(b"x")
    listed = backups.list_backups(practice, folder=folder)
    assert [(i.created_at, i.reason) for i in listed] == [(datetime(2026, 1, 3, 9, 0), "auto"),
                                                          (datetime(2026, 1, 2, 9, 0), "manual")]
    assert backups.list_backups(practice) == []  # the default folder is separate


def test_verify_reports_contents_without_touching_live_file(practice, passphrase):
    add(practice, "Ada")
    info = backups.create_backup(practice)
    live = sha(practice.db_path)
    checked = backups.verify_backup(info.path, passphrase=passphrase)
    assert (checked.clients, checked.sessions, checked.schema_revision) == (1, 0, "0002")
    assert checked.last_change is not None
    assert sha(practice.db_path) == live


@pytest.mark.parametrize("kind", ["empty", "pdf", "truncated", "damaged", "passphrase"])
def test_verify_refuses_each_bad_file_with_its_own_message(practice, passphrase, tmp_path, kind):
    add(practice, "Ada")
    good = backups.create_backup(practice).path
    bad = tmp_path / f"{kind}.ipt-backup"
    data = good.read_bytes()
    if kind == "empty":
        bad.write_bytes(b"")
    elif kind == "pdf":
        bad.write_bytes(b"%PDF-1.7\n" + b"0" * 9000)
    elif kind == "truncated":
        bad.write_bytes(data[: len(data) // 2 + 100])
    elif kind == "damaged":
        flipped = bytearray(data)
        flipped[3 * 4096 + 200] ^= 0xFF
        bad.write_bytes(bytes(flipped))
    else:
        bad.write_bytes(data)
    expected = {"empty": (BackupRefusedError, "empty"), "pdf": (BackupRefusedError, "PDF"),
                "truncated": (BackupRefusedError, "incomplete"), "damaged": (BackupRefusedError, "damaged"),
                "passphrase": (BackupPassphraseError, "passphrase does not open")}[kind]
    with pytest.raises(expected[0], match=expected[1]) as caught:
        backups.verify_backup(bad, passphrase="not it" if kind == "passphrase" else passphrase)
    assert caught.value.exit_code == (3 if kind == "passphrase" else 4)


def test_restore_brings_back_the_backup_and_keeps_the_replaced_data(practice, passphrase):
    add(practice, "Ada")
    taken = backups.create_backup(practice)
    expected = exported(practice)
    add(practice, "Bea", notes="written after the backup")
    result = backups.restore_backup(practice, path=taken.path)
    assert exported(practice) == expected
    assert result.changes.touches("all") and result.previous is not None
    # The pre-restore backup holds the data the restore replaced (Bea).
    assert backups.verify_backup(result.previous, passphrase=passphrase).clients == 2
    # The practice stays open and writable on the restored file.
    add(practice, "Cy")
    assert len(list_clients(practice)) == 2


def test_restore_refuses_a_damaged_backup_and_leaves_live_data_alone(practice, tmp_path):
    add(practice, "Ada")
    good = backups.create_backup(practice).path
    bad = tmp_path / "bad.ipt-backup"
    data = bytearray(good.read_bytes())
    data[-100] ^= 0x01
    bad.write_bytes(bytes(data))
    before = exported(practice)
    with pytest.raises(BackupRefusedError):
        backups.restore_backup(practice, path=bad)
    assert exported(practice) == before
    assert [i.reason for i in backups.list_backups(practice)] == ["manual"]  # no pre-restore either


def test_restore_of_backup_with_another_passphrase_needs_that_passphrase(practice, tmp_path):
    from ipt_desktop.domain.records import PracticeProfile
    from ipt_desktop.services.practice import create_practice

    other = create_practice(tmp_path / "other", passphrase="another one", profile=PracticeProfile())
    add(other, "Olga")
    foreign = backups.create_backup(other).path
    other.close()
    with pytest.raises(BackupPassphraseError, match="different passphrase"):
        backups.restore_backup(practice, path=foreign)
    result = backups.restore_backup(practice, path=foreign, passphrase="another one")
    assert result.restored.clients == 1
    assert [summary.first_name for summary in list_clients(practice)] == ["Olga"]


def test_damaged_live_file_restores_from_newest_verified_backup(data_dir, passphrase, practice):
    add(practice, "Ada")
    older = backups.create_backup(practice, now=datetime(2026, 1, 1, 9, 0)).path
    newest = backups.create_backup(practice, now=datetime(2026, 1, 2, 9, 0)).path
    data = bytearray(newest.read_bytes())
    data[5000] ^= 0x55
    newest.write_bytes(bytes(data))
    practice.close()
    # Damage the live file too: open refuses it.
    live = bytearray(practice.db_path.read_bytes())
    for offset in range(4096, len(live), 4096):
        live[offset + 10] ^= 0xFF
    practice.db_path.write_bytes(bytes(live))
    from ipt_desktop.services.errors import DatabaseUnreadableError

    with pytest.raises(DatabaseUnreadableError):
        open_practice(data_dir, passphrase=passphrase)
    best = backups.newest_verified_backup(data_dir, passphrase=passphrase)
    assert best is not None and best.path == older
    result = restore_closed(data_dir, path=best.path, passphrase=passphrase)
    assert result.previous is not None and result.previous.is_file()  # kept, never wiped
    reopened = open_practice(data_dir, passphrase=passphrase)
    try:
        assert len(list_clients(reopened)) == 1
    finally:
        reopened.close()


def test_backup_into_read_only_folder_fails_cleanly(practice, tmp_path):
    if os.geteuid() == 0:
        pytest.skip("root ignores directory permissions; tests/reliability covers a full disk")
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with pytest.raises(BackupFailedError, match="Not backed up"):
            backups.create_backup(practice, folder=folder)
        assert list(folder.iterdir()) == []
    finally:
        folder.chmod(0o700)


def test_prune_deletes_only_our_automatic_files(practice, tmp_path):
    folder = tmp_path / "b"
    folder.mkdir()
    names = [backups.backup_name(datetime(2025, 1, d, 12, 0), "auto") for d in range(1, 29)]
    for name in names:
        (folder / name).write_bytes(b"x")
    keepers = ["practice-2025-01-01T0900-manual.ipt-backup",
               "practice-2025-01-01T0901-pre-restore.ipt-backup",
               "notes.txt", "practice-2025-01-01T0900-auto.ipt-backup.partial"]
    for name in keepers:
        (folder / name).write_bytes(b"x")
    deleted = backups.prune_backups(folder, now=datetime(2025, 3, 1, 12, 0))
    left = {p.name for p in folder.iterdir()}
    assert set(keepers) <= left
    assert deleted and all(p.name in names for p in deleted)
    assert max(names) in left  # the newest is never deleted


@pytest.mark.parametrize("first_byte", [b"{", b"<", b"%"])
def test_a_salt_that_happens_to_start_like_a_text_file_still_verifies(tmp_path, monkeypatch, first_byte):
    """The salt is 16 random bytes; 1 file in 128 starts with "{" or "<" (a one-byte signature bug)."""
    from ipt_desktop.domain.records import PracticeProfile
    from ipt_desktop.services.practice import create_practice
    from ipt_desktop.store import engine

    monkeypatch.setattr(engine, "new_salt", lambda: first_byte + os.urandom(15))
    practice = create_practice(tmp_path / "d", passphrase="pw", profile=PracticeProfile())
    try:
        info = backups.create_backup(practice)
    finally:
        practice.close()
    assert info.path.read_bytes()[:1] == first_byte
    assert backups.verify_backup(info.path, passphrase="pw").verified
