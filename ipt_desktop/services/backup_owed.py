"""Paying the checks that backups written "check owed" (the one on quit) still owe.

The window runs ``check_owed_backup`` in its backup worker after the practice opens and its own
file check has passed, one backup per call (a lock or quit then waits for at most one file,
~1 s on a ten-year practice). A backup that passes is sealed like any checked backup. One that
fails is renamed ``<name>.failed-check`` beside the others: kept for whoever investigates, never
listed, restored or thinned as a backup, and the therapist is told, since a fresh copy failing
its check may mean the practice file itself needs a look (the caller starts a new backup and the
file check).
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from pathlib import Path

from ipt_desktop.services import backup_seals
from ipt_desktop.services.backup_verify import verify_with_key
from ipt_desktop.services.backups import (
    BackupInfo, BackupPassphraseError, BackupRefusedError, resolve_folder, scan_folder,
)
from ipt_desktop.services.practice import Practice
from ipt_desktop.store import restore as store_restore
from ipt_desktop.store.snapshot import fsync_dir

log = logging.getLogger(__name__)
FAILED_SUFFIX = ".failed-check"


@dataclass(frozen=True, slots=True)
class OwedCheck:
    """The outcome for one backup. ``passed``: sealed; else ``set_aside`` is where it now is and
    ``message`` says why in a sentence for the therapist; ``skipped``: it could not be checked
    with this practice's key (made before a passphrase change), so it stays owed."""

    path: Path
    passed: bool = False
    skipped: bool = False
    set_aside: Path | None = None
    message: str = ""
    info: BackupInfo | None = None


def owed_backups(practice: Practice, *, folder: Path | None = None) -> list[Path]:
    """Backups in the folder whose check is owed, newest first (the one most likely restored)."""
    return [info.path for info in scan_folder(resolve_folder(practice.data_dir, folder))
            if info.check_state == "owed"]


def check_owed_backup(practice: Practice, path: Path) -> OwedCheck:
    """Run the full check a backup owes (safe in a worker thread: the practice key is copied
    under ``file_guard``, the rest reads only the backup file with that copy)."""
    path = Path(path)
    with practice.file_guard:
        practice._require_open()
        key = practice.db.key
        if not path.exists():
            backup_seals.clear_owed(path)
            return OwedCheck(path, skipped=True)
        plain = store_restore.is_plain_sqlite(path)
        if plain != (key is None) or (key is not None and not store_restore.key_matches_salt(key, path)):
            # Not this key: made before a change of passphrase, or a damaged salt. The full check
            # with the passphrase (Verify, restore) tells which; thinning keeps leaving it alone.
            return OwedCheck(path, skipped=True)
        key = store_restore.clone_key(key) if key is not None else None
    try:
        info = verify_with_key(path, key, trust_seal=False)  # seals it on success
    except (BackupRefusedError, BackupPassphraseError) as exc:
        return _set_aside(path, exc.message)
    finally:
        if key is not None:
            key.wipe()
    # verify_with_key cleared it with the seal; a folder that refused the seal still gets the
    # check counted as paid (it passed), so the backup is thinned like any other.
    backup_seals.clear_owed(path)
    log.info("an owed backup check passed")
    return OwedCheck(path, passed=True, info=info)


def _set_aside(path: Path, reason: str) -> OwedCheck:
    failed = path.with_name(path.name + FAILED_SUFFIX)
    os.replace(path, failed)
    fsync_dir(path.parent)
    backup_seals.remove_sidecars(path)
    log.warning("a backup failed its owed check and was set aside")
    return OwedCheck(path, set_aside=failed, message=reason)


__all__ = ["FAILED_SUFFIX", "OwedCheck", "check_owed_backup", "owed_backups"]
