"""Opening and creating practice databases: SQLCipher key, pragmas, typed errors.

One code path for encrypted and plain files: SQLAlchemy's pysqlite dialect driven by the
sqlcipher3 module through a `creator`, so every pooled connection is keyed (raw key, no KDF)
and configured before SQLAlchemy ever uses it. sqlcipher3 reads plain SQLite when no key is set.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import sqlcipher3
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import DBAPIError
from sqlalchemy.pool import QueuePool
from sqlmodel import Session

from .errors import NotADatabaseError, StoreError, WrongPassphraseError, translate
from .keys import SQLITE_HEADER, KeyMaterial, new_salt, read_salt

BUSY_TIMEOUT_MS = 5000
# Multi-byte signatures only: an encrypted practice starts with its random salt, which begins
# with any given single byte ("{", "<") once in 256 files -- such a file would never open again.
_FOREIGN_MAGIC = (b"%PDF", b"PK\x03\x04", b"\x89PNG", b"\xff\xd8\xff")


def _raw_connect(path: Path, key: KeyMaterial | None, *, read_only: bool = False):
    """A configured sqlcipher3 connection. The key goes first: nothing can be read before it."""
    if read_only:
        conn = sqlcipher3.connect(
            f"{path.resolve().as_uri()}?mode=ro", uri=True, check_same_thread=False, isolation_level=None
        )
    else:
        conn = sqlcipher3.connect(str(path), check_same_thread=False, isolation_level=None)
    try:
        if key is not None:
            # Before the key so a failed key check is not written to stderr by SQLCipher.
            conn.execute("PRAGMA cipher_log_level = NONE")
            conn.execute(key.pragma_sql())
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA foreign_keys = ON")
        if not read_only:
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = FULL")
    except BaseException:
        conn.close()
        raise
    return conn


def restrict_permissions(path: Path) -> None:
    """0600 on the database and its WAL/SHM side files (POSIX only; no-op on Windows)."""
    if os.name != "posix":
        return
    for suffix in ("", "-wal", "-shm"):
        p = Path(str(path) + suffix)
        try:
            os.chmod(p, 0o600)
        except FileNotFoundError:
            pass


@dataclass(eq=False)
class Database:
    """An open practice file: engine, path, whether it is encrypted, a session factory."""

    engine: Engine
    path: Path
    encrypted: bool
    _key: KeyMaterial | None = field(default=None, repr=False)

    def session(self) -> Session:
        # expire_on_commit=False: records are built after commit without lazy reloads.
        return Session(self.engine, expire_on_commit=False)

    def write_session(self) -> Session:
        """A session whose transactions start with BEGIN IMMEDIATE (see repository.transaction)."""
        return Session(self.engine.execution_options(ipt_write=True), expire_on_commit=False)

    def raw_connection(self, *, read_only: bool = False):
        """A fresh configured sqlcipher3 connection (for backups/checks); caller closes it."""
        return _raw_connect(self.path, self._key, read_only=read_only)

    @property
    def key(self) -> KeyMaterial | None:
        return self._key

    def dispose(self) -> None:
        """Close every pooled connection and zero the key (practice locked or closed)."""
        self.engine.dispose()
        if self._key is not None:
            self._key.wipe()

    def quick_check(self) -> list[str]:
        from .snapshot import quick_check

        return quick_check(self)


def _make_engine(path: Path, key: KeyMaterial | None) -> Engine:
    engine = create_engine(
        "sqlite://",
        module=sqlcipher3,  # so SQLAlchemy wraps sqlcipher3's exceptions like sqlite3's
        creator=lambda: _raw_connect(path, key),
        poolclass=QueuePool,
        pool_size=2,
        max_overflow=4,
        # Error messages would otherwise quote the bound values (clinical text) and end up in
        # the log file through log.exception; the SQL text alone is enough to diagnose.
        hide_parameters=True,
    )

    # The driver runs in autocommit mode (isolation_level=None); we emit BEGIN ourselves so
    # SQLAlchemy's transaction boundaries are SQLite's (documented pysqlite recipe).
    @event.listens_for(engine, "begin")
    def _begin(conn):
        # Write transactions take the write lock up front (BEGIN IMMEDIATE): a deferred
        # transaction that reads, then writes, can fail with SQLITE_BUSY mid-way in WAL mode.
        immediate = conn.get_execution_options().get("ipt_write", False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


def _classify_header(path: Path, passphrase: str | None) -> None:
    """Reject what we can tell from the first bytes, before trying any key."""
    with open(path, "rb") as fh:
        head = fh.read(16)
    size = path.stat().st_size
    if head == SQLITE_HEADER:
        if passphrase is not None:
            raise WrongPassphraseError("This practice file is not encrypted; open it without a passphrase.")
        return
    if size == 0:
        raise NotADatabaseError("The file is empty, not a practice database.")
    if any(head.startswith(m) for m in _FOREIGN_MAGIC) or size % 512 != 0:
        raise NotADatabaseError("The file is not a practice database.")
    if passphrase is None:
        raise WrongPassphraseError("This practice file is encrypted; a passphrase is needed.")


def _verify(path: Path, key: KeyMaterial | None) -> None:
    """Read sqlite_master once: a wrong key surfaces here as 'file is not a database'."""
    try:
        conn = _raw_connect(path, key)
    except sqlcipher3.DatabaseError as exc:
        _raise_open_error(exc, key)
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlcipher3.DatabaseError as exc:
        _raise_open_error(exc, key)
    finally:
        conn.close()


def _raise_open_error(exc: Exception, key: KeyMaterial | None):
    if "file is not a database" in str(exc).lower():
        if key is not None:
            raise WrongPassphraseError("The passphrase is not correct.") from None
        raise NotADatabaseError("The file is not a practice database.") from None
    err = translate(exc)
    if err is not None:
        raise err from None
    raise StoreError(f"The practice file could not be opened ({exc}).") from None


def open_database(path: Path | str, passphrase: str | None) -> Database:
    """Open an existing practice file and prove the key by reading the schema.

    Does not migrate (see migrate.upgrade) and does not run integrity checks (quick_check()).
    Raises FileNotFoundError, WrongPassphraseError, NotADatabaseError, DatabaseDamagedError.
    """
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(str(path))
    _classify_header(path, passphrase)  # before the slow KDF
    key = None
    if passphrase is not None:
        salt = read_salt(path)
        assert salt is not None  # _classify_header rejected short files
        key = KeyMaterial.from_passphrase(passphrase, salt)
    return open_with_key(path, key)


def open_with_key(path: Path | str, key: KeyMaterial | None) -> Database:
    """Open with already-derived key material (the GUI derives it in a worker thread)."""
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(str(path))
    try:
        # A foreign file (PDF, empty) is NotADatabaseError even when a key was derived for it.
        _classify_header(path, None if key is None else "<derived>")
        _verify(path, key)
    except BaseException:
        if key is not None:
            key.wipe()
        raise
    restrict_permissions(path)
    return Database(engine=_make_engine(path, key), path=path, encrypted=key is not None, _key=key)


def create_database(path: Path | str, passphrase: str | None) -> Database:
    """Create a new practice file at head revision. Plain SQLite only when passphrase is None.

    Raises FileExistsError rather than overwrite anything.
    """
    path = Path(path)
    # O_EXCL + 0600 so the file is never world-readable, even for a moment.
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    os.close(fd)
    key = KeyMaterial.from_passphrase(passphrase, new_salt()) if passphrase is not None else None
    try:
        conn = _raw_connect(path, key)
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        conn.close()
        db = Database(engine=_make_engine(path, key), path=path, encrypted=key is not None, _key=key)
        from .migrate import upgrade

        upgrade(db, snapshot=False)
    except BaseException:
        if key is not None:
            key.wipe()
        for suffix in ("", "-wal", "-shm"):
            Path(str(path) + suffix).unlink(missing_ok=True)
        raise
    restrict_permissions(path)
    return db


@contextmanager
def translated_errors() -> Iterator[None]:
    """Turn SQLite's stringly errors (disk full, read-only, malformed) into typed ones."""
    try:
        yield
    except StoreError:
        raise
    except (DBAPIError, sqlcipher3.Error) as exc:
        # Only database errors: a caller's own exception must pass through unchanged.
        err = translate(exc)
        if err is None:
            raise
        raise err from exc
