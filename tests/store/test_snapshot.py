"""Consistent encrypted copies, checks that find damage, read-only inspection."""

from __future__ import annotations

import hashlib
import os
import stat
from pathlib import Path

import pytest
from store_factory import STORE_PASSPHRASE, full_record

from ipt_desktop.store import repository as repo
from ipt_desktop.store.audit import verify_chain
from ipt_desktop.store.engine import create_database, open_database
from ipt_desktop.store.errors import WrongPassphraseError
from ipt_desktop.store.keys import SQLITE_HEADER
from ipt_desktop.store.snapshot import (
    backup_database,
    cipher_integrity_check,
    foreign_key_check,
    inspect_file,
    integrity_check,
    quick_check,
)


def _add_clients(db, n: int, note_size: int = 0) -> None:
    with repo.transaction(db) as s:
        for i in range(n):
            repo.replace_client_record(s, full_record(first_name=f"Test{i}", note="z" * note_size))


def test_backup_is_encrypted_same_key_and_complete(db, tmp_path: Path):
    _add_clients(db, 3)
    dest = backup_database(db, tmp_path / "copy.ipt")
    assert dest.read_bytes()[:16] != SQLITE_HEADER
    assert not Path(str(dest) + ".tmp").exists() and not Path(str(dest) + "-wal").exists()
    if os.name == "posix":
        assert stat.S_IMODE(dest.stat().st_mode) == 0o600
    with pytest.raises(WrongPassphraseError):
        open_database(dest, "wrong")
    copy = open_database(dest, STORE_PASSPHRASE)
    try:
        assert repo.list_client_summaries(copy) == repo.list_client_summaries(db)
        assert quick_check(copy) == [] and integrity_check(copy) == [] and cipher_integrity_check(copy) == []
        assert foreign_key_check(copy) == [] and verify_chain(copy) == []
    finally:
        copy.dispose()


def test_backup_while_another_connection_writes_is_consistent(db, tmp_path: Path):
    _add_clients(db, 20, note_size=50_000)  # hundreds of pages, so the copy takes many steps
    late = full_record(first_name="Latecomer")
    calls: list[int] = []

    def write_midway(status: int, remaining: int, total: int) -> None:
        calls.append(remaining)
        if len(calls) == 1:  # between backup steps, commit a change through the pool
            with repo.transaction(db) as s:
                repo.replace_client_record(s, late)

    dest = backup_database(db, tmp_path / "during.ipt", pages_per_step=8, progress=write_midway)
    assert len(calls) > 1
    info = inspect_file(dest, STORE_PASSPHRASE)
    assert info.clients == 21  # the backup restarted and includes the committed write
    copy = open_database(dest, STORE_PASSPHRASE)
    try:
        assert integrity_check(copy) == [] and verify_chain(copy) == []
        assert repo.load_client_record(copy, late.client.id) == late
    finally:
        copy.dispose()


def test_plain_database_backup_stays_plain(tmp_path: Path):
    db = create_database(tmp_path / "plain.ipt", None)
    try:
        dest = backup_database(db, tmp_path / "plain-copy.ipt")
    finally:
        db.dispose()
    assert dest.read_bytes()[:16] == SQLITE_HEADER
    assert inspect_file(dest, None).clients == 0


def test_cipher_integrity_check_finds_tampering(db, tmp_path: Path):
    _add_clients(db, 5, note_size=20_000)
    dest = backup_database(db, tmp_path / "tampered.ipt")
    data = bytearray(dest.read_bytes())
    data[4096 * 3 + 100] ^= 0xFF  # one byte inside page 4
    dest.write_bytes(bytes(data))
    copy = open_database(dest, STORE_PASSPHRASE)
    try:
        assert cipher_integrity_check(copy) != []
    finally:
        copy.dispose()


def test_inspect_file_reads_without_changing_anything(db, db_path: Path):
    _add_clients(db, 2)
    db.dispose()
    before = hashlib.sha256(db_path.read_bytes()).hexdigest()
    info = inspect_file(db_path, STORE_PASSPHRASE)
    assert (info.revision, info.clients, info.sessions) == ("0002", 2, 8)
    assert info.last_change is not None and info.last_change.endswith("+00:00")
    assert hashlib.sha256(db_path.read_bytes()).hexdigest() == before
    with pytest.raises(WrongPassphraseError):
        inspect_file(db_path, "nope")
