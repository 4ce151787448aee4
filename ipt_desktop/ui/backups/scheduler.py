"""Automatic backups while the app is in use: after a change, at most every 30 minutes, and on quit.

The main window owns one ``BackupScheduler(ctx, parent=window)``; it listens to
``ctx.hub.changed`` and calls ``backup_on_quit()`` from its closeEvent before closing the
practice. It only decides when; its ``writer`` (a BackupWriter, shared with the Backups dialog)
writes each backup in a worker thread. Any backup through the writer, "Back up now" included,
holds every change made before it began, so the scheduler counts them all.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QElapsedTimer, QObject, QTimer, Signal

from ipt_desktop.ui.backups.writer import BackupWriter

INTERVAL_MS = 30 * 60 * 1000


class BackupScheduler(QObject):
    """``started(reason)`` when a backup begins in the background (any reason: the window's status
    bar says so); ``backed_up(BackupInfo)`` after each backup; ``failed(str)`` with a sentence for
    the status bar ("Not backed up: the disk is full...") when one could not be written."""

    started = Signal(str)
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
        self.writer = BackupWriter(ctx, self)
        self.writer.started.connect(self._on_started)
        self.writer.backed_up.connect(self._on_backed_up)
        self.writer.failed.connect(self._on_failed)
        # A backup that fell due while the worker checked an owed one is started after it.
        self.writer.owed_checked.connect(lambda _result: self.backup_if_due())
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
        return self.writer.is_running()

    def backup_if_due(self) -> None:
        if self.writer.is_running():
            return  # the running one reschedules when it ends, if more changed meanwhile
        if self.dirty and self._since_backup.elapsed() >= self.interval_ms:
            self.start_backup("auto")
        elif self.dirty:
            self._timer.start(max(0, self.interval_ms - self._since_backup.elapsed()))

    def start_backup(self, reason: str = "auto") -> bool:
        """Write one backup in a worker thread; ``backed_up`` or ``failed`` follows. False when
        none was started (locked, or one is already being written)."""
        if self.writer.is_running():
            return False
        return self.writer.start(reason)

    def finish_running(self) -> None:
        """Wait for a backup being written and record it now: before locking (the key is zeroed),
        quitting, restoring or another backup. Nothing to do when none runs."""
        self.writer.finish_running()

    def backup_on_quit(self) -> bool:
        """Back up if anything changed since the last backup. True when nothing was lost."""
        self._timer.stop()
        self.finish_running()
        if not self.dirty:
            return True
        return self.backup_now("quit") is not None

    def backup_now(self, reason: str = "manual"):
        """One backup into the configured folder, while the caller waits; None (and ``failed``)
        when it could not be written, or when locked (the change is backed up after unlocking
        or on quit)."""
        return self.writer.backup_now(reason)

    # -- what the writer reports -----------------------------------------------------------------
    def _on_started(self, reason: str) -> None:
        # What changes from now on is not in this copy: note_change sets the flag again.
        self.dirty = False
        self.started.emit(reason)

    def _on_backed_up(self, info: Any) -> None:
        if self.dirty:  # changed while the copy was written: the next one is owed in full
            self._timer.start(self.interval_ms)
        self.last_error = None
        self._since_backup.restart()
        self.backed_up.emit(info)

    def _on_failed(self, _reason: str, message: str) -> None:
        self.dirty = True  # those changes are still not in any backup
        self.last_error = message
        self._timer.start(self.interval_ms)  # try again later rather than at every keystroke
        self.failed.emit(message)
