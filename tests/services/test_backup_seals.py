"""Seals and owed checks through the real services on a real encrypted practice.

A backup that passed its full check is sealed, and verifying it later is one read of its bytes;
any change to the bytes or the seal sends it back to the full check, which names the damage. The
backup on quit is written with its check owed: in place at once, never thinned, checked later
(sealed, or set aside when it fails).
"""

from __future__ import annotations

import errno
import json
import os
from datetime import datetime

import pytest

from ipt_desktop.domain.records import PracticeProfile
from ipt_desktop.services import backup_seals, backups
from ipt_desktop.services.backup_owed import FAILED_SUFFIX, check_owed_backup, owed_backups
from ipt_desktop.services.backup_restore import restore_backup
from ipt_desktop.services.backups import BackupFailedError, BackupRefusedError
from ipt_desktop.services.clients import create_client, list_clients
from ipt_desktop.services.practice import create_practice
from ipt_desktop.store import restore as store_restore
from ipt_desktop.store.restore import clone_key


@pytest.fixture
def full_checks(monkeypatch):
    """How many times the full check of a copy ran (the real examine_copy still runs)."""
    calls: list[str] = []
    real = store_restore.examine_copy

    def counted(path, *args, **kwargs):
        calls.append(path.name)
        return real(path, *args, **kwargs)

    monkeypatch.setattr(store_restore, "examine_copy", counted)
    return calls


def add(practice, first: str) -> None:
    create_client(practice, first_name=first, last_name="Fictional")


def flip_byte(path, offset: int = 3 * 4096 + 200) -> None:
    data = bytearray(path.read_bytes())
    data[offset] ^= 0xFF
    path.write_bytes(bytes(data))


def test_a_checked_backup_is_sealed_and_verify_reads_it_once(practice, passphrase, full_checks):
    add(practice, "Ada")
    info = backups.create_backup(practice)
    assert backup_seals.seal_path(info.path).is_file() and full_checks == [f".{info.path.name}.partial"]
    seal = json.loads(backup_seals.seal_path(info.path).read_text())
    assert (seal["clients"], seal["revision"], seal["size"]) == (1, "0002", info.path.stat().st_size)
    assert "Ada" not in backup_seals.seal_path(info.path).read_text()  # facts only, no names

    checked = backups.verify_with_key(info.path, clone_key(practice.db.key))
    by_passphrase = backups.verify_backup(info.path, passphrase=passphrase)  # the CLI's way
    assert full_checks == [f".{info.path.name}.partial"]  # neither ran the full check again
    for result in (checked, by_passphrase):
        assert result.verified and (result.clients, result.schema_revision) == (1, "0002")
        assert result.last_change == info.last_change
    assert backups.list_backups(practice)[0].check_state == "sealed"


def test_a_changed_byte_breaks_the_seal_and_the_full_check_names_the_damage(practice, passphrase,
                                                                            full_checks):
    add(practice, "Ada")
    info = backups.create_backup(practice)
    flip_byte(info.path)
    with pytest.raises(BackupRefusedError, match="damaged") as caught:
        backups.verify_backup(info.path, passphrase=passphrase)
    assert caught.value.kind == "damaged"
    assert len(full_checks) == 2  # at creation, and again now that the seal no longer holds


def test_a_cut_off_backup_is_not_vouched_for_by_its_seal(practice, passphrase):
    add(practice, "Ada")
    info = backups.create_backup(practice)
    data = info.path.read_bytes()
    info.path.write_bytes(data[: len(data) - 4096])  # a whole page gone, as a full disk could leave it
    with pytest.raises(BackupRefusedError) as caught:
        backups.verify_backup(info.path, passphrase=passphrase)
    assert caught.value.kind in ("truncated", "damaged")


def test_an_edited_seal_is_not_trusted_and_is_written_again(practice, full_checks):
    add(practice, "Ada")
    info = backups.create_backup(practice)
    seal_file = backup_seals.seal_path(info.path)
    edited = json.loads(seal_file.read_text())
    edited["clients"] = 99
    seal_file.write_text(json.dumps(edited))
    checked = backups.verify_with_key(info.path, clone_key(practice.db.key))
    assert checked.clients == 1 and len(full_checks) == 2
    assert json.loads(seal_file.read_text())["clients"] == 1  # sealed again from the full check
    backups.verify_with_key(info.path, clone_key(practice.db.key))
    assert len(full_checks) == 2


def test_a_seal_from_a_newer_app_is_refused_by_name(practice):
    add(practice, "Ada")
    info = backups.create_backup(practice)
    tag = backup_seals.new_tag(info.path, practice.db.key)
    assert backup_seals.write_seal(info.path, tag, revision="9999", clients=1, sessions=0, last_change=None)
    with pytest.raises(BackupRefusedError, match="newer version") as caught:
        backups.verify_with_key(info.path, clone_key(practice.db.key))
    assert caught.value.kind == "newer"


def test_a_restore_runs_the_full_check_even_when_the_backup_is_sealed(practice, full_checks):
    add(practice, "Ada")
    info = backups.create_backup(practice)
    add(practice, "Bea")
    full_checks.clear()
    restore_backup(practice, path=info.path)
    # The backup itself, then the pre-restore backup of the current data.
    assert full_checks[0] == info.path.name and len(full_checks) == 2
    assert [c.first_name for c in list_clients(practice)] == ["Ada"]


def test_the_backup_on_quit_is_in_place_at_once_with_its_check_owed(practice, full_checks):
    add(practice, "Ada")
    info = backups.create_backup(practice, reason="quit", check=False, now=datetime(2026, 11, 25, 18, 30))
    assert info.path.name == "practice-2026-11-25T1830-quit.ipt-backup" and not info.verified
    assert full_checks == [] and backup_seals.is_owed(info.path) and not backup_seals.is_sealed(info.path)
    assert backups.list_backups(practice)[0].check_state == "owed"
    assert owed_backups(practice) == [info.path]
    # It is a whole backup all the same: Verify runs the full check, which pays what it owed.
    assert backups.verify_with_key(info.path, clone_key(practice.db.key)).clients == 1
    assert full_checks == [info.path.name]
    assert backup_seals.is_sealed(info.path) and not backup_seals.is_owed(info.path)
    assert owed_backups(practice) == []


def test_thinning_never_deletes_an_owed_backup_nor_keeps_one_in_place_of_a_checked_one(practice):
    add(practice, "Ada")
    folder = practice.data_dir / "backups"
    old_checked = backups.create_backup(practice, reason="auto", now=datetime(2026, 10, 1, 9, 0)).path
    owed = backups.create_backup(practice, reason="quit", check=False, now=datetime(2026, 10, 1, 18, 0)).path
    # Ten days later: one daily slot per day. Counting the owed one, it would be kept for
    # 1 October and the checked one from that morning deleted.
    policy = backups.RetentionPolicy(daily=1, weekly=0, monthly=0)
    later = backups.create_backup(practice, reason="auto", now=datetime(2026, 10, 11, 9, 0)).path
    backups.prune_backups(folder, policy=policy, now=datetime(2026, 10, 11, 9, 1))
    assert owed.exists() and old_checked.exists() and later.exists()
    check_owed_backup(practice, owed)  # now checked, it takes part like any other
    deleted = backups.prune_backups(folder, policy=policy, now=datetime(2026, 10, 11, 9, 1))
    assert deleted == [old_checked] and owed.exists()
    assert not backup_seals.seal_path(old_checked).exists()  # its seal went with it


def test_an_owed_check_seals_a_sound_backup(practice, full_checks):
    add(practice, "Ada")
    owed = backups.create_backup(practice, reason="quit", check=False).path
    result = check_owed_backup(practice, owed)
    assert result.passed and result.info.clients == 1
    assert not backup_seals.is_owed(owed) and backup_seals.is_sealed(owed)
    assert owed_backups(practice) == []
    backups.verify_with_key(owed, clone_key(practice.db.key))
    assert full_checks == [owed.name]  # the owed check only; verify used the seal


def test_an_owed_check_sets_aside_a_damaged_backup_and_says_why(practice):
    add(practice, "Ada")
    owed = backups.create_backup(practice, reason="quit", check=False).path
    flip_byte(owed)
    result = check_owed_backup(practice, owed)
    assert not result.passed and "damaged" in result.message
    assert result.set_aside == owed.with_name(owed.name + FAILED_SUFFIX) and result.set_aside.exists()
    assert not owed.exists() and not backup_seals.is_owed(owed)
    assert backups.list_backups(practice) == []  # never offered for a restore, never thinned
    backups.create_backup(practice, reason="auto")
    assert result.set_aside.exists()  # the next backup's sweep leaves it for whoever investigates


def test_an_owed_backup_of_another_passphrase_is_left_owed(practice, data_dir, passphrase):
    add(practice, "Ada")
    owed = backups.create_backup(practice, reason="quit", check=False).path
    other = create_practice(data_dir.parent / "other", passphrase="another passphrase entirely",
                            profile=PracticeProfile(therapist_name="Dr Other", practice_name="Other"))
    try:
        moved = other.data_dir / "backups" / owed.name
        moved.parent.mkdir()
        os.replace(owed, moved)
        os.replace(backup_seals.owed_path(owed), backup_seals.owed_path(moved))
        result = check_owed_backup(other, moved)
    finally:
        other.close()
    assert result.skipped and moved.exists() and backup_seals.is_owed(moved)


def test_a_backup_that_cannot_be_put_in_place_leaves_no_owed_mark(practice, monkeypatch):
    add(practice, "Ada")
    real = os.replace

    def refuse_the_backup(src, dst):
        if str(src).endswith(".partial"):
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(src, dst)

    monkeypatch.setattr(os, "replace", refuse_the_backup)
    with pytest.raises(BackupFailedError, match="disk is full"):
        backups.create_backup(practice, reason="quit", check=False)
    assert list((practice.data_dir / "backups").iterdir()) == []


def test_sidecars_of_a_backup_deleted_by_hand_are_swept(practice):
    add(practice, "Ada")
    gone = backups.create_backup(practice, now=datetime(2026, 11, 25, 9, 0)).path
    gone.unlink()
    half = backup_seals.seal_path(gone).with_name(backup_seals.seal_path(gone).name + ".tmp")
    half.write_text("{")
    kept = backups.create_backup(practice, now=datetime(2026, 11, 25, 10, 0)).path
    names = sorted(p.name for p in kept.parent.iterdir())
    assert names == sorted([kept.name, backup_seals.seal_path(kept).name])


def test_an_unencrypted_practice_seals_its_backups_too(data_dir, full_checks):
    profile = PracticeProfile(therapist_name="Dr Test", practice_name="Plain")
    plain = create_practice(data_dir.parent / "plain", passphrase=None, profile=profile)
    try:
        add(plain, "Ada")
        info = backups.create_backup(plain)
        assert backups.verify_with_key(info.path, None).clients == 1 and len(full_checks) == 1
        flip_byte(info.path)
        # The seal no longer vouches for it: the full check runs again (without page HMACs, it is
        # all a plain file has; the verdict is that check's).
        backups.verify_with_key(info.path, None)
        assert len(full_checks) == 2
    finally:
        plain.close()
