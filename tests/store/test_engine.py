"""The practice file on disk: encrypted, keyed correctly, private, and honest about failures."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
import sqlcipher3
from sqlalchemy import text

from ipt_desktop.store import repository
from ipt_desktop.store.engine import create_database, open_database
from ipt_desktop.store.errors import (
    DiskFullError,
    NotADatabaseError,
    ReadOnlyError,
    WrongPassphraseError,
)
from ipt_desktop.store.keys import SQLITE_HEADER, KeyMaterial, derive_key, read_salt

from store_factory import STORE_PASSPHRASE, full_record

SECRET_NOTE = "Zebracorn-7731 told me about the lighthouse"


def test_file_is_encrypted_not_sqlite_header(db, db_path: Path):
    assert db.encrypted
    assert db_path.read_bytes()[:16] != SQLITE_HEADER


def test_wrong_passphrase_is_refused(db, db_path: Path):
    db.dispose()
    with pytest.raises(WrongPassphraseError):
        open_database(db_path, "not the passphrase")
    with pytest.raises(WrongPassphraseError):
        open_database(db_path, None)  # encrypted file opened without a passphrase


def test_right_passphrase_reopens_and_reads(db, db_path: Path):
    record = full_record()
    with repository.transaction(db) as s:
        repository.insert_client(s, record.client)
    db.dispose()
    again = open_database(db_path, STORE_PASSPHRASE)
    try:
        assert repository.get_client(again, record.client.id) == record.client
    finally:
        again.dispose()


def test_raw_key_file_opens_with_plain_pragma_key(db, db_path: Path):
    with repository.transaction(db) as s:
        repository.insert_client(s, full_record().client)
    db.dispose()
    conn = sqlcipher3.connect(str(db_path))
    conn.execute("PRAGMA key = 'teal-otter-47 ''quoted\" pass'")  # SQL-escaped by hand here only
    assert conn.execute("SELECT count(*) FROM client").fetchone()[0] == 1
    conn.close()


def test_plain_pragma_key_file_opens_with_derived_raw_key(tmp_path: Path):
    path = tmp_path / "made-by-sqlcipher.db"
    conn = sqlcipher3.connect(str(path))
    conn.execute("PRAGMA key = 'plainphrase'")
    conn.execute("CREATE TABLE t(x)")
    conn.execute("INSERT INTO t VALUES ('hello')")
    conn.commit()
    conn.close()
    key = KeyMaterial(derive_key("plainphrase", read_salt(path)), read_salt(path))
    conn = sqlcipher3.connect(str(path))
    conn.execute(key.pragma_sql())
    assert conn.execute("SELECT x FROM t").fetchall() == [("hello",)]
    conn.close()
    db = open_database(path, "plainphrase")
    db.dispose()


def test_no_plaintext_in_db_or_wal(db, db_path: Path):
    record = full_record(note=SECRET_NOTE)
    with repository.transaction(db) as s:
        repository.insert_client(s, record.client)
    # Read while the engine is still open so the -wal file still holds the change.
    wal = Path(str(db_path) + "-wal")
    assert wal.exists()
    needle = SECRET_NOTE.encode()
    for path in (db_path, wal):
        assert needle not in path.read_bytes()
        assert needle.decode().encode("utf-16-le") not in path.read_bytes()
    assert repository.get_client(db, record.client.id).notes == SECRET_NOTE


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_files_are_private_0600(db, db_path: Path):
    with repository.transaction(db) as s:
        repository.insert_client(s, full_record().client)
    for suffix in ("", "-wal", "-shm"):
        mode = stat.S_IMODE(os.stat(str(db_path) + suffix).st_mode)
        assert mode == 0o600, (suffix, oct(mode))


def test_pragmas_on_every_pooled_connection(db):
    conns = [db.engine.connect() for _ in range(3)]  # three distinct pooled connections
    try:
        for conn in conns:
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
            assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 5000
            assert conn.exec_driver_sql("PRAGMA cipher_log_level").scalar() == "NONE"
    finally:
        for conn in conns:
            conn.close()


def test_dispose_wipes_key(db):
    key = db.key
    db.dispose()
    assert key.wiped
    assert "hidden" not in repr(key) and STORE_PASSPHRASE not in repr(key)


def test_plain_database_only_by_choice(tmp_path: Path):
    path = tmp_path / "plain.ipt"
    db = create_database(path, None)
    db.dispose()
    assert path.read_bytes()[:16] == SQLITE_HEADER
    with pytest.raises(WrongPassphraseError, match="not encrypted"):
        open_database(path, "some passphrase")
    db = open_database(path, None)
    assert not db.encrypted
    db.dispose()


def test_foreign_file_is_not_a_database(tmp_path: Path):
    pdf = tmp_path / "letter.pdf"
    pdf.write_bytes(b"%PDF-1.7\n" + b"x" * 5000)
    for passphrase in (None, "whatever"):
        with pytest.raises(NotADatabaseError):
            open_database(pdf, passphrase)
    empty = tmp_path / "empty.ipt"
    empty.write_bytes(b"")
    with pytest.raises(NotADatabaseError):
        open_database(empty, None)


def test_create_never_overwrites(db, db_path: Path):
    with pytest.raises(FileExistsError):
        create_database(db_path, "other")


def test_disk_full_is_typed_and_nothing_is_saved(db):
    client = full_record(note="y" * 200_000).client
    with pytest.raises(DiskFullError):
        with repository.transaction(db) as s:
            pages = s.execute(text("PRAGMA page_count")).scalar()
            s.execute(text(f"PRAGMA max_page_count = {pages}"))
            repository.insert_client(s, client)
    db.engine.dispose()  # drop the connection that kept the tiny page limit
    assert repository.get_client(db, client.id) is None


def test_read_only_is_typed(db):
    client = full_record().client
    with pytest.raises(ReadOnlyError):
        with repository.transaction(db) as s:
            s.execute(text("PRAGMA query_only = ON"))
            repository.insert_client(s, client)
    db.engine.dispose()
    assert repository.get_client(db, client.id) is None


def test_open_with_prederived_key_like_the_gui_worker(db, db_path: Path, tmp_path: Path):
    from ipt_desktop.store.engine import open_with_key

    db.dispose()
    key = KeyMaterial.from_passphrase(STORE_PASSPHRASE, read_salt(db_path))  # worker thread part
    again = open_with_key(db_path, key)
    again.dispose()
    assert key.wiped
    wrong = KeyMaterial.from_passphrase("nope", read_salt(db_path))
    with pytest.raises(WrongPassphraseError):
        open_with_key(db_path, wrong)
    assert wrong.wiped  # a failed open drops the key too
    pdf = tmp_path / "scan.pdf"
    pdf.write_bytes(b"%PDF-1.4\n" + b"0" * 8192)
    with pytest.raises(NotADatabaseError):
        open_with_key(pdf, KeyMaterial.from_passphrase("x", pdf.read_bytes()[:16]))
