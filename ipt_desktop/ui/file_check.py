"""The open-time file check, run in a worker once the main window is usable.

Unlock used to wait for PRAGMA quick_check (0.7 s of 1.2 s on a 2,000-client practice,
docs/performance.md). Now the window appears first and the check runs on its own read-only
connection in a QThread. If it finds damage, the window locks (saving what was typed, as any
lock does) and the unlock dialog says so; unlocking then opens with the check done first, which
leads to the existing "restore the newest verified backup" offer. A damaged file is never
migrated: open_practice_with_key still checks first whenever a migration is pending.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, Signal

from ipt_desktop.ui.startup.worker import BackgroundCall

log = logging.getLogger(__name__)


class DeferredFileCheck(QObject):
    """``start()`` after the window is shown; restarts by itself after every unlock. ``passed``
    when a check found the file sound (the backups then pay the checks they owe)."""

    passed = Signal()

    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self.problems: list[str] | None = None  # the last verdict; None while none was reached
        self._check = None
        self._call: BackgroundCall | None = None
        window.unlocked.connect(self.start)
        window.closed.connect(self.stop)

    def is_running(self) -> bool:
        return self._call is not None

    def start(self) -> None:
        from ipt_desktop.services.errors import ServiceError
        from ipt_desktop.services.practice import background_file_check

        if self._call is not None or self.window.ctx.practice.closed:
            return
        try:
            self._check = background_file_check(self.window.ctx.practice)
        except ServiceError:  # could not even open a connection: the next unlock checks first
            log.warning("the background file check could not start", exc_info=True)
            return
        self.problems = None
        self._call = BackgroundCall(self._check.run, self)
        self._call.done.connect(self._on_done)
        self._call.start()

    def stop(self) -> None:
        """Cancel and wait (quitting): a QThread must not be destroyed while it runs."""
        if self._call is not None:
            self._check.cancel()
            self._call.wait()

    def abandon(self) -> bool:
        """The practice file is about to be replaced (a restore): stop the check and drop the
        verdict it may still deliver, which would be about the old file. The restored file was
        checked in full before it was put in place, so no new check is started. True when a
        check was stopped (the caller restarts it if the file was not replaced after all)."""
        call = self._call
        if call is None:
            return False
        # done is emitted on this (GUI) thread from a queued slot: disconnected now, a verdict
        # already waiting in the event queue can no longer arrive here.
        call.done.disconnect(self._on_done)
        self._check.cancel()
        call.wait()
        call.deleteLater()
        self._call = self._check = None
        self.problems = None
        return True

    def wait(self, ms: int = 30_000) -> bool:
        """For tests and the benchmark: block until the running check ended (its slot still runs
        from the event loop)."""
        return self._call is None or self._call.wait(ms)

    def _on_done(self, problems, error) -> None:
        from ipt_desktop.services.practice import CheckNotFinishedError

        self._call = self._check = None
        if error is not None:
            if not isinstance(error, CheckNotFinishedError):
                log.error("the background file check failed", exc_info=error)
            return
        self.problems = list(problems)
        if self.window.is_closing():
            return
        if not problems:
            self.passed.emit()
            return
        # Counts only: the problem rows can quote table and index names, never clinical text,
        # but there is no reason to write more than the fact to the log.
        log.warning("quick_check found %d problem(s) in the practice file", len(problems))
        self._report_damage()

    def _report_damage(self) -> None:
        window = self.window
        tr = window.tr
        if not window.is_locked() and not window.lock():
            # The therapist chose to stay because something could not be saved; say it anyway.
            window.ctx.interaction.warn(
                tr("The practice file is damaged"),
                tr("IPT Desktop found damage in the practice file. Copy any text you still need, "
                   "then lock the practice (File > Lock) to restore the newest verified backup."))
            return
        if window.unlock_dialog is not None:
            window.unlock_dialog.report_damage()
