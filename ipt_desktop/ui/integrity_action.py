"""File > Check database…: the GUI's face of `ipt-desktop check`.

Runs the full checks (SQLite integrity_check, foreign_key_check, SQLCipher's page HMACs and the
audit hash chain) through services.integrity and says the result in plain sentences. The checks
read the whole file, about 1.4 s on a ten-year practice, so they run in a worker thread while the
window stays usable (docs/performance.md, change 22); the status bar says one is running.
check_practice holds the practice's file_guard, so locking or quitting meanwhile waits for it.
A result that arrives while the window is locked is shown after the unlock, never over the
unlock dialog.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction

from ipt_desktop.ui.menu_helpers import add_file_action
from ipt_desktop.ui.startup.worker import BackgroundCall

log = logging.getLogger(__name__)


class DatabaseCheck(QObject):
    """``finished(bool)`` once the therapist has been told: True when the file is intact."""

    finished = Signal(bool)

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.window = window
        self._call: BackgroundCall | None = None
        self._untold: tuple[str, str] | None = None  # (kind, text) that came while locked
        self.action: QAction = add_file_action(
            window, window.tr("&Check database\u2026"), "checkDatabaseAction",
            window.tr("Check the practice file for damage and the audit trail for alterations"),
            self.start)
        for name, slot in (("unlocked", self._tell_untold), ("closed", self.finish_running)):
            signal = getattr(window, name, None)
            if signal is not None:
                signal.connect(slot)

    def is_running(self) -> bool:
        return self._call is not None

    def start(self) -> bool:
        """Begin the checks in a worker; False when one runs already or the window is locked."""
        from ipt_desktop.services.integrity import check_practice

        window = self.window
        if self._call is not None or window.is_locked():
            return False
        practice = window.ctx.practice
        call = BackgroundCall(lambda: check_practice(practice), self)
        self._call = call
        call.done.connect(self._on_done)
        self.action.setEnabled(False)  # one check at a time
        window.statusBar().showMessage(window.tr("Checking the practice file\u2026"))
        call.start()
        return True

    def finish_running(self) -> None:
        """Wait for a running check (quitting: a QThread must not be destroyed while it runs)."""
        if self._call is not None:
            self._call.finish_now()

    def _on_done(self, report: Any, error: BaseException | None) -> None:
        from ipt_desktop.services.errors import ServiceError

        call, self._call = self._call, None
        if call is not None:
            call.retire()
        window = self.window
        tr = window.tr
        self.action.setEnabled(True)
        window.statusBar().clearMessage()
        if isinstance(error, ServiceError):
            said = ("warn", error.message)
        elif error is not None:  # a check must never crash the window; details to the log
            log.error("the database check failed unexpectedly", exc_info=error)
            said = ("warn", tr("The check could not be completed. Details are in the log file."))
        elif report.ok:
            said = ("inform", "\n".join(report.lines()))
        else:
            said = ("warn", "\n".join(report.lines()) + "\n\n" + tr(
                "Your records have not been changed. Open File > Backups… to restore a verified backup."))
        if window.is_closing():
            return
        if window.is_locked():
            self._untold = said  # not over the unlock dialog: after the unlock
            return
        self._tell(said)

    def _tell_untold(self) -> None:
        said, self._untold = self._untold, None
        if said is not None:
            self._tell(said)

    def _tell(self, said: tuple[str, str]) -> None:
        kind, text = said
        interaction = self.window.ctx.interaction
        title = self.window.tr("Check database")
        (interaction.inform if kind == "inform" else interaction.warn)(title, text)
        self.finished.emit(kind == "inform")


def install_check_database_action(window: Any) -> DatabaseCheck:
    """Adds File > Check database… (before Lock when present); returns its DatabaseCheck."""
    return DatabaseCheck(window)
