"""Change the practice passphrase (or encrypt a plain practice) from Preferences.

The current passphrase is required. The slow part (stretching both passphrases) runs in a
worker thread so the window stays responsive; the rekey itself runs on the GUI thread, where
every database call lives. Backups made before keep their old passphrase — the dialog says so
before and after.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (QDialogButtonBox, QFormLayout, QFrame, QLabel, QLineEdit, QProgressBar,
                               QVBoxLayout, QWidget)

from ipt_desktop.domain.validation import ValidationFailed
from ipt_desktop.services import security
from ipt_desktop.services.errors import ServiceError
from ipt_desktop.ui import theme
from ipt_desktop.ui.dialogs.form import FormDialog
from ipt_desktop.ui.startup.passphrase import strength
from ipt_desktop.ui.startup.worker import BackgroundCall

log = logging.getLogger(__name__)

_STRENGTH_COLOURS = {"weak": None, "fair": "#b26a00", "strong": "#2e7d32"}
_STRENGTH_COLOURS_DARK = {"weak": None, "fair": "#ffb74d", "strong": "#81c784"}


class ChangePassphraseDialog(FormDialog):
    """``ChangePassphraseDialog(ctx, parent=None)``; ``passphrase_changed`` fires on success
    (after ``ctx.hub.changed``), then the dialog accepts. ``worker`` is the running BackgroundCall
    while the passphrases are being checked (tests wait on ``worker.done``)."""

    passphrase_changed = Signal()

    def __init__(self, ctx: Any, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.worker: BackgroundCall | None = None
        self.encrypted = bool(ctx.practice.encrypted)
        self.setWindowTitle(self.tr("Change passphrase") if self.encrypted else self.tr("Encrypt practice"))
        self.setMinimumWidth(520)

        body = QWidget(self)
        column = QVBoxLayout(body)
        column.setContentsMargins(0, 0, 0, 0)
        intro = QLabel(self.tr(
            "The practice file will be re-encrypted with the new passphrase. You will need it the "
            "next time you open or unlock the practice.") if self.encrypted else self.tr(
            "This practice is not encrypted. Choose a passphrase to encrypt it; you will need it "
            "every time you open or unlock the practice."), body)
        intro.setWordWrap(True)
        column.addWidget(intro)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.old_passphrase = self._password_edit("old_passphrase")
        if self.encrypted:
            self.add_field(form, "old_passphrase", self.tr("Current passphrase"), self.old_passphrase)
        else:
            self.old_passphrase.hide()
        self.new_passphrase = self._password_edit("new_passphrase")
        self.new_passphrase.setPlaceholderText(
            self.tr("At least %1 characters; a short sentence is best")
            .replace("%1", str(security.MIN_PASSPHRASE_LENGTH)))
        self.new_passphrase.textChanged.connect(self._update_strength)
        holder = self.add_field(form, "new_passphrase", self.tr("New passphrase"), self.new_passphrase)
        self.strength_label = QLabel(holder)
        self.strength_label.setObjectName("strength")
        self.strength_label.setWordWrap(True)
        holder.layout().insertWidget(1, self.strength_label)
        self.confirm_passphrase = self._password_edit("confirm_passphrase")
        self.add_field(form, "confirm_passphrase", self.tr("New passphrase again"), self.confirm_passphrase)
        column.addLayout(form)

        note = QFrame(body)
        note.setObjectName("backupsNote")
        note.setFrameShape(QFrame.Shape.StyledPanel)
        note_layout = QVBoxLayout(note)
        note_layout.setContentsMargins(10, 6, 10, 6)
        self.backups_note = QLabel(self.tr(
            "Backups made before this change keep the passphrase they were made with: restoring or "
            "checking one of them will ask for the OLD passphrase. Keep it somewhere safe for as long "
            "as you keep those backups. There is no way to recover a forgotten passphrase.")
            if self.encrypted else self.tr(
            "Backups made before this change stay NOT encrypted: anyone who can read them can read "
            "the charts. Delete them, or keep them somewhere safe. Backups made from now on are "
            "encrypted. There is no way to recover a forgotten passphrase."), note)
        self.backups_note.setWordWrap(True)
        note_layout.addWidget(self.backups_note)
        column.addWidget(note)

        self.busy = QProgressBar(body)
        self.busy.setRange(0, 0)
        self.busy.setTextVisible(False)
        self.busy.setMaximumHeight(6)
        self.busy.hide()
        column.addWidget(self.busy)

        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Change passphrase") if self.encrypted else self.tr("Encrypt"))
        self.finish_layout(body)
        self._update_strength("")
        if self.encrypted:
            self.setTabOrder(self.old_passphrase, self.new_passphrase)
        self.setTabOrder(self.new_passphrase, self.confirm_passphrase)
        (self.old_passphrase if self.encrypted else self.new_passphrase).setFocus()

    def _password_edit(self, name: str) -> QLineEdit:
        edit = QLineEdit(self)
        edit.setObjectName(name)
        edit.setEchoMode(QLineEdit.EchoMode.Password)
        return edit

    def _update_strength(self, text: str) -> None:
        level = strength(text)
        words = {"weak": self.tr("Strength: weak \u2014 longer is stronger; a few ordinary words work well"),
                 "fair": self.tr("Strength: fair \u2014 a few more words would make it strong"),
                 "strong": self.tr("Strength: strong")}
        colours = _STRENGTH_COLOURS_DARK if theme.is_dark(self.palette()) else _STRENGTH_COLOURS
        colour = colours[level] or theme.error_text(self.palette()).name()
        self.strength_label.setText(words[level] if text else self.tr(
            "Longer is stronger: a short sentence of ordinary words is easy to type and hard to guess."))
        self.strength_label.setStyleSheet(f"color: {colour};" if text else theme.hint_css(self))
        self.strength_level = level

    # -- change --------------------------------------------------------------------------------
    def accept(self) -> None:  # noqa: D401 - Qt override: OK starts the change, success accepts
        if self.worker is not None and self.worker.is_running():
            return
        self.clear_errors()
        practice = self.ctx.practice
        old = self.old_passphrase.text() if self.encrypted else None
        new = self.new_passphrase.text()
        confirm = self.confirm_passphrase.text()
        self._set_busy(True)
        self.worker = BackgroundCall(lambda: security.prepare_passphrase_change(
            practice, old_passphrase=old, new_passphrase=new, confirm_passphrase=confirm), self)
        self.worker.done.connect(self._prepared)
        self.worker.start()

    def _prepared(self, new_key: Any, error: BaseException | None) -> None:
        self._set_busy(False)
        if error is not None:
            if isinstance(error, ValidationFailed):
                self.show_errors(error.errors)
            elif isinstance(error, ServiceError):
                self.general_error.show_error(error.message)
            else:
                log.error("checking the passphrases failed: %s", type(error).__name__)
                self.general_error.show_error(self.tr(
                    "The passphrase could not be changed: an unexpected error happened (details are in "
                    "the log). Nothing was changed."))
            return
        ok, changes = self.run(lambda: security.apply_passphrase_change(self.ctx.practice, new_key=new_key))
        if not ok:
            new_key.wipe()
            return
        for edit in (self.old_passphrase, self.new_passphrase, self.confirm_passphrase):
            edit.clear()
        self.ctx.hub.changed.emit(changes)
        self.ctx.interaction.inform(
            self.windowTitle(),
            (self.tr("The passphrase was changed. Use the new passphrase from now on.")
             if self.encrypted else self.tr("The practice is now encrypted with your passphrase."))
            + "\n\n" + (self.tr("Backups made before this change still open only with the OLD passphrase; "
                                "new backups use the new one.") if self.encrypted else self.tr(
                "Backups made before this change are still NOT encrypted; new backups are.")))
        self.passphrase_changed.emit()
        super().accept()

    def _set_busy(self, busy: bool) -> None:
        self.busy.setVisible(busy)
        for widget in (self.old_passphrase, self.new_passphrase, self.confirm_passphrase, self.ok_button):
            widget.setEnabled(not busy)

    def close_for_lock(self) -> None:
        """The lock closes the practice: a check still running is dropped (its key wiped), never
        applied to a closed file. Passphrases are never kept as a draft (no lock_draft_key)."""
        if self.worker is not None and self.worker.is_running():
            self.worker.done.disconnect(self._prepared)
            self.worker.done.connect(lambda key, _error: key.wipe() if key is not None else None)
        for edit in (self.old_passphrase, self.new_passphrase, self.confirm_passphrase):
            edit.clear()
        super().close_for_lock()

    def reject(self) -> None:  # noqa: D401 - Qt override
        if self.worker is not None and self.worker.is_running():
            return  # let the check finish; it changes nothing and takes well under a second
        super().reject()
