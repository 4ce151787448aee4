"""Restoring a backup over the live practice, and finding the newest good backup after damage.

Order of a restore (each step refuses before anything live changes, until the swap):
verify the backup -> back up the current practice ("pre-restore") -> copy the backup beside the
live file under a hidden name, fsynced -> close every connection -> delete -wal/-shm -> os.replace
-> open, migrate an older schema, quick_check. Old WAL frames can never be replayed over the
restored pages because the side files go before the swap. If the live file cannot be opened at
all (damaged), ``restore_closed`` moves it and its side files aside instead: nothing is wiped.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from ipt_desktop.services.backups import (
    BackupFailedError, BackupInfo, BackupPassphraseError, BackupRefusedError, check_header, create_backup,
    discard, key_for_backup, not_written, record_in_audit, resolve_folder, scan_folder, short_utc,
    verify_with_key,
)
from ipt_desktop.services.changes import Changes
from ipt_desktop.services.errors import ServiceError
from ipt_desktop.services.practice import Practice, database_path, store_errors_mapped
from ipt_desktop.store import engine as store_engine
from ipt_desktop.store import migrate as store_migrate
from ipt_desktop.store import restore as store_restore
from ipt_desktop.store.keys import KeyMaterial, read_salt

log = logging.getLogger(__name__)
ASIDE_FOLDER = "replaced"


@dataclass(frozen=True, slots=True)
class RestoreResult:
    restored: BackupInfo  # what the practice now holds
    previous: Path | None  # where the data that was replaced is kept (pre-restore backup or moved file)
    migrated_from: str | None  # the backup's older schema revision, when it was migrated
    stale_files_removed: tuple[str, ...]  # e.g. ("-wal", "-shm")
    changes: Changes = Changes.of(None, "all")

    def summary_lines(self) -> list[str]:
        info = self.restored
        lines = [f"Restored {info.path.name}: {info.clients} client(s), {info.sessions} session(s), "
                 f"last change {short_utc(info.last_change)}."]
        if self.migrated_from:
            lines.append(f"The backup's schema {self.migrated_from} was updated to the current version.")
        if self.previous is not None:
            lines.append(f"The data it replaced is kept in {self.previous}.")
        return lines


def _backup_key(practice: Practice, path: Path, passphrase: str | None) -> KeyMaterial | None:
    """The practice's own key when the backup shares its salt (no slow stretching), else the
    passphrase stretched with the backup's salt."""
    check_header(path)  # classify missing/empty/foreign files before anything else
    if store_restore.is_plain_sqlite(path):
        return None
    key = practice.db.key
    if key is not None and read_salt(path) == key.salt:
        return store_restore.clone_key(key)
    if key is not None and store_restore.scan_pages(path, key).authentic:
        # Pages authenticate with the practice key, yet the salt differs: the salt bytes are damaged.
        raise BackupRefusedError("damaged", "The backup is damaged: its first bytes were changed. "
                                            "Use another backup.")
    if passphrase:
        return key_for_backup(path, passphrase)
    raise BackupPassphraseError("This backup was made with a different passphrase. Enter the passphrase "
                                "the practice had when the backup was made.")


def check_backup(practice: Practice, *, path: Path, passphrase: str | None = None) -> BackupInfo:
    """Verify a backup for this practice: its own key when the salt matches (instant), else the
    passphrase. The GUI's Verify button and the step before its restore confirmation."""
    # Safe in a worker thread: the practice's key is copied under the guard (closing or re-keying
    # waits for it); the rest reads only the backup file, with that copy.
    with practice.file_guard:
        key = _backup_key(practice, Path(path), passphrase)
    try:
        return verify_with_key(Path(path), key)
    finally:
        if key is not None:
            key.wipe()


def restore_backup(practice: Practice, *, path: Path, passphrase: str | None = None,
                   folder: Path | None = None) -> RestoreResult:
    """Replace the open practice's data with a verified backup; the practice stays open.

    Refuses (BackupRefusedError / BackupPassphraseError, live data unchanged) anything that fails
    verification, and (BackupFailedError) when the current data cannot be backed up first.
    """
    # Not while an automatic backup copies the file in a worker (it would copy the old file
    # with a key this replaces); the safety backup below re-enters the guard.
    with practice.file_guard:
        path = Path(path)
        key = _backup_key(practice, path, passphrase)
        try:
            # A full check even when sealed: this file is about to replace the live data.
            info = verify_with_key(path, key, trust_seal=False)
            try:
                safety = create_backup(practice, reason="pre-restore", folder=folder)
            except BackupFailedError as exc:
                why = exc.message[len("Not backed up: "):]
                raise BackupFailedError(f"Restore cancelled, nothing was changed. The current data could "
                                        f"not be backed up first ({why})") from None
            db_path = practice.db_path
            staged = db_path.parent / f".{db_path.name}.restoring"
            with not_written("Restore cancelled, nothing was changed"):
                discard(staged)
                store_restore.copy_synced(path, staged)
            old_db = practice.db
            old_db.engine.dispose()  # every pooled connection closed: the live file is ours alone now
            try:
                removed = store_restore.swap_in(staged, db_path)
            except OSError:
                discard(staged)
                raise BackupFailedError("Restore cancelled, nothing was changed: the practice file could not "
                                        "be replaced.") from None
            new_db, migrated = _open_restored(db_path, store_restore.clone_key(key) if key else None)
            practice.db = new_db
            practice.db_path = new_db.path
            practice.encrypted = new_db.encrypted
            old_db.dispose()  # zero the previous key material; the new Database has its own copy
        finally:
            if key is not None:
                key.wipe()
    log.info("practice restored from a backup (migrated=%s)", bool(migrated))
    # In the restored file: its own chain continues with the restore (the replaced file's events
    # are in the pre-restore backup).
    record_in_audit(practice, "restore", _backup_time(info))
    return RestoreResult(restored=info, previous=safety.path, migrated_from=migrated,
                         stale_files_removed=tuple(removed))


def _open_restored(db_path: Path, key: KeyMaterial | None) -> tuple[store_engine.Database, str | None]:
    with store_errors_mapped(), store_engine.translated_errors():
        db = store_engine.open_with_key(db_path, key)
        try:
            before = store_migrate.current_revision(db)
            # The backup itself is the pre-migration snapshot, so no second copy.
            store_migrate.upgrade(db, snapshot=False)
            migrated = before if before != store_migrate.head_revision() else None
            if db.quick_check():
                raise ServiceError("The restored file failed its check after the swap.")
        except BaseException:
            db.dispose()
            raise
    return db, migrated


def restore_closed(data_dir: Path, *, path: Path, passphrase: str | None = None,
                   key: KeyMaterial | None = None, folder: Path | None = None) -> RestoreResult:
    """Restore when the practice is not open (e.g. it is damaged and would not open).

    The current file, if any, and its -wal/-shm are moved to data_dir/replaced/ — never deleted.
    ``key`` (from practice.unlock_key; not consumed) is used when the backup has its salt, else
    the passphrase. The caller holds the practice lock. The practice is left closed.
    """
    data_dir, path = Path(data_dir), Path(path)
    check_header(path)
    if key is not None and not store_restore.is_plain_sqlite(path) and read_salt(path) == key.salt:
        key = store_restore.clone_key(key)  # the unlock key fits: no second stretching
    else:
        key = key_for_backup(path, passphrase)
    try:
        info = verify_with_key(path, key, trust_seal=False)  # it replaces the live file: in full
        db_path = database_path(data_dir)
        staged = db_path.parent / f".{db_path.name}.restoring"
        with not_written("Restore cancelled, nothing was changed"):
            data_dir.mkdir(parents=True, exist_ok=True)
            discard(staged)
            store_restore.copy_synced(path, staged)
        aside = None
        if db_path.exists():
            aside = data_dir / ASIDE_FOLDER / f"practice-{datetime.now():%Y-%m-%dT%H%M%S}.ipt"
            with not_written("Restore cancelled, nothing was changed"):
                store_restore.move_aside(db_path, aside)
        removed = store_restore.swap_in(staged, db_path)
        db, migrated = _open_restored(db_path, store_restore.clone_key(key) if key else None)
        with Practice(data_dir, db) as restored:  # closing it disposes the engine and its key
            record_in_audit(restored, "restore", _backup_time(info))
    finally:
        if key is not None:
            key.wipe()
    return RestoreResult(restored=info, previous=aside, migrated_from=migrated,
                         stale_files_removed=tuple(removed))


def _backup_time(info: BackupInfo) -> str | None:
    """Which backup was restored, for the audit trail: its time (never its file name)."""
    return f"{info.created_at:%Y-%m-%dT%H:%M}" if info.created_at else None


def spare_key(key: KeyMaterial | None) -> KeyMaterial | None:
    """An independent copy of unlock key material. Opening a damaged practice wipes the key it
    was given, so the start-up flow keeps a copy to look for a backup with the same salt; the
    caller wipes it."""
    return store_restore.clone_key(key) if key is not None else None


def newest_verified_backup(data_dir: Path, *, passphrase: str | None = None, key: KeyMaterial | None = None,
                           folder: Path | None = None) -> BackupInfo | None:
    """The newest backup in the folder that passes every check, or None. Offered after damage.

    ``key`` (e.g. from practice.unlock_key) is used for backups with the same salt; the
    passphrase, when given, is stretched once per distinct salt.
    """
    keys: dict[bytes, KeyMaterial | None] = {}
    try:
        for candidate in scan_folder(resolve_folder(data_dir, folder)):
            try:
                salt = read_salt(candidate.path) or b""
                if store_restore.is_plain_sqlite(candidate.path):
                    use = None
                elif key is not None and salt == key.salt:
                    use = key
                elif passphrase:
                    if salt not in keys:
                        keys[salt] = key_for_backup(candidate.path, passphrase)
                    use = keys[salt]
                else:
                    continue
                return verify_with_key(candidate.path, use)
            except (BackupRefusedError, BackupPassphraseError, OSError):
                log.info("skipping a backup that does not verify")
                continue
    finally:
        for material in keys.values():
            if material is not None:
                material.wipe()
    return None
