"""Changing the key of a practice file: PRAGMA rekey for encrypted files, sqlcipher_export for
plain ones. Every pooled connection is closed first and the caller gets a NEW Database, so no
connection can go on using the old key.

A new random salt comes with every new key (the raw key form ``x'<key><salt>'`` stores it in the
file header), so the new passphrase is stretched with a salt an attacker has not seen before.

Backups made earlier are separate files: they keep the key (and passphrase) they were made with.
"""

from __future__ import annotations

import hmac
import os
from pathlib import Path

import sqlcipher3

from .engine import Database, _raw_connect, open_with_key, restrict_permissions
from .errors import DatabaseDamagedError, StoreError, WrongPassphraseError
from .keys import KeyMaterial, derive_key, read_salt

_SIDE_FILES = ("-wal", "-shm", "-journal")


def key_matches(db: Database, passphrase: str) -> bool:
    """True when ``passphrase`` stretched with the file's salt gives the key ``db`` is open with.

    Slow (one KDF run). Constant-time comparison; nothing is read from the file but its salt.
    """
    key = db.key
    if key is None:
        return False
    salt = read_salt(db.path)
    if salt is None or salt != key.salt:
        return False
    candidate = KeyMaterial(derive_key(passphrase, salt), salt)
    try:
        return hmac.compare_digest(candidate.pragma_sql(), key.pragma_sql())
    finally:
        candidate.wipe()


def _checkpoint_and_close(db: Database) -> None:
    """Close the pool, then fold the WAL back into the main file so one file holds everything."""
    db.engine.dispose()
    conn = _raw_connect(db.path, db.key)
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
    finally:
        conn.close()


def _rekey_sql(key: KeyMaterial) -> str:
    return key.pragma_sql().replace("PRAGMA key", "PRAGMA rekey", 1)


def rekey_database(db: Database, new_key: KeyMaterial) -> Database:
    """Re-encrypt an encrypted practice file with ``new_key``; returns the reopened Database.

    ``db`` is disposed (pool closed, old key wiped) whatever happens after the rekey started;
    on failure before the rekey the file is unchanged and ``db`` stays usable.
    SQLCipher rewrites every page inside one transaction (rollback journal), so a crash leaves
    either the old or the new key, never a mix.
    """
    if db.key is None:
        raise StoreError("The practice file is not encrypted; use encrypt_database instead.")
    path = db.path
    _checkpoint_and_close(db)
    conn = sqlcipher3.connect(str(path), check_same_thread=False, isolation_level=None)
    try:
        conn.execute("PRAGMA cipher_log_level = NONE")
        conn.execute(db.key.pragma_sql())
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        # Rekey is only documented for rollback-journal mode; switch for the duration.
        conn.execute("PRAGMA journal_mode = DELETE").fetchall()
        conn.execute(_rekey_sql(new_key))
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()  # reads with the new key
        conn.execute("PRAGMA journal_mode = WAL").fetchall()
    except sqlcipher3.DatabaseError as exc:
        if "locked" in str(exc).lower() or "busy" in str(exc).lower():
            # Another connection (a backup running in the background) holds the file: rekey
            # needs it alone. Nothing was changed.
            raise StoreError("The practice file is in use (a backup may be running); nothing was "
                             "changed. Try again in a moment.") from None
        raise DatabaseDamagedError(f"The practice file could not be re-encrypted ({exc}).") from None
    finally:
        conn.close()
    db.dispose()
    return _reopen(path, new_key)


def encrypt_database(db: Database, new_key: KeyMaterial) -> Database:
    """Turn a plain practice file into an encrypted one (sqlcipher_export into a new file, then
    an atomic replace). Returns the reopened Database; ``db`` is disposed.

    The plain file is only replaced once the encrypted copy passed quick_check, so a failure
    at any point leaves the original file as it was.
    """
    if db.key is not None:
        raise StoreError("The practice file is already encrypted; use rekey_database instead.")
    path = db.path
    tmp = Path(str(path) + ".encrypting")
    for suffix in ("", *_SIDE_FILES):
        Path(str(tmp) + suffix).unlink(missing_ok=True)
    _checkpoint_and_close(db)
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    os.close(fd)
    try:
        conn = sqlcipher3.connect(str(path), check_same_thread=False, isolation_level=None)
        try:
            hex_key = new_key.pragma_sql().split('"', 2)[1]  # x'…' — hex digits only
            conn.execute(f"ATTACH DATABASE ? AS encrypted KEY \"{hex_key}\"", (str(tmp),))
            conn.execute("SELECT sqlcipher_export('encrypted')").fetchall()
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            conn.execute(f"PRAGMA encrypted.user_version = {int(version)}")
            conn.execute("DETACH DATABASE encrypted")
        finally:
            conn.close()
        check = _raw_connect(tmp, new_key)
        try:
            rows = [r[0] for r in check.execute("PRAGMA quick_check").fetchall()]
        finally:
            check.close()
        if rows != ["ok"]:
            raise DatabaseDamagedError("The encrypted copy failed its check: " + "; ".join(rows[:5]))
        with open(tmp, "rb+") as fh:
            os.fsync(fh.fileno())
        for suffix in _SIDE_FILES:
            Path(str(path) + suffix).unlink(missing_ok=True)
        os.replace(tmp, path)
    except sqlcipher3.DatabaseError as exc:
        raise DatabaseDamagedError(f"The practice file could not be encrypted ({exc}).") from None
    finally:
        for suffix in ("", *_SIDE_FILES):
            Path(str(tmp) + suffix).unlink(missing_ok=True)
    db.dispose()
    return _reopen(path, new_key)


def _reopen(path: Path, key: KeyMaterial) -> Database:
    try:
        reopened = open_with_key(path, key)
    except WrongPassphraseError:
        raise DatabaseDamagedError("The practice file does not open with its new key.") from None
    restrict_permissions(path)
    return reopened
