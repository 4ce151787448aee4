"""File-level primitives for verifying and restoring backups (the data-safety layer's store half).

* ``scan_pages`` re-computes SQLCipher 4's per-page HMAC in Python. It tells apart what SQLite
  reports with one message ("file is not a database"): a wrong passphrase (no page
  authenticates), a damaged first page (later pages authenticate) and a truncated file.
* ``examine_copy`` opens a copy READ-ONLY (nothing is written, not even a -wal) and runs
  integrity_check, cipher_integrity_check and reads the schema revision and a few counts.
  The two checks run at the same time on two connections (SQLite releases the GIL while it
  works): each decrypts or authenticates every page, so on two cores this halves the wait.
* ``swap_in`` puts a checked copy in place of the live file: the live file's -wal/-shm are
  removed FIRST, so old WAL frames can never be replayed over the restored pages, then
  ``os.replace`` and an fsync of the folder.
"""

from __future__ import annotations

import hashlib
import hmac
import os
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path

import sqlcipher3

from .engine import _raw_connect, restrict_permissions
from .keys import SQLITE_HEADER, KeyMaterial
from .migrate import HEAD_REVISION, MIGRATIONS_DIR
from .snapshot import fsync_dir

# SQLCipher 4 defaults (the engine never changes them): 4 KiB pages, 80 reserved bytes per page
# (16-byte IV + 64-byte HMAC-SHA512), HMAC key = PBKDF2-SHA512(key, salt ^ 0x3a, 2 rounds).
PAGE_SIZE = 4096
HMAC_BYTES = 64
SALT_BYTES = 16
_HMAC_SALT_MASK = 0x3A
_HMAC_KDF_ITER = 2
SIDE_SUFFIXES = ("-wal", "-shm", "-journal")


@dataclass(frozen=True, slots=True)
class PageScan:
    pages: int  # whole pages in the file
    authentic: int  # pages whose HMAC matches the key
    first_page_ok: bool
    partial_page: bool  # the size is not a whole number of pages (truncated or foreign)


def clone_key(key: KeyMaterial) -> KeyMaterial:
    """An independent copy (Database.dispose() wipes its own key; a restore needs one to reopen)."""
    raw = key._require()  # noqa: SLF001 - same layer, the buffer is ours
    return KeyMaterial(bytes(raw[:32]), bytes(raw[32:]))


def key_matches_salt(key: KeyMaterial, path: Path) -> bool:
    """True when the file was written with this key's salt (same practice, same passphrase)."""
    with open(path, "rb") as fh:
        return fh.read(SALT_BYTES) == key.salt


def scan_pages(path: Path, key: KeyMaterial) -> PageScan:
    """Check every page's HMAC against ``key`` without SQLite (cheap: a few ms per MiB)."""
    raw = key._require()  # noqa: SLF001
    salt = bytes(raw[32:])
    hmac_key = hashlib.pbkdf2_hmac("sha512", bytes(raw[:32]), bytes(b ^ _HMAC_SALT_MASK for b in salt),
                                   _HMAC_KDF_ITER, 32)
    size = path.stat().st_size
    pages = size // PAGE_SIZE
    authentic = 0
    first_ok = False
    with open(path, "rb") as fh:
        for number in range(1, pages + 1):
            page = fh.read(PAGE_SIZE)
            body = page[SALT_BYTES if number == 1 else 0:PAGE_SIZE - HMAC_BYTES]
            mac = hmac.new(hmac_key, body + number.to_bytes(4, "little"), hashlib.sha512).digest()
            if hmac.compare_digest(mac, page[PAGE_SIZE - HMAC_BYTES:]):
                authentic += 1
                first_ok = first_ok or number == 1
    return PageScan(pages=pages, authentic=authentic, first_page_ok=first_ok,
                    partial_page=size % PAGE_SIZE != 0)


def is_plain_sqlite(path: Path) -> bool:
    with open(path, "rb") as fh:
        return fh.read(len(SQLITE_HEADER)) == SQLITE_HEADER


@dataclass(frozen=True, slots=True)
class CopyReport:
    revision: str | None
    clients: int
    sessions: int
    last_change: str | None
    problems: tuple[str, ...]  # integrity_check + cipher_integrity_check findings; () when fine
    page_count: int = 0  # pages the database header says it has (more than the file = truncated)


def examine_copy(path: Path, key: KeyMaterial | None, *, pages_authenticated: bool = False,
                 alongside: Callable[[], object] | None = None) -> CopyReport:
    """Read-only checks and counts of a copy. Problems are returned, not raised; only a copy whose
    schema cannot be read at all raises ``CopyUnreadable``.

    ``pages_authenticated``: the caller checks every page's HMAC itself (``scan_pages``, and uses
    this report only if it found them all authentic), so SQLCipher's cipher_integrity_check, the
    same check over the same bytes (~0.5 s on 200 MB), is not run a second time.

    ``alongside``: more reading of the same file (the seal's tag, ~0.14 s on 200 MB) for the side
    thread, after the HMAC check: integrity_check is the longer of the two by ~0.4 s, so it fits
    in that slack (a third thread competed for the two cores: ~0.2 s more)."""
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="cipher-check") as pool:
        cipher = (pool.submit(_cipher_problems, path, key)
                  if key is not None and not pages_authenticated else None)
        extra = pool.submit(alongside) if alongside is not None else None  # after the cipher check
        report = _examine(path, key)
        if extra is not None:
            extra.result()
        if cipher is None:
            return report
        # Leaving the block waits for the cipher check even when _examine raised: no connection
        # to the copy outlives this call (the caller may delete or rename the file next).
        return replace(report, problems=report.problems + tuple(cipher.result()))


def _cipher_problems(path: Path, key: KeyMaterial) -> list[str]:
    """cipher_integrity_check on its own read-only connection; [] when every page authenticates."""
    try:
        conn = _raw_connect(path, key, read_only=True)
    except sqlcipher3.DatabaseError as exc:
        return [str(exc)]
    try:
        rows = _rows(conn, "PRAGMA cipher_integrity_check")
        return [r for r in rows if r != "ok"]
    finally:
        conn.close()


def _examine(path: Path, key: KeyMaterial | None) -> CopyReport:
    """integrity_check, schema revision and counts (everything of examine_copy but the HMACs)."""
    try:
        conn = _raw_connect(path, key, read_only=True)
    except sqlcipher3.DatabaseError as exc:
        raise CopyUnreadable(str(exc)) from None
    try:
        try:
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        except sqlcipher3.DatabaseError as exc:
            raise CopyUnreadable(str(exc), _page_count(conn)) from None
        problems = [p for p in _rows(conn, "PRAGMA integrity_check") if p != "ok"]
        revision, clients, sessions, last, page_count = None, 0, 0, None, 0
        try:
            page_count = conn.execute("PRAGMA page_count").fetchone()[0]
            if "alembic_version" in tables:
                row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
                revision = row[0] if row else None
            if "client" in tables:
                clients = conn.execute("SELECT count(*) FROM client").fetchone()[0]
            if "session" in tables:
                sessions = conn.execute("SELECT count(*) FROM session").fetchone()[0]
            if "audit_event" in tables:
                # A backup is not a change to the records: "last change" stays the last real one.
                last = conn.execute("SELECT max(at) FROM audit_event WHERE action <> 'backup'").fetchone()[0]
        except sqlcipher3.DatabaseError as exc:
            problems.append(str(exc))
        return CopyReport(revision, clients, sessions, last, tuple(problems), page_count)
    finally:
        conn.close()


class CopyUnreadable(Exception):
    """SQLite could not read the copy's schema at all. ``page_count``: what the header claims."""

    def __init__(self, message: str, page_count: int = 0):
        super().__init__(message)
        self.page_count = page_count


def _page_count(conn) -> int:
    """The header's page count (it lives on page 1, readable even when the schema is not)."""
    try:
        return int(conn.execute("PRAGMA page_count").fetchone()[0])
    except sqlcipher3.DatabaseError:
        return 0


def _rows(conn, pragma: str) -> list[str]:
    try:
        return [" ".join(str(v) for v in row) for row in conn.execute(pragma).fetchall()]
    except sqlcipher3.DatabaseError as exc:
        return [str(exc)]


def known_revisions() -> set[str]:
    """Every schema revision this build can open (and migrate from)."""
    names = {HEAD_REVISION}
    versions = MIGRATIONS_DIR / "versions"
    for path in versions.glob("*.py"):
        # Revision files are named <revision>_<slug>.py (e.g. 0001_initial.py); no alembic import.
        names.add(path.stem.split("_", 1)[0])
    return names


def copy_synced(src: Path, dest: Path) -> None:
    """Copy a CLOSED file (a backup, never the live database) to dest, 0600, fsynced.

    Written to dest as given (the caller picks a temporary name); removed again on any error so
    a full disk leaves no partial file behind.
    """
    fd = os.open(dest, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with open(src, "rb") as fin, os.fdopen(fd, "wb") as fout:
            while chunk := fin.read(1 << 20):
                fout.write(chunk)
            fout.flush()
            os.fsync(fout.fileno())
    except BaseException:
        dest.unlink(missing_ok=True)
        raise


def remove_side_files(db_path: Path) -> list[str]:
    """Delete <db>-wal, -shm, -journal. Only safe when no connection to db_path is open."""
    removed = []
    for suffix in SIDE_SUFFIXES:
        side = Path(str(db_path) + suffix)
        if side.exists():
            side.unlink()
            removed.append(suffix)
    return removed


def swap_in(staged: Path, db_path: Path) -> list[str]:
    """Atomically replace db_path with staged (same folder). Returns the side files removed.

    Side files go first: a -wal left next to the new file would be replayed over it on the next
    open (SQLite checks the WAL against its own header, not against the database's pages).
    """
    removed = remove_side_files(db_path)
    os.replace(staged, db_path)
    fsync_dir(db_path.parent)
    restrict_permissions(db_path)
    return removed


def move_aside(db_path: Path, dest: Path) -> None:
    """Keep a damaged live file (and its side files) under dest instead of deleting anything."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    for suffix in ("", *SIDE_SUFFIXES):
        side = Path(str(db_path) + suffix)
        if side.exists():
            os.replace(side, Path(str(dest) + suffix))
    fsync_dir(db_path.parent)


__all__ = [
    "CopyReport", "CopyUnreadable", "PageScan", "clone_key", "copy_synced", "examine_copy", "fsync_dir",
    "is_plain_sqlite", "key_matches_salt", "known_revisions", "move_aside", "remove_side_files",
    "scan_pages", "swap_in",
]
