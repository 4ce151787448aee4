"""The Backups dialog: Back up now, Verify, Restore, Restore from file, and the list of backups.

Every action goes through services.backups / services.backup_restore; failures are one plain
sentence through ctx.interaction (never a traceback), and a refused restore changes nothing.
"""

from __future__ import annotations

import logging
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

log = logging.getLogger(__name__)


class BackupsDialog(QDialog):
    """``BackupsDialog(ctx, parent=None)``. ``restored(RestoreResult)`` after a restore (the dialog
    has already broadcast its Changes on ctx.hub); ``about_to_back_up()`` then ``backed_up(BackupInfo)``
    for Back up now (the window lets an automatic backup still being written end first);
    ``about_to_restore()`` once the therapist confirmed, before the practice file is replaced, then
    ``restored`` or ``restore_failed()`` (nothing was changed)."""

    about_to_back_up = Signal()
    about_to_restore = Signal()
    restore_failed = Signal()
    restored = Signal(object)
    backed_up = Signal(object)

    def __init__(self, ctx: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
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
        self.table.doubleClicked.connect(lambda _index: self.verify_selected())
        layout.addWidget(self.table, 1)

        self.status = QLabel(self)
        self.status.setObjectName("statusLabel")
        self.status.setWordWrap(True)
        layout.addWidget(self.status)

        row = QHBoxLayout()
        self.backup_button = QPushButton(self.tr("Back up now"), self)
        self.backup_button.clicked.connect(self.backup_now)
        self.verify_button = QPushButton(self.tr("Verify"), self)
        self.verify_button.setToolTip(self.tr("Check the selected backup without changing anything"))
        self.verify_button.clicked.connect(self.verify_selected)
        self.restore_button = QPushButton(self.tr("Restore\u2026"), self)
        self.restore_button.setToolTip(self.tr("Replace the current data with the selected backup "
                                               "(the current data is backed up first)"))
        self.restore_button.clicked.connect(self.restore_selected)
        self.restore_file_button = QPushButton(self.tr("Restore from file\u2026"), self)
        self.restore_file_button.clicked.connect(self.restore_from_file)
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
        self.folder_label.setText(self.tr("Backups are encrypted copies of the whole practice, checked "
                                          "before they are kept, in: %1").replace("%1", str(folder)))
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
        chosen = self.selected_backup() is not None
        self.verify_button.setEnabled(chosen)
        self.restore_button.setEnabled(chosen)

    def _dismiss_cloud_warning(self) -> None:
        self.ctx.settings.set_cloud_warning_dismissed(True)
        self.cloud_banner.setVisible(False)

    def _say(self, text: str) -> None:
        self.status.setText(text)

    # -- actions ---------------------------------------------------------------------------------
    def backup_now(self) -> BackupInfo | None:
        self.about_to_back_up.emit()
        try:
            info = backups.create_backup(self.ctx.practice, reason="manual", folder=self.folder,
                                         policy=self.ctx.settings.retention_policy())
        except ServiceError as exc:
            self._say(exc.message)
            self.ctx.interaction.warn(self.tr("Not backed up"), exc.message)
            return None
        self.refresh()
        self.model.set_check(info.path, True, "")
        self._say(self.tr("Backed up: %1 clients, %2 sessions, checked.")
                  .replace("%1", str(info.clients)).replace("%2", str(info.sessions)))
        self.backed_up.emit(info)
        return info

    def verify_selected(self) -> BackupInfo | None:
        chosen = self.selected_backup()
        checked = self._check(chosen.path) if chosen else None
        return checked[0] if checked else None

    def _check(self, path: Path) -> tuple[BackupInfo, str | None] | None:
        """Verify for this practice, asking for the passphrase a backup was made under if needed."""
        passphrase = None
        while True:
            try:
                info = backup_restore.check_backup(self.ctx.practice, path=path, passphrase=passphrase)
            except BackupPassphraseError as exc:
                passphrase = self.ask_passphrase(exc.message)
                if passphrase:
                    continue
                self.model.set_check(path, False, exc.message)
                self._say(exc.message)
                return None
            except ServiceError as exc:
                self.model.set_check(path, False, exc.message)
                self._say(exc.message)
                self.ctx.interaction.warn(self.tr("This backup cannot be used"), exc.message)
                return None
            self.model.set_check(path, True, "")
            self._say(self.tr("The backup is intact: %1 clients, %2 sessions, schema %3.")
                      .replace("%1", str(info.clients)).replace("%2", str(info.sessions))
                      .replace("%3", str(info.schema_revision)))
            return info, passphrase

    def restore_selected(self) -> bool:
        chosen = self.selected_backup()
        return self._restore(chosen.path) if chosen else False

    def restore_from_file(self) -> bool:
        path = self.ctx.interaction.open_file(self.tr("Restore from a backup file"),
                                              self.tr("IPT Desktop backups (*.ipt-backup);;All files (*)"))
        return self._restore(Path(path)) if path else False

    def _restore(self, path: Path) -> bool:
        checked = self._check(path)
        if checked is None:
            return False
        info, passphrase = checked
        when = (formatting.format_datetime(info.created_at.strftime("%Y-%m-%dT%H:%M"), weekday=False)
                if info.created_at else path.name)
        question = (self.tr("Replace the current data with the backup from %1 (%2 clients, %3 sessions)? "
                            "Everything entered since then is replaced. The current data is backed up "
                            "first, so this can be undone.")
                    .replace("%1", when).replace("%2", str(info.clients)).replace("%3", str(info.sessions)))
        if not self.ctx.interaction.confirm(self.tr("Restore backup"), question, ok=self.tr("Restore")):
            return False
        self.about_to_restore.emit()
        try:
            result = backup_restore.restore_backup(self.ctx.practice, path=path, passphrase=passphrase,
                                                   folder=self.folder)
        except ServiceError as exc:
            self.restore_failed.emit()
            self._say(exc.message)
            self.ctx.interaction.warn(self.tr("Not restored"), exc.message)
            return False
        self.ctx.hub.changed.emit(result.changes)
        self.refresh()
        text = (self.tr("Restored the backup from %1: %2 clients, %3 sessions. The data it replaced was "
                        "backed up first and is listed here as \u201cBefore a restore\u201d.")
                .replace("%1", when).replace("%2", str(info.clients)).replace("%3", str(info.sessions)))
        if result.migrated_from:
            text += " " + self.tr("The backup was updated to this version of the app.")
        self._say(text)
        self.ctx.interaction.inform(self.tr("Backup restored"), text)
        self.restored.emit(result)
        return True

    def _ask_passphrase(self, reason: str) -> str | None:
        text, ok = QInputDialog.getText(self, self.tr("Passphrase of the backup"), reason,
                                        QLineEdit.EchoMode.Password)
        return text if ok and text else None
