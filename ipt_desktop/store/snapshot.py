"""Consistent copies and checks of a practice file (the data-safety layer builds on these).

A copy keeps the practice's raw key (same salt), so it stays encrypted and opens with the same
passphrase. It is taken one of two ways, each a consistent point in time:

* a file copy (fast, ~0.25 s for 200 MB: no page is decrypted or re-encrypted): fold the WAL
  into the main file with wal_checkpoint(TRUNCATE), open a read transaction that keeps every
  checkpoint out of the main file, and copy the main file's bytes;
* the SQLite online backup API (decrypts and re-encrypts every page, ~1.7 s for 200 MB) when the
  file copy cannot be proven consistent: another connection holds an older snapshot, the file is
  not in WAL mode, writes kept landing during the copy, or the copy hit an I/O error.

Either way it is written to <dest>.tmp, made a single self-contained file (journal_mode=DELETE),
checked, fsynced, then os.replace()d.
"""

from __future__ import annotations

import errno
import logging
import os
import stat
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import sqlcipher3

from .engine import BUSY_TIMEOUT_MS, Database, _classify_header, _raw_connect, restrict_permissions
from .errors import DatabaseDamagedError, NotADatabaseError, WrongPassphraseError
from .keys import KeyMaterial, read_salt

log = logging.getLogger(__name__)

# How long the checkpoint may wait for a writer, or a reader of an older snapshot, before the
# backup API takes over. Short: the file copy saves ~1.5 s on 200 MB, and a reader such as the
# background quick_check keeps its snapshot for about a second, so a longer wait would mostly
# be added on top of the backup API's time.
CHECKPOINT_WAIT_MS = 100
# A commit during the file copy makes it start over (as the backup API does), so the copy is
# the state when it finished; after this many tries under steady writing, the backup API.
COPY_ATTEMPTS = 3
_SQLITE_OK, _SQLITE_DONE = 0, 101  # the statuses sqlite3_backup_step() hands to progress()
_FD_DIR = "/proc/self/fd" if os.path.isdir("/proc/self/fd") else "/dev/fd"


def fsync_dir(folder: Path) -> None:
    """Make a rename inside ``folder`` durable (POSIX; Windows has no directory fsync)."""
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _plain_connect(path: Path, key: KeyMaterial | None):
    """A connection with only the key (no WAL): the copy is a single self-contained file."""
    conn = sqlcipher3.connect(str(path), check_same_thread=False, isolation_level=None)
    if key is not None:
        conn.execute("PRAGMA cipher_log_level = NONE")
        conn.execute(key.pragma_sql())
    return conn


class _UseBackupApi(Exception):
    """The file copy cannot be proven consistent now; the message says why (never any data)."""


class _Changed(Exception):
    """A write reached the WAL before or during this attempt: the file copy starts over."""


def _wal_is_empty(db_path: Path) -> bool:
    """The -wal holds no frame at all (wal_checkpoint(TRUNCATE) leaves it at 0 bytes).

    A missing -wal counts as not empty: a WAL-mode connection (ours) always has one open, so
    its absence means something we do not understand, and the backup API is the safe answer.
    """
    try:
        return os.stat(f"{db_path}-wal").st_size == 0
    except FileNotFoundError:
        return False


def _checkpoint_fully(src) -> None:
    """Fold every WAL frame into the main file and empty the -wal, or raise _UseBackupApi."""
    src.execute(f"PRAGMA busy_timeout = {CHECKPOINT_WAIT_MS}")
    try:
        busy, frames, moved = src.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    finally:
        src.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    # (0, 0, 0) is the only complete TRUNCATE; (0, -1, -1) means not in WAL mode; busy = 1 when a
    # writer, or a reader still using WAL frames (an older snapshot), stopped it from finishing.
    if frames < 0:
        raise _UseBackupApi("not in WAL mode")
    if busy or frames or moved:
        raise _UseBackupApi("another connection kept the WAL from being emptied")


def _source_descriptor(db_path: Path) -> tuple[int, bool]:
    """(descriptor to read the main file through, whether we opened it and must close it).

    POSIX: closing ANY descriptor of a file drops every fcntl lock this process holds on it,
    including the SHARED lock SQLite keeps on the practice file while a connection is open in
    WAL mode -- another process could then take it over and delete the live -wal (sqlite.org
    "How To Corrupt An SQLite Database File", 2.2). So we read through a descriptor SQLite has
    already opened on the same inode, with pread (no shared file offset), and never close it;
    SQLite itself keeps its descriptors open while our connection holds its lock (unixClose
    defers the close). Windows locks belong to the handle, so there a handle of our own is fine.
    """
    if os.name == "nt":
        return os.open(db_path, os.O_RDONLY | getattr(os, "O_BINARY", 0)), True
    want = os.stat(db_path)
    try:
        names = os.listdir(_FD_DIR)
    except OSError:
        raise _UseBackupApi("open descriptors cannot be listed here") from None
    for name in names:
        try:
            fd = int(name)
            found = os.fstat(fd)
        except (ValueError, OSError):  # the listing's own descriptor, already closed again
            continue
        if stat.S_ISREG(found.st_mode) and _same_file(found, want):
            return fd, False
    raise _UseBackupApi("no descriptor of the practice file was found")


def _same_file(a: os.stat_result, b: os.stat_result) -> bool:
    return (a.st_dev, a.st_ino) == (b.st_dev, b.st_ino)


def _read_at(fd: int, size: int, offset: int) -> bytes:
    """One chunk of the main file (pread: SQLite's own reads on the same descriptor unaffected)."""
    if hasattr(os, "pread"):
        return os.pread(fd, size, offset)
    os.lseek(fd, offset, os.SEEK_SET)  # Windows: our own handle, nobody else's offset moves
    return os.read(fd, size)


def _copy_once(src, db_path: Path, tmp: Path, *, chunk_pages: int,
               progress: Callable[[int, int, int], None] | None) -> int:
    """One attempt: copy the main file's bytes into tmp as one snapshot. Returns the pages copied.

    Raises _Changed when a write got into the WAL before or during the copy.

    Why the bytes are a snapshot: a read transaction that begins when every WAL frame is already
    in the main file holds WAL read-lock 0 and reads the main file only, and no checkpoint can
    write into the main file while anyone holds read-lock 0 (wal.c: the backfill needs that lock
    exclusively); writers only append to the WAL. A reader that began with frames still waiting
    in the WAL holds another read-lock instead, under which the WAL can be neither reset nor
    truncated -- so a 0-byte -wal seen AFTER our first read proves we hold read-lock 0. The same
    test at the end proves no commit landed during the copy (frames could not have been moved
    out of the WAL meanwhile), so the copy is also the state at the moment it finished.
    """
    page_size = int(src.execute("PRAGMA page_size").fetchone()[0])  # SQLCipher answers a string
    src.execute("BEGIN")
    try:
        src.execute("SELECT count(*) FROM sqlite_master").fetchall()  # the read that pins it
        if not _wal_is_empty(db_path):
            raise _Changed()
        fd, owned = _source_descriptor(db_path)
        try:
            ident = os.fstat(fd)
            size = ident.st_size
            total = size // page_size
            with open(tmp, "r+b") as out:
                out.truncate(0)
                offset = 0
                while offset < size:
                    data = _read_at(fd, min(chunk_pages * page_size, size - offset), offset)
                    # Re-checked after every read: the bytes came from the practice file itself.
                    if not data or not _same_file(os.fstat(fd), ident):
                        raise _UseBackupApi("the practice file changed under the copy")
                    out.write(data)
                    offset += len(data)
                    if progress is not None and offset < size:
                        progress(_SQLITE_OK, (size - offset) // page_size, total)
        finally:
            if owned:
                os.close(fd)
        if not _wal_is_empty(db_path):
            raise _Changed()
        return total
    finally:
        if src.in_transaction:
            src.execute("ROLLBACK")  # read only: ends the pin, nothing to undo


def _copy_file(src, db_path: Path, tmp: Path, *, chunk_pages: int,
               progress: Callable[[int, int, int], None] | None) -> str | None:
    """Copy by bytes; None when done, else why the backup API must do it (tmp left empty)."""
    try:
        for attempt in range(1, COPY_ATTEMPTS + 1):
            _checkpoint_fully(src)
            try:
                pages = _copy_once(src, db_path, tmp, chunk_pages=chunk_pages, progress=progress)
            except _Changed:
                continue
            log.debug("backup copy: file copy, %d pages, attempt %d", pages, attempt)
            if progress is not None:
                progress(_SQLITE_DONE, 0, pages)
            return None
        reason = f"writes kept landing during {COPY_ATTEMPTS} file copies"
    except _UseBackupApi as exc:
        reason = str(exc)
    except OSError as exc:
        reason = f"the file copy failed ({errno.errorcode.get(exc.errno or 0, exc.errno)})"
    except sqlcipher3.DatabaseError as exc:  # SQLite's own words, never values
        reason = f"the file copy could not start ({exc})"
    os.truncate(tmp, 0)  # the backup API then starts from the same empty file as always
    return reason


def backup_database(db: Database, dest_path: Path | str, *, pages_per_step: int = 256,
                    progress: Callable[[int, int, int], None] | None = None, check: bool = True) -> Path:
    """Write a consistent, same-key copy of db to dest_path atomically. Returns dest_path.

    progress(status, remaining, total) is called after each step of pages_per_step pages (e.g.
    for a progress bar; the last call has status 101, SQLITE_DONE); the copy restarts by itself
    if another connection writes meanwhile. ``check=False`` skips the quick_check of the copy,
    for a caller that checks it more thoroughly itself right after (services.backups runs
    integrity_check, which includes everything quick_check does): on a 200 MB practice each full
    check decrypts every page, about 1 s (docs/performance.md).
    """
    dest = Path(dest_path)
    tmp = Path(str(dest) + ".tmp")
    tmp.unlink(missing_ok=True)
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    os.close(fd)
    src = db.raw_connection()
    try:
        why_not = _copy_file(src, db.path, tmp, chunk_pages=pages_per_step if pages_per_step > 0 else 256,
                             progress=progress)
        if why_not is not None:
            log.debug("backup copy: SQLite backup API (%s)", why_not)
        dst = _plain_connect(tmp, db.key)
        try:
            if why_not is not None:
                src.backup(dst, pages=pages_per_step, progress=progress)
            # Either way the copy's header says WAL: make it one file, no -wal beside a backup.
            dst.execute("PRAGMA journal_mode = DELETE")
            problems = [r[0] for r in dst.execute("PRAGMA quick_check").fetchall()] if check else ["ok"]
            if problems != ["ok"]:
                raise DatabaseDamagedError("The copy failed its check: " + "; ".join(problems[:5]))
        finally:
            dst.close()
        with open(tmp, "rb+") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, dest)
        fsync_dir(dest.parent)
    except BaseException:
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{tmp}{suffix}").unlink(missing_ok=True)
        raise
    finally:
        src.close()
    return dest


def _pragma_rows(db: Database, pragma: str) -> list[str]:
    conn = db.raw_connection()
    try:
        return [" ".join(str(v) for v in row) for row in conn.execute(pragma).fetchall()]
    except sqlcipher3.DatabaseError as exc:
        return [str(exc)]
    finally:
        conn.close()


def _problems(rows: list[str]) -> list[str]:
    return [] if rows == ["ok"] else rows


def quick_check(db: Database) -> list[str]:
    """PRAGMA quick_check; [] means fine."""
    return _problems(_pragma_rows(db, "PRAGMA quick_check"))


def integrity_check(db: Database) -> list[str]:
    """PRAGMA integrity_check (slower, also checks indexes); [] means fine."""
    return _problems(_pragma_rows(db, "PRAGMA integrity_check"))


def cipher_integrity_check(db: Database) -> list[str]:
    """SQLCipher's per-page HMAC check; [] means fine (always [] for plain files)."""
    if not db.encrypted:
        return []
    return _pragma_rows(db, "PRAGMA cipher_integrity_check")


def foreign_key_check(db: Database) -> list[str]:
    """Rows whose parent is missing, as 'table rowid -> parent'; [] means fine."""
    conn = db.raw_connection()
    try:
        return [f"{r[0]} rowid {r[1]} -> {r[2]}" for r in conn.execute("PRAGMA foreign_key_check")]
    finally:
        conn.close()


@dataclass(frozen=True, slots=True)
class FileInfo:
    revision: str | None
    clients: int
    sessions: int
    last_change: str | None  # UTC ISO time of the newest audit event


def inspect_file(path: Path | str, passphrase: str | None) -> FileInfo:
    """Describe a practice file (e.g. a backup) opened read-only; nothing is written.

    Raises WrongPassphraseError, NotADatabaseError, DatabaseDamagedError.
    """
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(str(path))
    _classify_header(path, passphrase)
    key = KeyMaterial.from_passphrase(passphrase, read_salt(path) or b"") if passphrase is not None else None
    try:
        conn = _raw_connect(path, key, read_only=True)
        try:
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
            revision = None
            if "alembic_version" in tables:
                row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
                revision = row[0] if row else None
            def scalar(table: str, sql: str):
                return conn.execute(sql).fetchone()[0] if table in tables else None

            clients = scalar("client", "SELECT count(*) FROM client") or 0
            sessions = scalar("session", "SELECT count(*) FROM session") or 0
            last = scalar("audit_event", "SELECT max(at) FROM audit_event")
        finally:
            conn.close()
    except sqlcipher3.DatabaseError as exc:
        text = str(exc).lower()
        if "file is not a database" in text:
            if key is not None:
                raise WrongPassphraseError("The passphrase is not correct for this file.") from None
            raise NotADatabaseError("The file is not a practice database.") from None
        raise DatabaseDamagedError(f"The file could not be read ({exc}).") from None
    finally:
        if key is not None:
            key.wipe()
    return FileInfo(revision=revision, clients=clients, sessions=sessions, last_change=last)


__all__ = [
    "FileInfo",
    "backup_database",
    "cipher_integrity_check",
    "foreign_key_check",
    "fsync_dir",
    "inspect_file",
    "integrity_check",
    "quick_check",
    "restrict_permissions",
]
