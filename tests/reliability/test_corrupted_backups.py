"""Damaged, truncated, empty, foreign, wrong-passphrase and newer backups: each refused with its
own message by verify AND by restore, and the live database's bytes never change."""

from __future__ import annotations

import hashlib
import random
import shutil

import pytest
from reliability_helpers import PASSPHRASE, client_notes, open_with, report

from ipt_desktop.domain.records import PracticeProfile
from ipt_desktop.services import backups
from ipt_desktop.services.backups import BackupPassphraseError, BackupRefusedError
from ipt_desktop.services.clients import create_client
from ipt_desktop.services.practice import create_practice
from ipt_desktop.store.engine import open_database
from ipt_desktop.store.restore import clone_key

FLIPS = 30


def _sha(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _newer_schema_copy(good, dest) -> None:
    shutil.copyfile(good, dest)
    db = open_database(dest, PASSPHRASE)
    try:
        conn = db.raw_connection()
        conn.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
        conn.execute("PRAGMA journal_mode = DELETE")  # as our backups are written
        conn.close()
    finally:
        db.dispose()


@pytest.fixture
def bad_backups(practice_dir, practice_key, tmp_path):
    """(name, path, passphrase to try, expected kind) for every kind of bad file."""
    practice = open_with(practice_dir, practice_key)
    try:
        for n in range(5):
            create_client(practice, first_name=f"Nell{n}", last_name="Fictional", notes="fictional " * 200)
        good = backups.create_backup(practice).path
    finally:
        practice.close()
    data = good.read_bytes()
    rng = random.Random(99)
    cases = []
    folder = tmp_path / "bad"
    folder.mkdir()

    def add(name: str, content: bytes, kind: str, passphrase: str = PASSPHRASE) -> None:
        path = folder / f"{name}.ipt-backup"
        path.write_bytes(content)
        cases.append((name, path, passphrase, kind))

    for n, offset in enumerate(sorted(rng.sample(range(16, len(data)), FLIPS))):
        flipped = bytearray(data)
        flipped[offset] ^= 1 << rng.randrange(8)
        add(f"flip{n}-at-{offset}", bytes(flipped), "damaged")
    for cut in (len(data) - 1, len(data) // 2 + 7, len(data) - 4096, 3 * 4096, 100):
        add(f"truncated-to-{cut}", data[:cut], "truncated")
    add("zero-length", b"", "empty")
    add("a-pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj << /Type /Catalog >> endobj\n" * 200, "foreign")
    add("wrong-passphrase", data, "passphrase", passphrase="not the passphrase")
    other = create_practice(tmp_path / "other", passphrase="a different one", profile=PracticeProfile())
    add("other-practice", backups.create_backup(other).path.read_bytes(), "passphrase")
    other.close()
    _newer_schema_copy(good, folder / "newer.ipt-backup")
    cases.append(("newer", folder / "newer.ipt-backup", PASSPHRASE, "newer"))
    return good, cases


def _kind(exc: Exception) -> str:
    return getattr(exc, "kind", type(exc).__name__)


def test_every_bad_backup_is_refused_with_its_own_message(practice_dir, practice_key, bad_backups):
    good, cases = bad_backups
    live = practice_dir / "practice.ipt"
    live_hash = _sha(live)
    messages: dict[str, set[str]] = {}
    wrong: list[str] = []
    for name, path, passphrase, kind in cases:
        with pytest.raises((BackupRefusedError, BackupPassphraseError)) as caught:
            if name.startswith("flip"):
                # Same salt as the practice: skip re-stretching the passphrase 30 times (0.3 s each).
                backups.verify_with_key(path, clone_key(practice_key))
            else:
                backups.verify_backup(path, passphrase=passphrase)
        if _kind(caught.value) != kind:
            wrong.append(f"verify {name}: {_kind(caught.value)} ({caught.value}) expected {kind}")
        assert caught.value.exit_code == (3 if kind == "passphrase" else 4)
        messages.setdefault(kind, set()).add(str(caught.value).split(":")[0])
    assert not wrong, wrong
    # One message family per kind, none shared between kinds.
    firsts = [m for family in messages.values() for m in family]
    assert len(firsts) == len(set(firsts))
    assert _sha(live) == live_hash  # verify never touched the live file

    practice = open_with(practice_dir, practice_key)
    try:
        before = client_notes(practice)
        for name, path, passphrase, kind in cases:
            if name == "wrong-passphrase":
                continue  # an intact backup of THIS practice: restore uses the practice's own key
            with pytest.raises((BackupRefusedError, BackupPassphraseError)) as caught:
                backups.restore_backup(practice, path=path, passphrase=passphrase)
            if _kind(caught.value) != kind:
                wrong.append(f"restore {name}: {_kind(caught.value)} expected {kind}")
            assert client_notes(practice) == before
        assert [i.reason for i in backups.list_backups(practice)] == ["manual"]  # nothing was swapped
    finally:
        practice.close()
    assert not wrong, wrong
    assert _sha(live) == live_hash
    report("corrupted backups", files=len(cases), refused=len(cases), kinds=sorted(messages),
           live_changed=0)


def test_damaged_salt_reads_as_wrong_passphrase_to_verify_but_as_damage_to_restore(
        practice_dir, practice_key, tmp_path):
    practice = open_with(practice_dir, practice_key)
    try:
        data = bytearray(backups.create_backup(practice).path.read_bytes())
        data[5] ^= 0x10
        bad = tmp_path / "salt.ipt-backup"
        bad.write_bytes(bytes(data))
        # Without the practice's key nothing can tell a changed salt from another passphrase ...
        with pytest.raises(BackupPassphraseError):
            backups.verify_backup(bad, passphrase=PASSPHRASE)
        # ... but restore holds the key, and the pages still authenticate with it.
        with pytest.raises(BackupRefusedError, match="damaged"):
            backups.restore_backup(practice, path=bad)
    finally:
        practice.close()
