"""backup_database's file copy: the main file's bytes, pinned by a read transaction after a full
checkpoint, and the backup API whenever that cannot be proven consistent. Real encrypted files,
real concurrent connections and threads; which way was taken is read from the debug log."""

from __future__ import annotations

import errno
import logging
import os
import shutil
import subprocess
import threading
import time
import uuid
from pathlib import Path

import pytest
import sqlcipher3
from store_factory import STORE_PASSPHRASE, full_record

from ipt_desktop.store import repository as repo
from ipt_desktop.store import snapshot
from ipt_desktop.store.engine import create_database, open_database
from ipt_desktop.store.keys import SQLITE_HEADER
from ipt_desktop.store.migrate import HEAD_REVISION
from ipt_desktop.store.restore import examine_copy
from ipt_desktop.store.snapshot import backup_database, cipher_integrity_check, integrity_check

FILE_COPY = "file copy"
BACKUP_API = "SQLite backup API"


def _add(db, n: int, *, prefix: str = "Test", note_size: int = 0):
    records = [full_record(first_name=f"{prefix}{i}", note="z" * note_size) for i in range(n)]
    with repo.transaction(db) as s:
        for record in records:
            repo.replace_client_record(s, record)
    return records


def _ways(caplog) -> list[str]:
    """Which way each backup_database call copied, from its debug line."""
    return [r.getMessage().split(": ", 1)[1].split(",")[0].split(" (")[0] for r in caplog.records
            if r.name == snapshot.__name__ and r.getMessage().startswith("backup copy:")]


def _last_line(caplog) -> str:
    return [r.getMessage() for r in caplog.records if r.name == snapshot.__name__][-1]


def _assert_holds(path: Path, records) -> None:
    """The copy opens with the passphrase and holds exactly these records, intact."""
    copy = open_database(path, STORE_PASSPHRASE)
    try:
        assert sorted(s.id for s in repo.list_client_summaries(copy)) == sorted(r.client.id for r in records)
        for record in records:
            assert repo.load_client_record(copy, record.client.id) == record
        assert integrity_check(copy) == [] and cipher_integrity_check(copy) == []
    finally:
        copy.dispose()


def _side_files(path: Path) -> list[str]:
    return [s for s in ("-wal", "-shm", "-journal", ".tmp") if Path(f"{path}{s}").exists()]


@pytest.fixture
def debug_log(caplog):
    caplog.set_level(logging.DEBUG, logger=snapshot.__name__)
    return caplog


def test_file_copy_holds_changes_still_in_the_wal(db, db_path: Path, tmp_path: Path, debug_log):
    records = _add(db, 6, note_size=3000)
    # Another connection's commits, still only in the WAL (far below the auto-checkpoint).
    late = _add(db, 2, prefix="Late")
    assert os.stat(f"{db_path}-wal").st_size > 0
    dest = backup_database(db, tmp_path / "copy.ipt", check=False)
    assert _ways(debug_log) == [FILE_COPY]
    _assert_holds(dest, records + late)


def test_file_copy_is_one_checked_file_in_delete_mode(db, tmp_path: Path, debug_log):
    _add(db, 4, note_size=20_000)
    dest = backup_database(db, tmp_path / "copy.ipt")
    assert _ways(debug_log) == [FILE_COPY]
    assert dest.read_bytes()[:16] != SQLITE_HEADER  # still encrypted
    assert _side_files(dest) == []
    assert os.stat(dest).st_mode & 0o777 == 0o600 or os.name != "posix"
    conn = snapshot._raw_connect(dest, db.key, read_only=True)
    try:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    finally:
        conn.close()
    report = examine_copy(dest, db.key)
    assert report.problems == () and report.revision == HEAD_REVISION and report.clients == 4


def test_progress_counts_pages_down_to_done(db, db_path: Path, tmp_path: Path, debug_log):
    _add(db, 5, note_size=20_000)
    calls: list[tuple[int, int, int]] = []
    backup_database(db, tmp_path / "copy.ipt", pages_per_step=16,
                    progress=lambda *args: calls.append(args))
    assert _ways(debug_log) == [FILE_COPY]
    total = db_path.stat().st_size // 4096
    assert calls[-1] == (101, 0, total) and len(calls) == -(-total // 16)
    remaining = [c[1] for c in calls]
    assert remaining == sorted(remaining, reverse=True) and {c[0] for c in calls[:-1]} <= {0}


def test_plain_practice_is_copied_by_file_and_stays_plain(tmp_path: Path, debug_log):
    db = create_database(tmp_path / "plain.ipt", None)
    try:
        dest = backup_database(db, tmp_path / "plain-copy.ipt")
    finally:
        db.dispose()
    assert _ways(debug_log) == [FILE_COPY]
    assert dest.read_bytes()[:16] == SQLITE_HEADER and examine_copy(dest, None).problems == ()


def test_a_reader_on_an_older_snapshot_means_the_backup_api(db, tmp_path: Path, debug_log):
    early = _add(db, 3)
    reader = db.raw_connection(read_only=True)  # like the background quick_check
    try:
        reader.execute("BEGIN")
        assert reader.execute("SELECT count(*) FROM client").fetchone()[0] == 3
        late = _add(db, 2, prefix="Late")  # the reader's snapshot is now an old one
        started = time.monotonic()
        dest = backup_database(db, tmp_path / "copy.ipt")
        elapsed = time.monotonic() - started
        assert _ways(debug_log) == [BACKUP_API]
        assert "another connection" in _last_line(debug_log)
        assert elapsed < 3  # waited CHECKPOINT_WAIT_MS, not the 5 s busy timeout
        assert reader.execute("SELECT count(*) FROM client").fetchone()[0] == 3  # left alone
    finally:
        reader.close()
    _assert_holds(dest, early + late)


def test_a_commit_during_one_attempt_stays_out_of_its_bytes(db, db_path: Path, tmp_path: Path):
    before = _add(db, 5, note_size=2000)
    # ~5 MB: past the 1000-page auto-checkpoint, so the committer tries to fold it into the very
    # file being copied; the pinned read transaction must keep it out.
    big = [full_record(first_name=f"Big{i}", note="b" * 50_000) for i in range(100)]
    calls: list[int] = []

    def commit_midway(status: int, remaining: int, total: int) -> None:
        calls.append(remaining)
        if len(calls) == 1:
            with repo.transaction(db) as s:
                for record in big:
                    repo.replace_client_record(s, record)

    tmp = tmp_path / "attempt.ipt"
    tmp.touch(mode=0o600)
    src = db.raw_connection()
    try:
        snapshot._checkpoint_fully(src)
        with pytest.raises(snapshot._Changed):
            snapshot._copy_once(src, db_path, tmp, chunk_pages=4, progress=commit_midway)
    finally:
        src.close()
    assert len(calls) > 2 and os.stat(f"{db_path}-wal").st_size > 5_000_000
    conn = snapshot._plain_connect(tmp, db.key)
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.close()
    _assert_holds(tmp, before)  # exactly the state before the commit, nothing of it


def test_a_commit_from_another_thread_during_the_copy_restarts_it(db, tmp_path: Path, debug_log):
    before = _add(db, 10, note_size=20_000)
    late = full_record(first_name="Latecomer")
    calls: list[int] = []

    def commit_in_a_thread() -> None:
        with repo.transaction(db) as s:
            repo.replace_client_record(s, late)

    def midway(status: int, remaining: int, total: int) -> None:
        calls.append(remaining)
        if len(calls) == 1:  # the copy has begun: another thread commits, and we wait for it
            writer = threading.Thread(target=commit_in_a_thread)
            writer.start()
            writer.join()

    dest = backup_database(db, tmp_path / "copy.ipt", pages_per_step=8, progress=midway)
    assert _last_line(debug_log).endswith("attempt 2")
    _assert_holds(dest, before + [late])  # the state when the copy finished, like the backup API


def test_copies_taken_while_a_thread_keeps_committing_are_points_in_time(db, tmp_path: Path, debug_log):
    _add(db, 5, note_size=5000)
    written = []
    stop = threading.Event()
    failures: list[BaseException] = []

    def keep_writing() -> None:
        try:
            for i in range(100_000):
                if stop.is_set():
                    return
                record = full_record(first_name="Run", last_name=f"W{i:05d}", note="w" * (500 + 97 * i))
                with repo.transaction(db) as s:
                    repo.replace_client_record(s, record)
                written.append(record)
                time.sleep(0.001 * (i % 3))
        except BaseException as exc:  # noqa: BLE001 - reported by the test below
            failures.append(exc)

    thread = threading.Thread(target=keep_writing)
    thread.start()
    copies = []
    try:
        for n in range(12):
            copies.append((len(written), backup_database(db, tmp_path / f"copy{n}.ipt", pages_per_step=32)))
            time.sleep(0.005)
    finally:
        stop.set()
        thread.join()
    assert failures == []
    for acked_before, dest in copies:
        copy = open_database(dest, STORE_PASSPHRASE)
        try:
            runs = sorted(s.last_name for s in repo.list_client_summaries(copy) if s.first_name == "Run")
            indexes = [int(name[1:]) for name in runs]
            # A point in time: exactly the first k writes, every one whole and as written.
            assert indexes == list(range(len(indexes))) and len(indexes) >= acked_before
            for i in indexes:
                assert repo.load_client_record(copy, written[i].client.id) == written[i]
            assert integrity_check(copy) == [] and cipher_integrity_check(copy) == []
        finally:
            copy.dispose()
    assert len(_ways(debug_log)) == len(copies)


def test_an_io_error_in_the_file_copy_falls_back_to_the_backup_api(db, tmp_path: Path, debug_log,
                                                                    monkeypatch):
    records = _add(db, 3)

    def failing_read(fd: int, size: int, offset: int) -> bytes:
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(snapshot, "_read_at", failing_read)
    dest = backup_database(db, tmp_path / "copy.ipt")
    assert _ways(debug_log) == [BACKUP_API] and "EIO" in _last_line(debug_log)
    assert _side_files(dest) == []
    _assert_holds(dest, records)


def test_destination_folder_removed_mid_copy_raises_and_leaves_nothing(db, tmp_path: Path):
    records = _add(db, 5, note_size=20_000)
    folder = tmp_path / "backups"
    folder.mkdir()

    def remove_folder(status: int, remaining: int, total: int) -> None:
        if folder.exists():
            shutil.rmtree(folder)

    with pytest.raises(sqlcipher3.OperationalError):
        backup_database(db, folder / "copy.ipt", pages_per_step=8, progress=remove_folder)
    assert not folder.exists()
    # The practice itself is untouched and the next backup works.
    assert integrity_check(db) == []
    _assert_holds(backup_database(db, tmp_path / "again.ipt"), records)


@pytest.fixture
def small_tmpfs(tmp_path: Path):
    target = tmp_path / f"tmpfs-{uuid.uuid4().hex[:6]}"
    target.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k,mode=0700", "tmpfs", str(target)],
                          capture_output=True)
    if done.returncode != 0:
        pytest.skip("cannot mount a tmpfs here (needs root)")
    yield target
    subprocess.run(["umount", "-l", str(target)], capture_output=True)


def test_a_full_disk_raises_as_before_and_leaves_no_partial_file(db, tmp_path: Path, small_tmpfs,
                                                                  debug_log):
    records = _add(db, 5, note_size=20_000)
    with pytest.raises(sqlcipher3.OperationalError, match="full"):
        backup_database(db, small_tmpfs / "copy.ipt")
    assert _ways(debug_log) == [BACKUP_API] and "ENOSPC" in _last_line(debug_log)
    assert list(small_tmpfs.iterdir()) == []
    _assert_holds(backup_database(db, tmp_path / "room.ipt"), records)


def _our_locks(path: Path) -> list[str]:
    """This process's fcntl locks on path's inode, from /proc/locks (Linux)."""
    inode = os.stat(path).st_ino
    with open("/proc/locks") as fh:
        return [line for line in fh
                if line.split()[1] == "POSIX" and f" {os.getpid()} " in line and f":{inode} " in line]


@pytest.mark.skipif(not Path("/proc/locks").exists(), reason="needs Linux /proc/locks")
def test_the_file_copy_keeps_sqlites_locks_on_the_practice(db, db_path: Path, tmp_path: Path, debug_log):
    _add(db, 2)  # a pooled connection stays open in WAL mode, holding its SHARED lock
    assert _our_locks(db_path)
    backup_database(db, tmp_path / "copy.ipt")
    assert _ways(debug_log) == [FILE_COPY]
    # A plain open()/close() of the practice file would have dropped them (POSIX semantics).
    assert _our_locks(db_path)


def test_examine_copy_finds_a_changed_byte_on_a_free_page(db, tmp_path: Path):
    """integrity_check never reads a page on the freelist; the cipher check running beside it
    does, and its finding reaches the report."""
    records = _add(db, 3, note_size=60_000)
    with repo.transaction(db) as s:
        repo.delete_client(s, records[-1].client.id)  # its note's overflow pages, the file's last, go free
    dest = backup_database(db, tmp_path / "free-page.ipt")
    data = bytearray(dest.read_bytes())
    data[-4096 + 200] ^= 0xFF  # inside the last page: free now, its HMAC no longer matches
    dest.write_bytes(bytes(data))
    copy = open_database(dest, STORE_PASSPHRASE)
    try:
        assert integrity_check(copy) == []  # the b-tree checks alone would call this copy fine
    finally:
        copy.dispose()
    report = examine_copy(dest, db.key)
    assert report.problems and all("ok" != p for p in report.problems)
    assert report.clients == 2 and report.revision == HEAD_REVISION
