"""Automatic backups while the app is in use: after a change, at most every 30 minutes, and on quit.

The main window owns one ``BackupScheduler(ctx, parent=window)``; it listens to
``ctx.hub.changed`` and calls ``backup_on_quit()`` from its closeEvent before closing the
practice. Backups run on the GUI thread: the SQLite backup API copies a practice of a few MB in
milliseconds, and the database must not be used from two threads at once anyway.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QElapsedTimer, QObject, QTimer, Signal

from ipt_desktop.services import backups
from ipt_desktop.services.errors import ServiceError

log = logging.getLogger(__name__)
INTERVAL_MS = 30 * 60 * 1000


class BackupScheduler(QObject):
    """``backed_up(BackupInfo)`` after each automatic backup; ``failed(str)`` with a sentence for
    the status bar ("Not backed up: the disk is full...") when one could not be written."""

    backed_up = Signal(object)
    failed = Signal(str)

    def __init__(self, ctx: Any, parent: QObject | None = None, *, interval_ms: int = INTERVAL_MS) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.interval_ms = interval_ms
        self.dirty = False  # something changed since the last backup
        self.last_error: str | None = None  # the sentence of the last failed backup (for the quit question)
        self._since_backup = QElapsedTimer()
        self._since_backup.start()  # opening counts as a fresh start: the last quit backed up
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.backup_if_due)
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

    def backup_if_due(self) -> None:
        if self.dirty and self._since_backup.elapsed() >= self.interval_ms:
            self.backup_now("auto")
        elif self.dirty:
            self._timer.start(max(0, self.interval_ms - self._since_backup.elapsed()))

    def backup_on_quit(self) -> bool:
        """Back up if anything changed since the last backup. True when nothing was lost."""
        self._timer.stop()
        if not self.dirty:
            return True
        return self.backup_now("quit") is not None

    def backup_now(self, reason: str = "manual"):
        """One backup into the configured folder; None (and ``failed``) when it could not be written."""
        practice = self.ctx.practice
        if practice is None or practice.closed:
            return None  # locked: the change is backed up after unlocking or on quit
        settings = self.ctx.settings
        try:
            info = backups.create_backup(practice, reason=reason,
                                         folder=settings.backup_folder(),
                                         policy=settings.retention_policy())
        except ServiceError as exc:
            log.warning("automatic backup failed: %s", type(exc).__name__)
            self.last_error = exc.message
            self.failed.emit(exc.message)
            self._timer.start(self.interval_ms)  # try again later rather than at every keystroke
            return None
        self.dirty = False
        self.last_error = None
        self._since_backup.restart()
        self.backed_up.emit(info)
        return info
