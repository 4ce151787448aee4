"""Typed storage errors. Services map them to user-facing ServiceError subclasses.

Messages are plain sentences without paths to clinical content or key material.
"""

from __future__ import annotations


class StoreError(Exception):
    """Base of every error the storage layer raises on purpose."""


class WrongPassphraseError(StoreError):
    """The file is encrypted and the passphrase (or its absence) does not open it."""


class NotADatabaseError(StoreError):
    """The file is not an IPT Desktop database (e.g. a PDF, or an empty/foreign file)."""


class DatabaseDamagedError(StoreError):
    """The file is a database but its pages or schema are damaged."""


class NewerSchemaError(StoreError):
    """The database was written by a newer version of the app; it is left untouched."""

    def __init__(self, db_revision: str, app_revision: str):
        super().__init__(
            f"This practice file was saved by a newer version of IPT Desktop "
            f"(database revision {db_revision}; this app knows up to {app_revision}). "
            f"Please update the app to open it."
        )
        self.db_revision = db_revision
        self.app_revision = app_revision


class DiskFullError(StoreError):
    """SQLite reported 'database or disk is full'; the transaction was rolled back."""


class ReadOnlyError(StoreError):
    """SQLite reported 'attempt to write a readonly database' (read-only folder or file)."""


class IntegrityProblemError(StoreError):
    """A check after a migration (e.g. foreign_key_check) found violations."""

    def __init__(self, message: str, problems: list[str] | None = None):
        super().__init__(message)
        self.problems = list(problems or [])


def translate(exc: BaseException) -> StoreError | None:
    """Map a DB-API / SQLAlchemy exception to a typed store error, or None if unknown.

    SQLite only gives us message strings, so matching on them is the reliable way.
    """
    text = str(getattr(exc, "orig", None) or exc).lower()
    if "database or disk is full" in text or "disk i/o error" in text and "full" in text:
        return DiskFullError("The disk is full; the change was not saved.")
    if "readonly database" in text or "read-only" in text:
        return ReadOnlyError("The practice file cannot be written (read-only); the change was not saved.")
    if "database disk image is malformed" in text or "malformed" in text:
        return DatabaseDamagedError("The practice file is damaged.")
    if "file is not a database" in text:
        return NotADatabaseError("The file is not a readable database.")
    return None


class RecordNotFoundError(StoreError):
    """An update/delete named a record id that is not in the file (or not under that parent)."""

    def __init__(self, entity: str, record_id: str):
        super().__init__(f"No {entity} with id {record_id}.")
        self.entity = entity
        self.record_id = record_id
