"""Writes one backup at a time in a worker thread: the automatic ones, "Back up now" and the one on quit;
and, in the same worker, the checks owed by backups written without waiting for theirs.

On a ten-year practice (200 MB) the copy and its two checks take about a second; on the GUI thread
that froze the window (docs/performance.md, changes 15 and 19). ``services.backups.write_backup_file``
runs in the worker (it reads through connections of its own and holds ``practice.file_guard``);
only ``finish_backup`` (the audit record and the thinning of the folder) runs on the GUI thread,
the one that writes the practice. Whoever must not go on while a copy is being written (locking,
quitting, restoring, another backup) calls ``finish_running()``: it waits for the copy and records
it first. The window has one writer, shared by its scheduler and its Backups dialog.

The backup on quit is written with its check owed (``write_backup_file(check=False)``): closing
waits for the copy only. ``check_owed()`` pays such checks after the next start, one backup per
worker call so that whoever must wait (lock, quit, restore) waits for one file at most.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from ipt_desktop.services import backup_owed, backups
from ipt_desktop.services.errors import ServiceError
from ipt_desktop.ui.startup.worker import BackgroundCall

log = logging.getLogger(__name__)


class BackupWriter(QObject):
    """``started(reason)`` when a backup begins in the worker; then either ``backed_up(BackupInfo)``
    (it is written, checked and recorded) or ``failed(reason, sentence)`` with one plain sentence
    for the therapist ("Not backed up: the disk is full..."); a traceback only goes to the log."""

    started = Signal(str)
    backed_up = Signal(object)
    failed = Signal(str, str)
    owed_checked = Signal(object)  # a backup_owed.OwedCheck, after each owed check

    def __init__(self, ctx: Any, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._call: BackgroundCall | None = None
        # (reason, practice, retention policy) of the running backup, for its record. Kept here for
        # the method slot: a lambda holding the call, connected to the call's own signal, crashed
        # PySide6 after deleteLater.
        self._running: tuple[str, Any, Any] | None = None
        self._outcome: Any = None  # the BackupInfo of the last backup, or None when it failed
        self._owed_skipped: set[Any] = set()  # owed backups not to try again this session
        self._owed_path: Any = None  # the one being checked

    def is_running(self) -> bool:
        return self._call is not None

    def start(self, reason: str) -> bool:
        """Begin one backup; ``backed_up`` or ``failed`` follows on the GUI thread. A backup still
        being written ends (and is recorded) first: two copies never run at once. False when
        locked (no practice to copy)."""
        self.finish_running()
        practice = self.ctx.practice
        if practice is None or practice.closed:
            return False
        settings = self.ctx.settings  # QSettings: read here, on the GUI thread
        folder, policy = settings.backup_folder(), settings.retention_policy()
        check = reason != "quit"  # the one on quit is checked at the next start: quitting stays quick
        call = BackgroundCall(lambda: backups.write_backup_file(practice, reason=reason, folder=folder,
                                                                check=check), self)
        self._call, self._running = call, (reason, practice, policy)
        call.done.connect(self._on_written)
        call.start()
        self.started.emit(reason)
        return True

    def check_owed(self) -> bool:
        """Check the newest backup that still owes its check, in the worker; ``owed_checked``
        follows and the next one is started, until none is owed. False when nothing started
        (none owed, locked, or the worker is busy: it is asked again after that job)."""
        practice = self.ctx.practice
        if self._call is not None or practice is None or practice.closed:
            return False
        folder = self.ctx.settings.backup_folder()
        owed = [path for path in backup_owed.owed_backups(practice, folder=folder)
                if path not in self._owed_skipped]
        if not owed:
            return False
        path = owed[0]
        call = BackgroundCall(lambda: backup_owed.check_owed_backup(practice, path), self)
        self._call, self._owed_path = call, path
        call.done.connect(self._on_owed_checked)
        call.start()
        return True

    def finish_running(self) -> None:
        """Wait for the worker's job, a backup being written (recorded now) or an owed check.
        Nothing to do when none runs."""
        if self._call is not None:
            self._call.finish_now()

    def backup_now(self, reason: str) -> Any:
        """One backup while the caller waits (the one on quit, scripts and tests): its BackupInfo,
        or None (after ``failed``) when it could not be written or the practice is locked."""
        if not self.start(reason):
            return None
        self.finish_running()
        return self._outcome

    def _on_written(self, written: Any, error: BaseException | None) -> None:
        call, self._call = self._call, None
        (reason, practice, policy), self._running = self._running, None
        if call is not None:
            call.retire()
        self._outcome = None
        if error is None:
            try:
                self._outcome = backups.finish_backup(practice, written, policy=policy)
            except Exception as exc:  # noqa: BLE001 - reported like any failed backup
                error = exc
        if error is not None:
            self.failed.emit(reason, self._sentence(reason, error))
            return
        self.backed_up.emit(self._outcome)
        if reason != "quit":  # a check that waited for this backup; the quit one is owed until next time
            self._check_owed_later()

    def _on_owed_checked(self, result: Any, error: BaseException | None) -> None:
        call, self._call = self._call, None
        if call is not None:
            call.retire()
        if error is not None:  # an I/O error: the backup stays owed and is tried at the next start
            log.warning("an owed backup check could not run: %s", type(error).__name__)
            result = backup_owed.OwedCheck(self._owed_path, skipped=True)
        if result.skipped:
            self._owed_skipped.add(result.path)  # another passphrase, or unreadable: not again now
        self.owed_checked.emit(result)
        self._check_owed_later()

    def _check_owed_later(self) -> None:
        # From the event loop, never from inside finish_running(): whoever waited there (a lock,
        # quit, restore) goes on with no worker running, and a closed practice starts nothing.
        QTimer.singleShot(0, self, self.check_owed)

    def _sentence(self, reason: str, error: BaseException) -> str:
        if isinstance(error, ServiceError):
            log.warning("%s backup failed: %s", reason, type(error).__name__)
            return error.message
        log.error("%s backup failed", reason, exc_info=error)
        return self.tr("Not backed up: an unexpected error happened (details are in the log).")
