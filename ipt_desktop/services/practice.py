"""The practice: one database file in a data directory, opened once and passed around.

``Practice`` is the explicit context (cf. git-cola's ApplicationContext) the GUI and the CLI hand
to every service instead of module globals. Opening checks the file (quick_check; the GUI defers
it to a worker with ``check_now=False`` + ``background_file_check``, never when a migration is
pending), snapshots it and migrates it; every store error becomes a ``services.errors`` error
whose message a user can act on.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from ipt_desktop.domain.records import PracticeProfile
from ipt_desktop.services.changes import Changes
from ipt_desktop.services.errors import (
    DatabaseUnreadableError, NewerVersionError, NoPracticeError, NotFoundError, PassphraseError,
    PracticeExistsError,
    SaveFailedError, ServiceError,
)
from ipt_desktop.store import engine as store_engine
from ipt_desktop.store import errors as store_errors
from ipt_desktop.store import migrate as store_migrate
from ipt_desktop.store import repository
from ipt_desktop.store.background_check import BackgroundQuickCheck, CheckNotFinishedError
from ipt_desktop.store.keys import SQLITE_HEADER, KeyMaterial, read_salt

log = logging.getLogger(__name__)

__all__ = ["CheckNotFinishedError"]  # re-exported: the GUI catches it from background_file_check

DB_FILENAME = "practice.ipt"
PROFILE_FIELDS = ("therapist_name", "credentials", "practice_name", "address", "phone", "licence_number",
                  "page_size")
PAGE_SIZES = ("A4", "Letter")


class Practice:
    """An open practice: data directory, database path, whether it is encrypted, the engine."""

    def __init__(self, data_dir: Path, db: store_engine.Database):
        self.data_dir = Path(data_dir)
        self.db_path = db.path
        self.db = db
        self.encrypted = db.encrypted
        self._closed = False
        # Held while the file is copied (a backup, possibly in a worker thread), replaced (a
        # restore, a passphrase change) or closed (its key zeroed): none of these may overlap.
        # Re-entrant: a restore takes its safety backup while holding it.
        self.file_guard = threading.RLock()

    @property
    def closed(self) -> bool:
        return self._closed

    def close(self) -> None:
        """Dispose the engine and zero the key material. Safe to call twice. Waits for a backup
        still copying the file (see ``file_guard``)."""
        with self.file_guard:
            if not self._closed:
                self._closed = True
                self.db.dispose()

    @contextmanager
    def transaction(self) -> Iterator[Any]:
        """One store write transaction (BEGIN IMMEDIATE): committed on success, rolled back on any
        error. Store errors become ServiceErrors (disk full / read-only -> SaveFailedError), so
        callers never see SQL exceptions and nothing is half-written."""
        self._require_open()
        with store_errors_mapped(), repository.transaction(self.db) as session:
            yield session

    @contextmanager
    def reading(self) -> Iterator[Any]:
        """One read session (a consistent snapshot); store errors mapped as for transaction()."""
        self._require_open()
        with store_errors_mapped(), store_engine.translated_errors(), self.db.session() as session:
            yield session

    def _require_open(self) -> None:
        if self._closed:
            raise ServiceError("The practice is closed; open it again to continue.")

    def __enter__(self) -> Practice:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Practice({str(self.db_path)!r}, encrypted={self.encrypted}, closed={self._closed})"


@contextmanager
def store_errors_mapped() -> Iterator[None]:
    """Turn typed store errors into the ServiceErrors the GUI shows and the CLI maps to exit codes."""
    try:
        yield
    except store_errors.WrongPassphraseError as exc:
        raise PassphraseError(str(exc) or "The passphrase is not correct.") from None
    except store_errors.NewerSchemaError as exc:
        raise NewerVersionError(str(exc)) from None
    except store_errors.NotADatabaseError:
        raise DatabaseUnreadableError(
            "The practice file is not a readable IPT Desktop database. Restore it from a backup.") from None
    except store_errors.DatabaseDamagedError:
        raise DatabaseUnreadableError(
            "The practice file is damaged and cannot be read safely. Restore it from a backup.") from None
    except store_errors.IntegrityProblemError as exc:
        raise DatabaseUnreadableError(str(exc)) from None
    except store_errors.DiskFullError:
        raise SaveFailedError("The disk is full; the change was not saved.") from None
    except store_errors.ReadOnlyError:
        raise SaveFailedError("The practice file cannot be written (read-only); "
                              "the change was not saved.") from None
    except store_errors.RecordNotFoundError as exc:
        raise NotFoundError(
            f"The {exc.entity} was not found; it may have been deleted in another window.") from None
    except store_errors.StoreError as exc:
        raise DatabaseUnreadableError(str(exc) or "The practice file could not be read.") from None


def database_path(data_dir: Path) -> Path:
    return Path(data_dir) / DB_FILENAME


def practice_exists(data_dir: Path) -> bool:
    return database_path(data_dir).is_file()


def practice_is_encrypted(data_dir: Path) -> bool:
    """True unless the file starts with the plain SQLite header (reads 16 bytes, needs no key)."""
    path = database_path(data_dir)
    try:
        with open(path, "rb") as fh:
            return fh.read(len(SQLITE_HEADER)) != SQLITE_HEADER
    except FileNotFoundError:
        raise NoPracticeError(f"There is no practice in {data_dir}.") from None


def create_practice(data_dir: Path, *, passphrase: str | None, profile: PracticeProfile) -> Practice:
    """Create the data directory and a new practice file (encrypted unless passphrase is None).

    Refuses (PracticeExistsError) when a practice is already there: nothing is overwritten.
    """
    data_dir = Path(data_dir)
    _check_profile(profile)
    if passphrase is not None and not passphrase:
        raise PassphraseError("The passphrase must not be empty.")
    if practice_exists(data_dir):
        raise PracticeExistsError(f"There is already a practice in {data_dir}; nothing was changed.")
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise SaveFailedError(f"The folder {data_dir} cannot be created ({exc.strerror or exc}).") from None
    try:
        with store_errors_mapped():
            db = store_engine.create_database(database_path(data_dir), passphrase)
    except FileExistsError:
        raise PracticeExistsError(
            f"There is already a practice in {data_dir}; nothing was changed.") from None
    except OSError as exc:
        raise SaveFailedError(f"The practice file cannot be created ({exc.strerror or exc}).") from None
    practice = Practice(data_dir, db)
    try:
        with practice.transaction() as session:
            repository.set_profile(session, profile)
    except BaseException:
        practice.close()
        raise
    log.info("created a practice (encrypted=%s)", practice.encrypted)
    return practice


def open_practice(data_dir: Path, *, passphrase: str | None) -> Practice:
    """Open, check and (after a snapshot) migrate the practice in ``data_dir``.

    Raises NoPracticeError, PassphraseError, DatabaseUnreadableError, NewerVersionError.
    """
    return open_practice_with_key(data_dir, key=unlock_key(data_dir, passphrase))


def unlock_key(data_dir: Path, passphrase: str | None) -> KeyMaterial | None:
    """Stretch the passphrase into key material (slow on purpose: the GUI runs this in a worker
    thread, then calls ``open_practice_with_key`` on the GUI thread). None for a plain file."""
    path = database_path(data_dir)
    if not path.is_file():
        raise NoPracticeError(f"There is no practice in {data_dir}.")
    encrypted = practice_is_encrypted(data_dir)
    if encrypted and passphrase is None:
        raise PassphraseError("This practice is encrypted; a passphrase is needed.")
    if not encrypted:
        if passphrase:
            log.info("a passphrase was given for an unencrypted practice; ignoring it")
        return None
    salt = read_salt(path)
    if salt is None:
        raise DatabaseUnreadableError(
            "The practice file is too short to be a database. Restore it from a backup.")
    return KeyMaterial.from_passphrase(passphrase or "", salt)


def open_practice_with_key(data_dir: Path, *, key: KeyMaterial | None, check_now: bool = True) -> Practice:
    """Open with key material from ``unlock_key``; same checks and errors as ``open_practice``.

    ``check_now=False`` leaves the quick_check to the caller (``background_file_check``, run by
    the GUI in a worker once the window is usable), except when a migration is pending: a
    damaged file is never migrated."""
    data_dir = Path(data_dir)
    path = database_path(data_dir)
    if not path.is_file():
        raise NoPracticeError(f"There is no practice in {data_dir}.")
    try:
        with store_errors_mapped():
            db = store_engine.open_with_key(path, key)
    except FileNotFoundError:
        raise NoPracticeError(f"There is no practice in {data_dir}.") from None
    practice = Practice(data_dir, db)
    try:
        with store_errors_mapped(), store_engine.translated_errors():
            problems = db.quick_check() if check_now or store_migrate.needs_upgrade(db) else []
            if problems:
                log.warning("quick_check found %d problem(s) in the practice file", len(problems))
                raise DatabaseUnreadableError(
                    "The practice file is damaged and cannot be read safely. Restore it from a backup.")
            snapshot = store_migrate.upgrade(db)  # snapshot first, then Alembic
            if snapshot is not None:
                log.info("practice database migrated; snapshot kept at %s", snapshot)
    except BaseException:
        practice.close()
        raise
    return practice


def background_file_check(practice: Practice) -> BackgroundQuickCheck:
    """The open-time quick_check, prepared now (the key is still valid) to ``run()`` later in a
    worker thread; ``run()`` returns the problems found ([] means fine) or raises
    CheckNotFinishedError when it was cancelled or the file was busy (no verdict)."""
    practice._require_open()
    with store_errors_mapped():
        return BackgroundQuickCheck(practice.db)


def get_profile(practice: Practice) -> PracticeProfile:
    with practice.reading() as session:
        return repository.get_profile(session)


def update_profile(practice: Practice, *, profile: PracticeProfile) -> Changes:
    """Store the practice profile shown on reports (therapist, practice, page size)."""
    _check_profile(profile)
    with practice.transaction() as session:
        repository.set_profile(session, profile)
    return Changes.of(None, "profile")


def _check_profile(profile: PracticeProfile) -> None:
    from ipt_desktop.domain.validation import FieldError, ValidationFailed, check_choice, check_text

    errors: list[FieldError] = []
    for name in PROFILE_FIELDS[:-1]:
        check_text(errors, name, getattr(profile, name), max_length=2000)
    check_choice(errors, "page_size", profile.page_size, PAGE_SIZES)
    if errors:
        raise ValidationFailed(errors)
