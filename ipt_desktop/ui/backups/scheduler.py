"""Automatic backups while the app is in use: after a change, at most every 30 minutes, and on quit.

The main window owns one ``BackupScheduler(ctx, parent=window)``; it listens to
``ctx.hub.changed`` and calls ``backup_on_quit()`` from its closeEvent before closing the
practice. The timer's backups are written in a worker thread: on a ten-year practice (200 MB) the
copy and its two checks take about a second, a freeze every half hour when they ran on the GUI
thread (docs/performance.md, change 15). Only the audit record and the thinning of the folder
follow on the GUI thread, which is the one that writes the practice. The backup on quit and a
manual one run while the therapist waits; ``finish_running()`` lets a running automatic backup end
(and be recorded) first, as locking and restoring do.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QElapsedTimer, QObject, QTimer, Signal

from ipt_desktop.services import backups
from ipt_desktop.services.errors import ServiceError
from ipt_desktop.ui.startup.worker import BackgroundCall

log = logging.getLogger(__name__)
INTERVAL_MS = 30 * 60 * 1000


class BackupScheduler(QObject):
    """``started()`` when an automatic backup begins in the background; ``backed_up(BackupInfo)``
    after each automatic backup; ``failed(str)`` with a sentence for the status bar ("Not backed
    up: the disk is full...") when one could not be written."""

    started = Signal()
    backed_up = Signal(object)
    failed = Signal(str)

    def __init__(self, ctx: Any, parent: QObject | None = None, *, interval_ms: int = INTERVAL_MS) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.interval_ms = interval_ms
        self.dirty = False  # something changed that no backup holds yet
        self.last_error: str | None = None  # the sentence of the last failed backup (for the quit question)
        self._since_backup = QElapsedTimer()
        self._since_backup.start()  # opening counts as a fresh start: the last quit backed up
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.backup_if_due)
        self._call: BackgroundCall | None = None  # the automatic backup being written
        # (practice, retention policy) for its record. Kept here for the method slot: a lambda
        # holding the call, connected to the call's own signal, crashed PySide6 after deleteLater.
        self._finish: tuple[Any, Any] | None = None
        ctx.hub.changed.connect(self.note_change)

    def note_change(self, _changes: object = None) -> None:
        self.dirty = True
        if not self._timer.isActive():
            remaining = max(0, self.interval_ms - self._since_backup.elapsed())
            self._timer.start(remaining)

    def resume(self) -> None:
        """After an unlock: ctx.practice is a new object (read at each backup); a change made
        before the lock is still owed, so its timer starts again."""
        if self.dirty:
            self._timer.stop()  # a timeout while locked did nothing; count from now on
            self.note_change()

    def is_running(self) -> bool:
        return self._call is not None

    def backup_if_due(self) -> None:
        if self._call is not None:
            return  # the running one reschedules when it ends, if more changed meanwhile
        if self.dirty and self._since_backup.elapsed() >= self.interval_ms:
            self.start_backup("auto")
        elif self.dirty:
            self._timer.start(max(0, self.interval_ms - self._since_backup.elapsed()))

    def start_backup(self, reason: str = "auto") -> bool:
        """Write one backup in a worker thread; ``backed_up`` or ``failed`` follows. False when
        none was started (locked, or one is already being written)."""
        practice = self.ctx.practice
        if self._call is not None or practice is None or practice.closed:
            return False
        settings = self.ctx.settings  # QSettings: read here, on the GUI thread
        folder, policy = settings.backup_folder(), settings.retention_policy()
        # What changes from now on is not in this copy: note_change sets the flag again.
        self.dirty = False
        call = BackgroundCall(lambda: backups.write_backup_file(practice, reason=reason, folder=folder), self)
        self._call, self._finish = call, (practice, policy)
        call.done.connect(self._on_written)
        call.start()
        self.started.emit()
        return True

    def finish_running(self) -> None:
        """Wait for an automatic backup being written and record it now: before locking (the key
        is zeroed), quitting, restoring or another backup. Nothing to do when none runs."""
        if self._call is not None:
            self._call.finish_now()

    def _on_written(self, written: Any, error: BaseException | None) -> None:
        call, self._call = self._call, None
        (practice, policy), self._finish = self._finish, None
        if call is not None:
            call.wait()  # finished is emitted just before the thread ends: let it end first
            call.deleteLater()
        if error is None:
            try:
                info = backups.finish_backup(practice, written, policy=policy)
            except Exception as exc:  # noqa: BLE001 - reported like any failed backup
                error = exc
        if error is not None:
            self._report_failure(error)
            return
        if self.dirty:  # changed while the copy was written: the next one is owed in full
            self._timer.start(self.interval_ms)
        self._report_success(info)

    def _report_success(self, info: Any) -> None:
        self.last_error = None
        self._since_backup.restart()
        self.backed_up.emit(info)

    def _report_failure(self, error: BaseException) -> None:
        if isinstance(error, ServiceError):
            log.warning("automatic backup failed: %s", type(error).__name__)
            message = error.message
        else:
            log.error("automatic backup failed", exc_info=error)
            message = self.tr("Not backed up: an unexpected error happened (details are in the log).")
        self.dirty = True  # those changes are still not in any backup
        self.last_error = message
        self.failed.emit(message)
        self._timer.start(self.interval_ms)  # try again later rather than at every keystroke

    def backup_on_quit(self) -> bool:
        """Back up if anything changed since the last backup. True when nothing was lost."""
        self._timer.stop()
        self.finish_running()
        if not self.dirty:
            return True
        return self.backup_now("quit") is not None

    def backup_now(self, reason: str = "manual"):
        """One backup into the configured folder, while the caller waits; None (and ``failed``)
        when it could not be written."""
        self.finish_running()
        practice = self.ctx.practice
        if practice is None or practice.closed:
            return None  # locked: the change is backed up after unlocking or on quit
        settings = self.ctx.settings
        try:
            info = backups.create_backup(practice, reason=reason,
                                         folder=settings.backup_folder(),
                                         policy=settings.retention_policy())
        except ServiceError as exc:
            self._report_failure(exc)
            return None
        self.dirty = False
        self._report_success(info)
        return info
