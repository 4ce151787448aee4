"""Preferences (cf. Frescobaldi's pages): ``load_settings()``, ``save_settings()``, ``changed``.

The practice profile and report page size live in the DATABASE (services.practice) so backups
carry them to a new computer; auto-lock and backup housekeeping are per-machine UI settings
(UiSettings). Nothing is stored until OK/Apply; a failed profile save keeps the dialog open.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QComboBox, QDialogButtonBox, QFileDialog, QFormLayout, QHBoxLayout,
                               QLabel, QLineEdit, QPlainTextEdit, QPushButton, QSpinBox, QTabWidget, QWidget)

from ipt_desktop.domain.records import PracticeProfile
from ipt_desktop.services import practice as practice_service
from ipt_desktop.services.backups import default_folder
from ipt_desktop.services.changes import Changes
from ipt_desktop.ui.dialogs.form import FormDialog

_PROFILE_LINES = (
    ("therapist_name", "Therapist name", "e.g. Dr Alex Example"),
    ("credentials", "Credentials", "e.g. DClinPsy, IPT Practitioner"),
    ("practice_name", "Practice name", ""),
    ("phone", "Phone", ""),
    ("licence_number", "Licence / registration no.", ""),
)
PAGE_SIZES = (("A4", "A4"), ("Letter", "US Letter"))


class PreferencesDialog(FormDialog):
    """``PreferencesDialog(ctx, parent=None)``.

    ``changed`` fires whenever the user edits something (it enables Apply);
    ``change_passphrase_requested`` fires from the "Change passphrase…" button (wired by the
    data-safety code); after OK/Apply, ``changes`` holds what was stored. Apply broadcasts it on
    ctx.hub itself; after OK the caller does (as for every dialog).
    """

    changed = Signal()
    change_passphrase_requested = Signal()

    def __init__(self, ctx: Any, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.changes: Changes = Changes()
        self._loading = False
        self.setWindowTitle(self.tr("Preferences"))
        self.setMinimumWidth(600)
        self.buttons.setStandardButtons(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Apply
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.apply_button = self.buttons.button(QDialogButtonBox.StandardButton.Apply)
        self.apply_button.clicked.connect(self._apply)
        self.apply_button.setEnabled(False)
        self.changed.connect(lambda: self.apply_button.setEnabled(True))

        self.pages = QTabWidget(self)
        self.pages.addTab(self._build_practice_page(), self.tr("Practice"))
        self.pages.addTab(self._build_security_page(), self.tr("Security"))
        self.pages.addTab(self._build_backup_page(), self.tr("Backups"))
        self.finish_layout(self.pages)
        self.load_settings()
        self.change_passphrase_requested.connect(self._open_change_passphrase)

    def lock_draft_key(self) -> tuple:
        return ("preferences",)

    # -- pages ---------------------------------------------------------------------------------
    def _build_practice_page(self) -> QWidget:
        page = QWidget(self)
        form = QFormLayout(page)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        note = QLabel(self.tr("Shown on the letterhead of every report. Stored in the practice "
                              "file, so backups carry it."), page)
        note.setWordWrap(True)
        form.addRow(note)
        self.profile_edits: dict[str, QLineEdit] = {}
        for key, label, placeholder in _PROFILE_LINES:
            edit = QLineEdit(page)
            edit.setObjectName(key)
            edit.setPlaceholderText(self.tr(placeholder) if placeholder else "")
            edit.textEdited.connect(self._edited)
            self.profile_edits[key] = edit
            self.add_field(form, key, self.tr(label), edit)
            if key == "practice_name":
                self.address = QPlainTextEdit(page)
                self.address.setObjectName("address")
                self.address.setTabChangesFocus(True)
                self.address.setFixedHeight(72)
                self.address.textChanged.connect(self._edited)
                self.add_field(form, "address", self.tr("Address"), self.address)
        self.page_size = QComboBox(page)
        for key, label in PAGE_SIZES:
            self.page_size.addItem(self.tr(label), key)
        self.page_size.currentIndexChanged.connect(self._edited)
        self.add_field(form, "page_size", self.tr("Report page size"), self.page_size)
        return page

    def _build_security_page(self) -> QWidget:
        page = QWidget(self)
        form = QFormLayout(page)
        self.auto_lock = QSpinBox(page)
        self.auto_lock.setRange(0, 240)
        self.auto_lock.setSuffix(self.tr(" minutes"))
        self.auto_lock.setSpecialValueText(self.tr("Never"))
        self.auto_lock.valueChanged.connect(self._edited)
        self.add_field(form, "auto_lock_minutes", self.tr("Lock after idle"), self.auto_lock,
                       hint=self.tr("The chart is hidden and the passphrase asked again after this "
                                    "long without use. 0 = never."))
        self.change_passphrase_button = QPushButton(self.tr("Change passphrase…"), page)
        self.change_passphrase_button.clicked.connect(self.change_passphrase_requested)
        row = QHBoxLayout()
        row.addWidget(self.change_passphrase_button)
        row.addStretch(1)
        form.addRow(self.tr("Passphrase"), row)
        return page

    def _open_change_passphrase(self) -> None:
        # Imported on demand: the dialog lives with the data-safety code (ui/passphrase).
        from ipt_desktop.ui.passphrase.change_dialog import ChangePassphraseDialog

        dialog = ChangePassphraseDialog(self.ctx, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def _build_backup_page(self) -> QWidget:
        """Backup folder and how many daily/weekly/monthly backups to keep (UiSettings keys
        backup_folder, keep_daily, keep_weekly, keep_monthly; used by the data-safety code)."""
        page = QWidget(self)
        form = QFormLayout(page)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.backup_folder = QLineEdit(page)
        self.backup_folder.setObjectName("backup_folder")
        default = default_folder(self.ctx.practice.data_dir)
        self.backup_folder.setPlaceholderText(self.tr("Default: %1").replace("%1", str(default)))
        self.backup_folder.setToolTip(self.tr("Blank: %1").replace("%1", str(default)))  # when elided
        self.backup_folder.textEdited.connect(self._edited)
        browse = QPushButton(self.tr("Choose…"), page)
        browse.clicked.connect(self._choose_backup_folder)
        holder = QWidget(page)
        row = QHBoxLayout(holder)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.backup_folder, 1)
        row.addWidget(browse)
        self.add_field(form, "backup_folder", self.tr("Backup folder"), holder,
                       hint=self.tr("A folder on another disk (e.g. a USB drive) survives a failed "
                                    "disk; avoid cloud-synced folders. Backups stay encrypted."))
        self.fields["backup_folder"] = self.backup_folder
        self.keep_spins: dict[str, QSpinBox] = {}
        for key, label in (("keep_daily", "Daily backups to keep"),
                           ("keep_weekly", "Weekly backups to keep"),
                           ("keep_monthly", "Monthly backups to keep")):
            spin = QSpinBox(page)
            spin.setObjectName(key)
            spin.setRange(0, 365)
            spin.valueChanged.connect(self._edited)
            self.keep_spins[key] = spin
            self.add_field(form, key, self.tr(label), spin)
        return page

    def _choose_backup_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Backup folder"), self.backup_folder.text())
        if folder:
            self.backup_folder.setText(folder)
            self._edited()

    def _edited(self, *_args: Any) -> None:
        if not self._loading:
            self.changed.emit()

    # -- load / save ---------------------------------------------------------------------------
    def load_settings(self) -> None:
        self._loading = True
        try:
            ok, profile = self.run(lambda: practice_service.get_profile(self.ctx.practice))
            profile = profile if ok else PracticeProfile()
            for key, edit in self.profile_edits.items():
                edit.setText(getattr(profile, key))
            self.address.setPlainText(profile.address)
            index = self.page_size.findData(profile.page_size)
            self.page_size.setCurrentIndex(max(index, 0))
            self.auto_lock.setValue(self.ctx.settings.auto_lock_minutes())
            folder = self.ctx.settings.backup_folder()
            self.backup_folder.setText(str(folder) if folder else "")
            for key, spin in self.keep_spins.items():
                spin.setValue(getattr(self.ctx.settings, key)())  # UiSettings.keep_daily() ...
        finally:
            self._loading = False
        self.apply_button.setEnabled(False)

    def profile(self) -> PracticeProfile:
        return PracticeProfile(address=self.address.toPlainText().strip(),
                               page_size=self.page_size.currentData(),
                               **{key: edit.text().strip() for key, edit in self.profile_edits.items()})

    def save_settings(self) -> bool:
        """Store everything; False (dialog stays, message beside the field) if the profile
        could not be stored. UI settings are written only after the profile succeeded."""
        self.clear_errors()
        ok, changes = self.run(lambda: practice_service.update_profile(self.ctx.practice,
                                                                       profile=self.profile()))
        if not ok:
            self.pages.setCurrentIndex(0)
            return False
        self.changes = self.changes | changes
        self.ctx.settings.set_auto_lock_minutes(self.auto_lock.value())
        self.ctx.settings.set_backup_folder(self.backup_folder.text().strip() or None)
        for key, spin in self.keep_spins.items():
            getattr(self.ctx.settings, f"set_{key}")(spin.value())  # UiSettings.set_keep_daily() ...
        self.apply_button.setEnabled(False)
        return True

    def _apply(self) -> None:
        # Apply keeps the dialog open, so redraw letterhead previews now; on OK the caller
        # broadcasts ``changes`` like for every other dialog.
        if self.save_settings():
            self.ctx.hub.changed.emit(self.changes)

    def accept(self) -> None:  # noqa: D401 - Qt override
        if self.save_settings():
            super().accept()
