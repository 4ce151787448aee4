"""The Backups dialog: Back up now, Verify, Restore, Restore from file, and the list of backups.

Every action goes through services.backups / services.backup_restore; failures are one plain
sentence through ctx.interaction (never a traceback), and a refused restore changes nothing.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from PySide6.QtCore import QSortFilterProxyModel, Qt, Signal
from PySide6.QtWidgets import (QAbstractItemView, QDialog, QDialogButtonBox, QFrame, QHBoxLayout, QHeaderView,
                               QInputDialog, QLabel, QLineEdit, QPushButton, QTableView, QVBoxLayout, QWidget)

from ipt_desktop.services import backup_restore, backups
from ipt_desktop.services.backups import BackupInfo, BackupPassphraseError
from ipt_desktop.services.cloud_sync import cloud_warning
from ipt_desktop.services.errors import ServiceError
from ipt_desktop.ui import formatting
from ipt_desktop.ui.backups.model import CHECK, OBJECT_ROLE, REASON, SIZE, SORT_ROLE, TAKEN, BackupsModel
from ipt_desktop.ui.backups.writer import BackupWriter
from ipt_desktop.ui.startup.worker import BackgroundCall, show_busy

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class _Check:
    """A backup being verified in a worker, and what follows when it proves intact."""

    call: BackgroundCall
    path: Path
    passphrase: str | None
    then: Callable[[Path, BackupInfo, str | None], None] | None


class BackupsDialog(QDialog):
    """``BackupsDialog(ctx, parent=None, writer=None)``. ``restored(RestoreResult)`` after a restore
    (the dialog has already broadcast its Changes on ctx.hub); ``backed_up(BackupInfo)`` after Back
    up now; ``about_to_restore()`` once the therapist confirmed, before the practice file is
    replaced, then ``restored`` or ``restore_failed()`` (nothing was changed). ``checked(object)``
    when a check ends: the BackupInfo when the backup is intact, else None (the reason is shown).

    ``writer``: the window's BackupWriter, so "Back up now" and the automatic backups take turns
    and locking waits for both; a dialog opened on its own makes its own."""

    about_to_restore = Signal()
    restore_failed = Signal()
    restored = Signal(object)
    backed_up = Signal(object)
    checked = Signal(object)

    def __init__(self, ctx: Any, parent: QWidget | None = None, *, writer: BackupWriter | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._owns_writer = writer is None
        self.writer = writer if writer is not None else BackupWriter(ctx, self)
        self.writer.backed_up.connect(self._on_backed_up)
        self.writer.failed.connect(self._on_backup_failed)
        self.writer.owed_checked.connect(self._on_owed_checked)
        self._backing_up = False  # our "Back up now" is being written
        self._checking: _Check | None = None  # a backup being verified
        self._closed = False  # from done() on: late results are dropped, nothing is asked
        self._last_backup: BackupInfo | None = None  # what the waiting methods return
        self._last_check: tuple[BackupInfo, str | None] | None = None
        self._restored = False
        # Asked when a backup was made under another passphrase; tests replace it.
        self.ask_passphrase: Callable[[str], str | None] = self._ask_passphrase
        self.setWindowTitle(self.tr("Backups"))
        self.setMinimumSize(640, 420)
        layout = QVBoxLayout(self)

        self.folder_label = QLabel(self)
        self.folder_label.setObjectName("folderLabel")
        self.folder_label.setWordWrap(True)
        self.folder_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.folder_label)

        self.cloud_banner = QFrame(self)
        self.cloud_banner.setObjectName("cloudBanner")
        self.cloud_banner.setFrameShape(QFrame.Shape.StyledPanel)
        banner = QHBoxLayout(self.cloud_banner)
        self.cloud_text = QLabel(self.cloud_banner)
        self.cloud_text.setWordWrap(True)
        banner.addWidget(self.cloud_text, 1)
        dismiss = QPushButton(self.tr("Don't show again"), self.cloud_banner)
        dismiss.clicked.connect(self._dismiss_cloud_warning)
        banner.addWidget(dismiss, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.cloud_banner)

        self.model = BackupsModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.table = QTableView(self)
        self.table.setObjectName("backupsTable")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(TAKEN, Qt.SortOrder.DescendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(TAKEN, QHeaderView.ResizeMode.Stretch)
        for column in (REASON, SIZE, CHECK):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.table.doubleClicked.connect(lambda _index: self.start_verify())
        layout.addWidget(self.table, 1)

        self.status = QLabel(self)
        self.status.setObjectName("statusLabel")
        self.status.setWordWrap(True)
        layout.addWidget(self.status)

        row = QHBoxLayout()
        self.backup_button = QPushButton(self.tr("Back up now"), self)
        self.backup_button.clicked.connect(self.start_backup)
        self.verify_button = QPushButton(self.tr("Verify"), self)
        self.verify_button.setToolTip(self.tr("Check the selected backup without changing anything"))
        self.verify_button.clicked.connect(self.start_verify)
        self.restore_button = QPushButton(self.tr("Restore\u2026"), self)
        self.restore_button.setToolTip(self.tr("Replace the current data with the selected backup "
                                               "(the current data is backed up first)"))
        self.restore_button.clicked.connect(self._start_restore_selected)
        self.restore_file_button = QPushButton(self.tr("Restore from file\u2026"), self)
        self.restore_file_button.clicked.connect(self._start_restore_from_file)
        for button in (self.backup_button, self.verify_button, self.restore_button, self.restore_file_button):
            row.addWidget(button)
        row.addStretch(1)
        layout.addLayout(row)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.refresh()

    # -- state -----------------------------------------------------------------------------------
    @property
    def folder(self) -> Path | None:
        return self.ctx.settings.backup_folder()

    def refresh(self) -> None:
        practice = self.ctx.practice
        folder = backups.resolve_folder(practice.data_dir, self.folder)
        self.folder_label.setText(self.tr("Backups are encrypted copies of the whole practice, each "
                                          "checked in full (the one on quitting at the next start), "
                                          "in: %1").replace("%1", str(folder)))
        self.model.set_rows(backups.list_backups(practice, folder=self.folder))
        warning = cloud_warning(practice.data_dir, folder)
        show = bool(warning) and not self.ctx.settings.cloud_warning_dismissed()
        self.cloud_text.setText(warning or "")
        self.cloud_banner.setVisible(show)
        self._update_buttons()

    def selected_backup(self) -> BackupInfo | None:
        rows = self.table.selectionModel().selectedRows()
        return self.proxy.data(rows[0], OBJECT_ROLE) if rows else None

    def _update_buttons(self, *_args: Any) -> None:
        idle = not self.is_busy()  # one backup or check at a time
        chosen = idle and self.selected_backup() is not None
        self.backup_button.setEnabled(idle)
        self.restore_file_button.setEnabled(idle)
        self.verify_button.setEnabled(chosen)
        self.restore_button.setEnabled(chosen)

    def _dismiss_cloud_warning(self) -> None:
        self.ctx.settings.set_cloud_warning_dismissed(True)
        self.cloud_banner.setVisible(False)

    def _say(self, text: str) -> None:
        self.status.setText(text)

    # -- actions ---------------------------------------------------------------------------------
    # The buttons start the slow part (a copy and its checks, about a second on a ten-year
    # practice) in a worker and return; the dialog says what runs and its buttons wait. The methods
    # named after the buttons (backup_now, verify_selected, restore_selected, restore_from_file) do
    # the same and wait for the result, for tests and scripts.
    def is_busy(self) -> bool:
        return self._backing_up or self._checking is not None

    def _set_busy(self, text: str | None) -> None:
        """Busy (a backup or a check runs) with what to say, or idle again (None)."""
        if text is not None:
            self._say(text)
        show_busy(self, text is not None, ())
        self._update_buttons()

    def start_backup(self) -> bool:
        """Back up now in the worker (the window's, shared with its automatic backups, so one
        copy runs at a time); ``backed_up`` or a warning follows. False when nothing started."""
        if self.is_busy() or not self.writer.start("manual"):
            return False
        self._backing_up, self._last_backup = True, None
        self._set_busy(self.tr("Backing up\u2026"))
        return True

    def backup_now(self) -> BackupInfo | None:
        """Back up now and wait for it: the BackupInfo, or None (after the warning)."""
        if not self.start_backup():
            return None
        self.writer.finish_running()
        return self._last_backup

    def _on_backed_up(self, info: BackupInfo) -> None:
        if self._closed:
            return
        self.refresh()  # an automatic backup finished while the dialog is up is listed too
        self.model.set_check(info.path, True, "")
        if not self._backing_up:
            return
        self._backing_up, self._last_backup = False, info
        self._set_busy(None)
        self._say(self.tr("Backed up: %1 clients, %2 sessions, checked.")
                  .replace("%1", str(info.clients)).replace("%2", str(info.sessions)))
        self.backed_up.emit(info)

    def _on_backup_failed(self, _reason: str, message: str) -> None:
        if self._closed or not self._backing_up:
            return  # an automatic backup: the window's status bar reports it
        self._backing_up = False
        self._set_busy(None)
        self._say(message)
        self.ctx.interaction.warn(self.tr("Not backed up"), message)

    def start_verify(self) -> bool:
        """Check the selected backup in a worker, without changing anything."""
        chosen = self.selected_backup()
        if chosen is None or self.is_busy():
            return False
        self._start_check(chosen.path, then=None)
        return True

    def verify_selected(self) -> BackupInfo | None:
        """Check the selected backup and wait: what it holds, or None (the reason is shown)."""
        self._last_check = None
        if self.start_verify():
            self._wait_for_check()
        return self._last_check[0] if self._last_check else None

    def start_restore(self, path: Path) -> bool:
        """Check the backup in the worker; if it is intact, ask, then restore (while the
        therapist waits: the practice file is replaced)."""
        if self.is_busy():
            return False
        self._start_check(path, then=self._confirm_and_restore)
        return True

    def restore_selected(self) -> bool:
        chosen = self.selected_backup()
        return self._restore_and_wait(chosen.path) if chosen else False

    def restore_from_file(self) -> bool:
        path = self._choose_file()
        return self._restore_and_wait(path) if path else False

    def _start_restore_selected(self) -> None:
        chosen = self.selected_backup()
        if chosen is not None:
            self.start_restore(chosen.path)

    def _start_restore_from_file(self) -> None:
        path = self._choose_file()
        if path is not None:
            self.start_restore(path)

    def _choose_file(self) -> Path | None:
        path = self.ctx.interaction.open_file(self.tr("Restore from a backup file"),
                                              self.tr("IPT Desktop backups (*.ipt-backup);;All files (*)"))
        return Path(path) if path else None

    def _restore_and_wait(self, path: Path) -> bool:
        self._restored = False
        if self.start_restore(path):
            self._wait_for_check()
        return self._restored

    # -- checking a backup, in a worker ------------------------------------------------------------
    def _start_check(self, path: Path, *, then: Callable[[Path, BackupInfo, str | None], None] | None,
                     passphrase: str | None = None) -> None:
        """Verify for this practice; a backup made under another passphrase asks for it and is
        checked again. ``then(path, info, passphrase)`` runs once it proved intact."""
        practice = self.ctx.practice
        call = BackgroundCall(lambda: backup_restore.check_backup(practice, path=path, passphrase=passphrase),
                              self)
        self._checking = _Check(call, path, passphrase, then)
        call.done.connect(self._on_checked)
        self._set_busy(self.tr("Checking the backup\u2026"))
        call.start()

    def _wait_for_check(self) -> None:
        while self._checking is not None:  # a passphrase asked for starts a second check
            self._checking.call.finish_now()

    def _on_owed_checked(self, result: Any) -> None:
        """A backup's owed check ended in the background while the dialog is open: its row says
        so at once (a set-aside backup leaves the list; the window tells the therapist why)."""
        if self._closed:
            return
        if result.passed:
            self.model.set_check(result.path, True, self.tr("Checked in full after this start"))
        elif result.set_aside is not None and not self.is_busy():
            self.refresh()

    def _on_checked(self, info: Any, error: BaseException | None) -> None:
        check, self._checking = self._checking, None
        if check is None:
            return
        check.call.retire()
        if self._closed:
            return  # closed (or locked) meanwhile: no questions, no messages
        self._set_busy(None)
        path = check.path
        if isinstance(error, BackupPassphraseError):
            passphrase = self.ask_passphrase(error.message)
            if passphrase:
                self._start_check(path, then=check.then, passphrase=passphrase)
                return
            self.model.set_check(path, False, error.message)
            self._say(error.message)
            self.checked.emit(None)
            return
        if error is not None:
            if isinstance(error, ServiceError):
                message = error.message
            else:
                log.error("checking a backup failed", exc_info=error)
                message = self.tr("The backup could not be checked: an unexpected error happened "
                                  "(details are in the log).")
            self.model.set_check(path, False, message)
            self._say(message)
            self.ctx.interaction.warn(self.tr("This backup cannot be used"), message)
            self.checked.emit(None)
            return
        self.model.set_check(path, True, "")
        self._say(self.tr("The backup is intact: %1 clients, %2 sessions, schema %3.")
                  .replace("%1", str(info.clients)).replace("%2", str(info.sessions))
                  .replace("%3", str(info.schema_revision)))
        self._last_check = (info, check.passphrase)
        self.checked.emit(info)
        if check.then is not None:
            check.then(path, info, check.passphrase)

    def _confirm_and_restore(self, path: Path, info: BackupInfo, passphrase: str | None) -> None:
        when = (formatting.format_datetime(info.created_at.strftime("%Y-%m-%dT%H:%M"), weekday=False)
                if info.created_at else path.name)
        question = (self.tr("Replace the current data with the backup from %1 (%2 clients, %3 sessions)? "
                            "Everything entered since then is replaced. The current data is backed up "
                            "first, so this can be undone.")
                    .replace("%1", when).replace("%2", str(info.clients)).replace("%3", str(info.sessions)))
        if not self.ctx.interaction.confirm(self.tr("Restore backup"), question, ok=self.tr("Restore")):
            return
        self.about_to_restore.emit()
        # The restore replaces the practice file, so the therapist waits (a few seconds on a
        # ten-year practice: the current data is backed up first): say so before it starts.
        self._say(self.tr("Restoring\u2026 the current data is being backed up first."))
        self.status.repaint()
        show_busy(self, True, ())
        try:
            result = backup_restore.restore_backup(self.ctx.practice, path=path, passphrase=passphrase,
                                                   folder=self.folder)
        except ServiceError as exc:
            self.restore_failed.emit()
            self._say(exc.message)
            self.ctx.interaction.warn(self.tr("Not restored"), exc.message)
            return
        finally:
            show_busy(self, False, ())
        self.ctx.hub.changed.emit(result.changes)
        self.refresh()
        text = (self.tr("Restored the backup from %1: %2 clients, %3 sessions. The data it replaced was "
                        "backed up first and is listed here as \u201cBefore a restore\u201d.")
                .replace("%1", when).replace("%2", str(info.clients)).replace("%3", str(info.sessions)))
        if result.migrated_from:
            text += " " + self.tr("The backup was updated to this version of the app.")
        self._say(text)
        self.ctx.interaction.inform(self.tr("Backup restored"), text)
        self._restored = True
        self.restored.emit(result)

    def done(self, result: int) -> None:
        """Closing (or the window locking) lets a check still reading a backup end first, without
        its questions; a "Back up now" still being written ends too, so its outcome is shown."""
        if self._closed:
            super().done(result)
            return
        if self._backing_up:
            self.writer.finish_running()
        self._closed = True
        self._wait_for_check()
        if self._owns_writer:
            self.writer.finish_running()
        super().done(result)

    def _ask_passphrase(self, reason: str) -> str | None:
        text, ok = QInputDialog.getText(self, self.tr("Passphrase of the backup"), reason,
                                        QLineEdit.EchoMode.Password)
        return text if ok and text else None
