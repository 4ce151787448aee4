"""The main window's backups, installed by one call (cf. ``install_audit_log_action``):

    self.backups = install_backups(self)

File > Backups… and a toolbar button open the Backups dialog; a ``BackupScheduler`` owned by the
window backs up at most every 30 minutes of use after a change; ``before_quit()`` (from the
window's closeEvent, while the practice is still open) takes the backup on quitting, and
``before_lock()`` lets an automatic backup being written in the background end first. A failed
backup is reported in the status bar; on quit the therapist is asked whether to quit anyway, so a
missing backup folder never keeps the app from closing.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog

from ipt_desktop.services.backups import parse_name
from ipt_desktop.ui import formatting
from ipt_desktop.ui.backups.cloud_notice import warn_once_about_cloud
from ipt_desktop.ui.backups.scheduler import BackupScheduler
from ipt_desktop.ui.icons import icon
from ipt_desktop.ui.menu_helpers import add_to_file_menu, insert_before, window_action

log = logging.getLogger(__name__)
STATUS_MS = 8000


class WindowBackups(QObject):
    """Owns the scheduler and the Backups action of one main window."""

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.window = window
        self._check_abandoned = False  # a restore stopped the background file check
        # Reads window.ctx.practice at each backup, so after lock/unlock (a new Practice object)
        # it backs up the reopened practice without being told.
        self.scheduler = BackupScheduler(window.ctx, parent=window)
        self.scheduler.started.connect(self._on_started)
        self.scheduler.failed.connect(self._on_failed)
        self.scheduler.backed_up.connect(self._on_backed_up)
        self.scheduler.writer.owed_checked.connect(self._on_owed_checked)
        self.action = self._install_action()
        unlocked = getattr(window, "unlocked", None)
        if unlocked is not None:
            unlocked.connect(self.scheduler.resume)  # a change made before the lock is still owed
        # After the window is up, so the message box centres on it (once ever, see cloud_notice).
        QTimer.singleShot(0, self, self._warn_about_cloud)

    @property
    def ctx(self) -> Any:
        return self.window.ctx

    def _install_action(self) -> QAction:
        window = self.window
        tr = window.tr
        action = QAction(icon("backup"), tr("&Backups\u2026"), window)
        action.setObjectName("backupsAction")
        action.setIconText(tr("Backups"))
        tip = tr("Back up now, check a backup, or restore one")
        action.setToolTip(tip)
        action.setStatusTip(tip)
        action.triggered.connect(lambda _checked=False: self.open_dialog())
        add_to_file_menu(window, action, before="preferences")
        toolbar = getattr(window, "toolbar", None)
        if toolbar is not None:
            insert_before(toolbar, action, window_action(window, "preferences"))
        icons = getattr(getattr(window, "actions_", None), "_icons", None)
        if isinstance(icons, dict):
            icons[action] = "backup"  # re-tinted with the others on a light/dark switch
        return action

    # -- the dialog ------------------------------------------------------------------------------
    def open_dialog(self) -> QDialog | None:
        """Opens the Backups dialog non-modally (kept as ``window.active_dialog``) and returns it.

        After a restore the dialog broadcasts Changes "all" on ctx.hub, which reloads the client
        list and the chart; the window title is refreshed too (the profile came back as well).
        """
        if self.window.is_locked():
            return None
        from ipt_desktop.ui.backups.dialog import BackupsDialog

        window = self.window
        # The scheduler's writer: Back up now and the automatic backups take turns, and the
        # scheduler counts a manual backup as holding every change made before it.
        dialog = BackupsDialog(self.ctx, window, writer=self.scheduler.writer)
        window.active_dialog = dialog
        dialog.about_to_restore.connect(self._before_restore)
        dialog.restore_failed.connect(self._after_failed_restore)
        dialog.restored.connect(self._on_restored)

        def finished(_result: int) -> None:
            if getattr(window, "active_dialog", None) is dialog:
                window.active_dialog = None
            dialog.deleteLater()

        dialog.finished.connect(finished)
        dialog.open()
        return dialog

    def _before_restore(self) -> None:
        self.scheduler.finish_running()  # an automatic backup of the file about to be replaced
        # A background check still reading the file being replaced would report on the wrong file.
        file_check = getattr(self.window, "file_check", None)
        self._check_abandoned = file_check is not None and file_check.abandon()

    def _after_failed_restore(self) -> None:
        # Nothing was replaced: the file the abandoned check was reading still needs its verdict.
        if self._check_abandoned:
            self._check_abandoned = False
            self.window.file_check.start()

    def _on_restored(self, _result: object) -> None:
        self._check_abandoned = False  # the restored file was checked in full before it went in
        update_title = getattr(self.window, "_update_title", None)
        if callable(update_title):
            update_title()
        self.window.statusBar().showMessage(self.window.tr("Backup restored."), STATUS_MS)

    # -- backups being written (automatic ones, and Back up now after its dialog closed) ----------
    def _on_started(self, reason: str) -> None:
        # Until the next message: "Backed up automatically at ..." or why it failed.
        tr = self.window.tr
        texts = {"auto": tr("Backing up automatically\u2026"), "quit": tr("Backing up before closing\u2026")}
        bar = self.window.statusBar()
        bar.showMessage(texts.get(reason, tr("Backing up\u2026")))
        if reason == "quit":
            bar.repaint()  # the window waits for this one without its event loop: paint it now

    def _on_failed(self, message: str) -> None:
        self.window.statusBar().showMessage(message, STATUS_MS * 2)

    def _on_backed_up(self, info: Any) -> None:
        tr = self.window.tr
        when = info.created_at.strftime("%H:%M") if getattr(info, "created_at", None) else ""
        text = tr("Backed up automatically at %1.") if info.reason == "auto" else tr("Backed up at %1.")
        self.window.statusBar().showMessage(text.replace("%1", when), STATUS_MS)

    # -- checks owed by backups written on quit ----------------------------------------------------
    def check_owed(self) -> None:
        """After the open-time file check passed: check the backups that still owe it."""
        if not self.window.is_locked():
            self.scheduler.writer.check_owed()

    def _on_owed_checked(self, result: Any) -> None:
        if result.set_aside is None:
            return
        tr = self.window.tr
        parsed = parse_name(result.path)
        when = (formatting.format_datetime(parsed[0].strftime("%Y-%m-%dT%H:%M")) if parsed
                else result.path.name)
        # A fresh backup replaces it at once, whether or not anything changed since.
        started = self.scheduler.start_backup("auto")
        self.ctx.interaction.warn(
            tr("A backup failed its check"),
            tr("The backup taken at %1 failed its check: %2\n\nIt was set aside as %3 and will not "
               "be offered for restore. The practice file itself passed its check when it was opened.")
            .replace("%1", when).replace("%2", result.message).replace("%3", result.set_aside.name)
            + ("\n\n" + tr("A new backup is being made now.") if started else ""))

    def before_lock(self) -> None:
        """The practice is about to close (its key zeroed): a backup being written ends and is
        recorded first (about a second on a large practice)."""
        self.scheduler.finish_running()

    def before_quit(self) -> bool:
        """Back up what changed since the last backup; True when the window may close.

        Only while the practice is open (the window skips it when locked). A failed backup is
        reported and the therapist chooses: quit anyway (the data itself is saved in the practice
        file) or go back and fix the folder.
        """
        if self._back_up_for_quit():
            return True
        tr = self.window.tr
        reason = self.scheduler.last_error or tr("The backup could not be written.")
        return self.ctx.interaction.confirm(
            tr("Not backed up"),
            reason + "\n\n" + tr("Everything you entered is saved in the practice file; only the "
                                 "backup copy of today's changes is missing. Quit anyway?"),
            ok=tr("Quit anyway"), cancel=tr("Go back"))

    def _back_up_for_quit(self) -> bool:
        """The backup on quit runs while the therapist waits (about a second on a ten-year
        practice): a wait cursor, and the status bar says why the window has not closed yet."""
        from PySide6.QtCore import Qt
        from PySide6.QtGui import QGuiApplication

        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            return self.scheduler.backup_on_quit()
        finally:
            QGuiApplication.restoreOverrideCursor()

    def _warn_about_cloud(self) -> None:
        if self.window.is_locked() or self.ctx.practice.closed:
            return
        try:
            warn_once_about_cloud(self.ctx)
        except Exception:  # a warning must never stop the window from working
            log.exception("the cloud-folder check failed")


def install_backups(window: Any) -> WindowBackups:
    return WindowBackups(window)
