"""Consistent copies and checks of a practice file (the data-safety layer builds on these).

Copies use the SQLite online backup API from a fresh sqlcipher3 connection into a destination
keyed with the very same raw key (same salt), so the copy stays encrypted and opens with the
same passphrase; the backup API restarts if another connection writes, so the copy is a
consistent point in time. It is written to <dest>.tmp, checked, fsynced, then os.replace()d.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import sqlcipher3

from .engine import Database, _classify_header, _raw_connect, restrict_permissions
from .errors import DatabaseDamagedError, NotADatabaseError, WrongPassphraseError
from .keys import KeyMaterial, read_salt


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


def backup_database(db: Database, dest_path: Path | str, *, pages_per_step: int = 256,
                    progress: Callable[[int, int, int], None] | None = None, check: bool = True) -> Path:
    """Write a consistent, same-key copy of db to dest_path atomically. Returns dest_path.

    progress(status, remaining, total) is called after each step (e.g. for a progress bar); the
    backup restarts by itself if another connection writes meanwhile. ``check=False`` skips the
    quick_check of the copy, for a caller that checks it more thoroughly itself right after
    (services.backups runs integrity_check, which includes everything quick_check does): on a
    200 MB practice each full check decrypts every page, about 1 s (docs/performance.md).
    """
    dest = Path(dest_path)
    tmp = Path(str(dest) + ".tmp")
    tmp.unlink(missing_ok=True)
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    os.close(fd)
    src = db.raw_connection()
    try:
        dst = _plain_connect(tmp, db.key)
        try:
            src.backup(dst, pages=pages_per_step, progress=progress)
            dst.execute("PRAGMA journal_mode = DELETE")  # no -wal beside a backup file
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
        tmp.unlink(missing_ok=True)
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
