"""Backups that restore: create, verify, list and thin encrypted copies of the practice.

A backup is a consistent snapshot (store.snapshot.backup_database: the main file's bytes after a
full checkpoint, pinned by a read transaction, else the SQLite online backup API; never a plain
copy of the live WAL database), written under a hidden temporary name, checked (integrity_check,
cipher_integrity_check, schema revision readable), fsynced and only then renamed into place, then
sealed (services/backup_seals.py: a later verify is one read of the file). The backup on quit is
the exception: it is renamed into place marked "check owed" and checked at the next start, so
closing the app waits for the copy only (~1x a file copy instead of ~7x). It
keeps the practice's key, so it opens with the practice passphrase. Names carry the local date
and time and why it was taken: ``practice-2026-11-25T1830-manual.ipt-backup`` (``-2``, ``-3``
when several land in the same minute). Only files matching that pattern are ever deleted, and
only automatic ones ("auto", "quit") are thinned by the retention policy.

Restoring lives in services/backup_restore.py; ``restore_backup`` and ``newest_verified_backup``
are re-exported here so callers use one module.
"""

from __future__ import annotations

import errno
import logging
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from ipt_desktop.services import backup_seals
from ipt_desktop.services.errors import (
    DatabaseUnreadableError, PassphraseError, SaveFailedError, ServiceError,
)
from ipt_desktop.services.practice import Practice
from ipt_desktop.services.retention import RetentionPolicy, backups_to_keep
from ipt_desktop.store import errors as store_errors
from ipt_desktop.store import restore as store_restore
from ipt_desktop.store.audit import append_event
from ipt_desktop.store.engine import translated_errors
from ipt_desktop.store.keys import KeyMaterial
from ipt_desktop.store.snapshot import backup_database

log = logging.getLogger(__name__)

SUFFIX = ".ipt-backup"
FOLDER_NAME = "backups"
REASONS = ("manual", "auto", "quit", "pre-restore", "pre-migration")
AUTOMATIC = frozenset({"auto", "quit"})
PARTIAL_RE = re.compile(r"^\.practice-.+\.ipt-backup\.partial(\.tmp)?$")  # our own temporaries only
NAME_RE = re.compile(r"^practice-(\d{4}-\d{2}-\d{2}T\d{4})-(manual|auto|quit|pre-restore|pre-migration)"
                     r"(?:-(\d{1,3}))?\.ipt-backup$")



class BackupRefusedError(DatabaseUnreadableError):
    """A file that is not a usable backup. ``kind``: missing, empty, foreign, truncated, damaged, newer."""

    def __init__(self, kind: str, message: str):
        super().__init__(message)
        self.kind = kind


class BackupPassphraseError(PassphraseError):
    """The passphrase does not open this backup (exit code 3)."""

    kind = "passphrase"


class BackupFailedError(SaveFailedError):
    """No backup was written (disk full, read-only folder...); nothing partial is left behind."""


@dataclass(frozen=True, slots=True)
class BackupInfo:
    path: Path
    created_at: datetime | None  # local time from the file name; None for a file we did not name
    reason: str | None
    size_bytes: int
    schema_revision: str | None = None
    clients: int | None = None
    sessions: int | None = None
    last_change: str | None = None  # UTC ISO time of the newest audit event inside
    verified: bool = False
    encrypted: bool = True
    # From the folder listing: "sealed" (passed its full check), "owed" (written on quit, its
    # check runs at the next start) or "" (made before seals, or not known).
    check_state: str = ""

    def summary_lines(self) -> list[str]:
        """What the backup holds, for the CLI and the GUI (no clinical text)."""
        lines = [f"File: {self.path}", f"Size: {self.size_bytes:,} bytes"]
        if self.created_at is not None:
            lines.append(f"Taken: {self.created_at:%Y-%m-%d %H:%M} ({self.reason})")
        if self.verified:
            lines += [f"Schema version: {self.schema_revision}", f"Clients: {self.clients}",
                      f"Sessions: {self.sessions}", f"Last change: {short_utc(self.last_change)}",
                      f"Encrypted: {'yes' if self.encrypted else 'NO'}", "Checks: all passed"]
        return lines


def short_utc(stamp: str | None) -> str:
    """'2026-11-25T18:42:50.06+00:00' -> '2026-11-25 18:42 UTC' (audit times are stored in UTC)."""
    return f"{stamp[:16].replace('T', ' ')} UTC" if stamp else "none recorded"


def default_folder(data_dir: Path) -> Path:
    return Path(data_dir) / FOLDER_NAME


def resolve_folder(data_dir: Path, folder: Path | str | None) -> Path:
    """The configured backup folder (the GUI passes UiSettings' backup_folder), else data_dir/backups."""
    return Path(folder).expanduser() if folder else default_folder(data_dir)


def parse_name(path: Path) -> tuple[datetime, str, int] | None:
    """(local time, reason, same-minute counter) for our own file names, else None."""
    match = NAME_RE.match(path.name)
    if match is None:
        return None
    try:
        moment = datetime.strptime(match.group(1), "%Y-%m-%dT%H%M")
    except ValueError:
        return None
    return moment, match.group(2), int(match.group(3) or 1)


def backup_name(moment: datetime, reason: str, counter: int = 1) -> str:
    extra = f"-{counter}" if counter > 1 else ""
    return f"practice-{moment:%Y-%m-%dT%H%M}-{reason}{extra}{SUFFIX}"


def _unique_path(folder: Path, moment: datetime, reason: str) -> Path:
    for counter in range(1, 1000):
        candidate = folder / backup_name(moment, reason, counter)
        if not candidate.exists():
            return candidate
    raise BackupFailedError("Not backed up: too many backups in the same minute.")


@contextmanager
def not_written(what: str) -> Iterator[None]:
    """Disk full, read-only folder, permission: one plain sentence saying nothing was written."""
    try:
        with translated_errors():
            yield
    except store_errors.DiskFullError:
        raise BackupFailedError(f"{what}: the disk is full. Earlier data and backups are "
                                f"unchanged.") from None
    except store_errors.ReadOnlyError:
        raise BackupFailedError(f"{what}: the folder cannot be written (read-only).") from None
    except OSError as exc:
        reason = {errno.ENOSPC: "the disk is full", errno.EROFS: "the folder is read-only",
                  errno.EACCES: "permission was denied", errno.EPERM: "permission was denied",
                  errno.EDQUOT: "the disk quota is used up"}.get(exc.errno, exc.strerror or str(exc))
        raise BackupFailedError(f"{what}: {reason}. Earlier data and backups are unchanged.") from None
    except store_errors.StoreError as exc:
        raise BackupFailedError(f"{what}: {exc}") from None


@dataclass(frozen=True, slots=True)
class WrittenBackup:
    """A backup file in place and checked, not yet recorded (see ``write_backup_file``)."""

    path: Path
    reason: str
    moment: datetime
    report: store_restore.CopyReport | None  # None: written with its check owed (check=False)
    thin: bool  # an automatic backup in the dated folder: the folder is thinned after it


def create_backup(practice: Practice, *, dest: Path | None = None, reason: str = "manual",
                  folder: Path | None = None, policy: RetentionPolicy | None = None,
                  now: datetime | None = None, check: bool = True) -> BackupInfo:
    """Write a checked, encrypted backup; returns what it holds.

    ``dest``: an exact file (the CLI's ``-o``; never overwritten); otherwise a dated name in
    ``folder`` (default data_dir/backups). After an automatic backup the folder is thinned.
    ``check=False``: see ``write_backup_file``. Raises BackupFailedError (nothing partial left
    behind) when it cannot be written.
    """
    written = write_backup_file(practice, dest=dest, reason=reason, folder=folder, now=now, check=check)
    return finish_backup(practice, written, policy=policy, now=now)


def write_backup_file(practice: Practice, *, dest: Path | None = None, reason: str = "manual",
                      folder: Path | None = None, now: datetime | None = None,
                      check: bool = True) -> WrittenBackup:
    """The slow part of ``create_backup`` (copy, checks, fsync, rename: ~1 s for 200 MB), safe to
    run in a worker thread while the GUI thread keeps saving: it reads through fresh sqlcipher
    connections of its own, never an ORM session or the audit trail. It holds
    ``practice.file_guard`` throughout, so closing, restoring or re-keying the practice waits for
    it, and so does a second backup (it sweeps our half-written temporaries). ``finish_backup``
    must follow on the thread that writes the practice.

    ``check=False`` (the backup on quit): the consistent copy is fsynced and put in place marked
    "check owed" without waiting for its full check (~0.15 s instead of ~1 s for 200 MB);
    ``check_owed_backup`` runs the check later and seals it, or sets it aside if it fails."""
    if reason not in REASONS:
        raise ValueError(f"unknown backup reason {reason!r}")
    with practice.file_guard:  # the file is neither replaced nor closed under the copy
        practice._require_open()
        moment = (now or datetime.now()).replace(second=0, microsecond=0)
        target_folder = Path(dest).parent if dest else resolve_folder(practice.data_dir, folder)
        with not_written("Not backed up"):
            target_folder.mkdir(parents=True, exist_ok=True)
        if dest is not None:
            final = Path(dest)
            if final.exists():
                raise BackupFailedError(f"Not backed up: {final} already exists; choose another name.")
        else:
            final = _unique_path(target_folder, moment, reason)
        partial = final.parent / f".{final.name}.partial"
        sweep_partials(final.parent)
        report: store_restore.CopyReport | None = None
        tag = None
        try:
            with not_written("Not backed up"):
                # check=False: examine_copy below runs integrity_check, a superset of the quick_check
                # backup_database would run first (one full decryption pass less, docs/performance.md).
                # pages_per_step=-1: if the SQLite backup API must do the copy, one step holding
                # one snapshot, so saves from the GUI thread meanwhile cannot make it start over.
                backup_database(practice.db, partial, check=False, pages_per_step=-1)
                if check:
                    # The seal's tag hashes the bytes on the side thread of the check, after the
                    # HMACs, while integrity_check still runs.
                    tag = backup_seals.new_tag(partial, practice.db.key)
                    report = store_restore.examine_copy(partial, practice.db.key, alongside=tag.read)
                    if report.problems or report.revision is None:
                        raise BackupFailedError("Not backed up: the copy failed its check. The practice "
                                                "file itself was not changed; run `ipt-desktop check`.")
                else:
                    backup_seals.mark_owed(final)  # durable before the name is: never "looks checked"
                os.replace(partial, final)
                store_restore.fsync_dir(final.parent)
                os.chmod(final, 0o600)
        except store_restore.CopyUnreadable:
            raise BackupFailedError("Not backed up: the copy could not be read back.") from None
        finally:
            discard(partial)  # the tag's read is over: examine_copy waited for its side thread
            if not final.exists():
                backup_seals.remove_sidecars(final)  # an owed mark for a backup never named
        if tag is not None and report is not None and report.revision:  # checked: always so here
            backup_seals.write_seal(final, tag, revision=report.revision, clients=report.clients,
                                    sessions=report.sessions, last_change=report.last_change)
        return WrittenBackup(path=final, reason=reason, moment=moment, report=report,
                             thin=dest is None and reason in AUTOMATIC)


def finish_backup(practice: Practice, written: WrittenBackup, *, policy: RetentionPolicy | None = None,
                  now: datetime | None = None) -> BackupInfo:
    """Record a written backup in the audit trail, thin the folder after an automatic one, and
    say what it holds. Quick; on the thread that writes the practice (the audit trail is a hash
    chain: two threads appending at once could fork it)."""
    final, report = written.path, written.report
    log.info("backup written (%s, %d bytes)", written.reason, final.stat().st_size)
    record_in_audit(practice, "backup", written.reason)
    if written.thin:
        try:
            prune_backups(final.parent, policy=policy or RetentionPolicy(), now=now)
        except OSError:
            log.warning("old backups could not be thinned", exc_info=True)
    parsed = parse_name(final)
    created = parsed[0] if parsed else written.moment
    if report is None:  # written, its check owed: nothing is claimed about what it holds yet
        return BackupInfo(path=final, created_at=created, reason=written.reason,
                          size_bytes=final.stat().st_size, encrypted=practice.encrypted)
    return BackupInfo(path=final, created_at=created,
                      reason=written.reason, size_bytes=final.stat().st_size,
                      schema_revision=report.revision, clients=report.clients,
                      sessions=report.sessions, last_change=report.last_change, verified=True,
                      encrypted=practice.encrypted)


def record_in_audit(practice: Practice, action: str, detail: str | None) -> bool:
    """Add "backup"/"restore" of the "practice" to the hash-chained audit trail; ``detail`` is the
    reason or the backup's time, never a file name a person typed (it could name a client).

    Recorded after the fact, so only what really happened is logged; the backup or restore itself
    stands even if this write fails (the file may be read-only), which is logged instead.
    """
    try:
        with practice.transaction() as tx:
            append_event(tx, action=action, entity="practice", entity_id=detail)
    except ServiceError:
        log.warning("the %s could not be recorded in the audit trail", action)
        return False
    return True


def discard(path: Path) -> bool:
    """Remove a temporary if it is there; a read-only folder (EROFS even for a missing file) must
    not hide the real error. True when it was removed."""
    try:
        path.unlink()
        return True
    except OSError:
        return False


def sweep_partials(folder: Path) -> list[str]:
    """Delete half-written temporaries a killed backup left (only names matching PARTIAL_RE),
    and seals or owed marks whose backup is gone.

    One app at a time holds the practice lock, so no other backup of ours can be in flight.
    """
    removed = []
    try:
        entries = list(Path(folder).iterdir())
    except OSError:
        return removed
    for path in entries:
        if PARTIAL_RE.match(path.name) and path.is_file() and discard(path):
            removed.append(path.name)
    return removed + backup_seals.sweep_orphans(folder)


def pre_migration_backup(practice: Practice, *, folder: Path | None = None) -> BackupInfo | None:
    """A "pre-migration" backup when the file's schema is older than this app's; None when current.

    For open_practice to call before migrating (the store's own snapshot stays as a second copy).
    """
    from ipt_desktop.store import migrate as store_migrate

    with translated_errors():
        if not store_migrate.needs_upgrade(practice.db):
            return None
    return create_backup(practice, reason="pre-migration", folder=folder)


def list_backups(practice: Practice | Path, *, folder: Path | None = None) -> list[BackupInfo]:
    """Our backups in the folder, newest first (names and sizes only; nothing is opened)."""
    data_dir = practice.data_dir if isinstance(practice, Practice) else Path(practice)
    return scan_folder(resolve_folder(data_dir, folder))


def scan_folder(folder: Path) -> list[BackupInfo]:
    found: list[tuple[tuple[datetime, int, int], BackupInfo]] = []
    try:
        entries = list(folder.iterdir())
    except OSError:
        return []
    for path in entries:
        parsed = parse_name(path)
        if parsed is None or not path.is_file():
            continue
        moment, reason, counter = parsed
        status = path.stat()
        # Names have minutes only; within a minute the write time orders them.
        state = "owed" if backup_seals.is_owed(path) else "sealed" if backup_seals.is_sealed(path) else ""
        found.append(((moment, status.st_mtime_ns, counter),
                      BackupInfo(path=path, created_at=moment, reason=reason, size_bytes=status.st_size,
                                 check_state=state)))
    found.sort(key=lambda item: item[0], reverse=True)
    return [info for _, info in found]


def prune_backups(folder: Path, *, policy: RetentionPolicy = RetentionPolicy(),
                  now: datetime | None = None) -> list[Path]:
    """Delete automatic backups the policy does not keep; returns what was deleted.

    Only files whose names match our own pattern with an automatic reason are candidates;
    manual, pre-restore and pre-migration backups, and anything else in the folder, stay. A
    backup whose check is still owed neither is deleted nor counts as a keeper: were it kept in
    place of a checked one and then fail its check, that day would have no good backup.
    """
    automatic = [info for info in scan_folder(Path(folder))
                 if info.reason in AUTOMATIC and info.check_state != "owed"]
    keep = backups_to_keep(((info.path, info.created_at) for info in automatic),
                           now=now or datetime.now(), policy=policy)
    deleted = []
    for info in automatic:
        if info.path not in keep:
            info.path.unlink(missing_ok=True)
            backup_seals.remove_sidecars(info.path)
            deleted.append(info.path)
    return deleted


def restore_backup(practice: Practice, *, path: Path, passphrase: str | None = None,
                   folder: Path | None = None):
    """See services.backup_restore.restore_backup."""
    from ipt_desktop.services import backup_restore

    return backup_restore.restore_backup(practice, path=path, passphrase=passphrase, folder=folder)


def newest_verified_backup(data_dir: Path, *, passphrase: str | None = None, key: KeyMaterial | None = None,
                           folder: Path | None = None) -> BackupInfo | None:
    """See services.backup_restore.newest_verified_backup."""
    from ipt_desktop.services import backup_restore

    return backup_restore.newest_verified_backup(data_dir, passphrase=passphrase, key=key, folder=folder)


_VERIFY_NAMES = frozenset({"check_header", "key_for_backup", "verify_backup", "verify_with_key"})


def __getattr__(name: str):
    """Verification lives in backup_verify.py (it builds on the names above); re-exported lazily
    so either module can be imported first."""
    if name in _VERIFY_NAMES:
        from ipt_desktop.services import backup_verify

        return getattr(backup_verify, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

__all__ = [
    "AUTOMATIC", "REASONS", "BackupFailedError", "BackupInfo", "BackupPassphraseError", "BackupRefusedError",
    "ServiceError", "WrittenBackup", "backup_name", "check_header", "create_backup", "default_folder",
    "finish_backup", "key_for_backup", "list_backups", "newest_verified_backup", "parse_name",
    "pre_migration_backup", "prune_backups", "resolve_folder", "restore_backup", "sweep_partials",
    "verify_backup", "verify_with_key", "write_backup_file",
]
