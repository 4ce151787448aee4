"""The unlock dialog: appears at once, derives the key in a worker thread, names each failure.

This module imports no part of the database stack: the dialog paints first, and the worker's
first call imports services.practice (and with it sqlmodel/sqlcipher/Alembic) off the GUI thread.
Only ``open_practice_with_key`` (opening the engine, and any migration with the quick check that
must come before it) runs on the GUI thread, so the engine is created where it will be used. With
``check_now=False`` the file's quick check is left to the main window (ui.file_check), which runs
it in a worker once the window is usable.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QCheckBox, QDialog, QHBoxLayout, QLabel, QLineEdit, QProgressBar, QPushButton, QVBoxLayout,
    QWidget,
)

from ipt_desktop.services.errors import (
    DatabaseUnreadableError, NewerVersionError, NoPracticeError, PassphraseError, PracticeInUseError,
)
from ipt_desktop.ui import theme
from ipt_desktop.ui.icons import app_icon, icon
from ipt_desktop.ui.startup.worker import BackgroundCall, show_busy

log = logging.getLogger(__name__)

# The demo practice holds only fictional people; its passphrase is fixed and shown on screen.
DEMO_PASSPHRASE = "demo-practice"


def _derive_key(data_dir: Path, passphrase: str | None):
    # Runs in the worker thread: the import itself is part of the slow work.
    from ipt_desktop.services.practice import unlock_key

    return unlock_key(data_dir, passphrase)


def _is_encrypted(data_dir: Path) -> bool:
    from ipt_desktop.services.practice import practice_is_encrypted

    return practice_is_encrypted(data_dir)


def describe_open_error(widget: QWidget, exc: BaseException) -> tuple[str, str]:
    """(kind, message for people) for an exception raised while opening a practice."""
    tr = widget.tr
    if isinstance(exc, PassphraseError):
        return "passphrase", tr("That passphrase is not correct. Check Caps Lock and try again.")
    if isinstance(exc, NewerVersionError):
        return "newer", tr("This practice was saved by a newer version of IPT Desktop. Install that "
                           "version (or a later one) to open it. Nothing was changed.")
    if isinstance(exc, DatabaseUnreadableError):
        return "damaged", tr("The practice file could not be read: %1 Nothing was changed.").replace(
            "%1", exc.message.rstrip(".") + ".")
    if isinstance(exc, PracticeInUseError):
        return "in_use", tr("This practice is already open in another IPT Desktop window. Close that "
                            "window first, then click Try again.")
    if isinstance(exc, NoPracticeError):
        return "missing", tr("There is no practice in this folder any more: %1").replace("%1", exc.message)
    log.error("opening the practice failed unexpectedly", exc_info=exc)
    return "unexpected", tr("The practice could not be opened because of an unexpected problem. "
                            "The details were written to the log file.")


class UnlockDialog(QDialog):
    """Emits ``unlocked(practice)`` and closes; Quit rejects. Non-blocking: use show()/open()."""

    unlocked = Signal(object)

    def __init__(self, data_dir: Path, *, lock=None, demo: bool = False, encrypted: bool = True,
                 interaction=None, settings=None, check_now: bool = True,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.data_dir = Path(data_dir)
        self.check_now = check_now  # False: the window checks the file in the background
        # Used only when the file turns out damaged (offer a backup); tests pass scripted ones.
        self.interaction = interaction
        self.settings = settings
        self._recovery_offered = False
        # An unencrypted practice (created with "init --no-passphrase") needs no passphrase: the
        # dialog then only shows progress and errors, and starts opening as soon as it is shown.
        self.encrypted = encrypted
        self.lock = lock  # paths.PracticeLock taken before opening, or None when already held
        self.demo = demo
        self.error_kind: str | None = None
        self._call: BackgroundCall | None = None
        self.setWindowTitle(self.tr("Unlock \u2014 IPT Desktop") + (self.tr(" (demo)") if demo else ""))
        self.setWindowIcon(app_icon())
        self.setMinimumWidth(440)

        logo = QLabel(self)
        logo.setPixmap(app_icon().pixmap(48, 48))
        heading = QLabel(self.tr("Unlock your practice") if not demo else self.tr("Unlock the demo practice"),
                         self)
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        heading.setFont(font)
        where = QLabel(str(self.data_dir), self)
        where.setStyleSheet(theme.hint_css(self))
        self._where = where  # made selectable after the first paint (see paintEvent)
        self._first_paint_done = False
        where.setWordWrap(True)
        titles = QVBoxLayout()
        titles.addWidget(heading)
        titles.addWidget(where)
        top = QHBoxLayout()
        logo_column = QVBoxLayout()  # the logo at the top, however tall the titles wrap
        logo_column.addWidget(logo)
        logo_column.addStretch(1)
        top.addLayout(logo_column)
        top.addLayout(titles, 1)

        self.passphrase_edit = QLineEdit(self)
        self.passphrase_edit.setObjectName("passphrase")
        self.passphrase_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase_edit.setPlaceholderText(self.tr("Passphrase"))
        self.passphrase_edit.setAccessibleName(self.tr("Passphrase"))
        # The lock glyph's place is kept now; the SVG is rendered after the first paint (~4 ms).
        self._lock_action = self.passphrase_edit.addAction(QIcon(), QLineEdit.ActionPosition.LeadingPosition)
        self.passphrase_edit.returnPressed.connect(self.unlock)
        self.show_box = QCheckBox(self.tr("Show passphrase"), self)
        self.show_box.toggled.connect(lambda on: self.passphrase_edit.setEchoMode(
            QLineEdit.EchoMode.Normal if on else QLineEdit.EchoMode.Password))
        if demo:
            self.passphrase_edit.setText(DEMO_PASSPHRASE)

        self.message_label = QLabel(self)
        self.message_label.setObjectName("unlockMessage")
        self.message_label.setWordWrap(True)
        self.message_label.hide()  # styled by _show_error, when there is something to say

        self.busy = QProgressBar(self)
        self.busy.setRange(0, 0)  # indeterminate: key derivation has no measurable progress
        self.busy.setTextVisible(False)
        self.busy.setMaximumHeight(6)
        self.busy_label = QLabel(self.tr("Unlocking\u2026"), self)
        self.busy_label.setStyleSheet(theme.hint_css(self))
        busy_row = QHBoxLayout()
        busy_row.addWidget(self.busy_label)
        busy_row.addWidget(self.busy, 1)
        self._set_busy(False)

        self.quit_button = QPushButton(self.tr("Quit"), self)
        self.quit_button.clicked.connect(self.reject)
        self.unlock_button = QPushButton(self.tr("Unlock"), self)
        self.unlock_button.setObjectName("unlockButton")
        self.unlock_button.setDefault(True)
        self.unlock_button.clicked.connect(self.unlock)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.quit_button)
        buttons.addWidget(self.unlock_button)

        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        layout.addLayout(top)
        layout.addWidget(self.passphrase_edit)
        layout.addWidget(self.show_box)
        layout.addWidget(self.message_label)
        layout.addStretch(1)  # room a message grows the dialog by stays below it, not in the title
        layout.addLayout(busy_row)
        layout.addLayout(buttons)
        self.setTabOrder(self.passphrase_edit, self.show_box)
        self.setTabOrder(self.show_box, self.unlock_button)
        self.setTabOrder(self.unlock_button, self.quit_button)
        self.passphrase_edit.setFocus()
        if not encrypted:
            for widget in (self.passphrase_edit, self.show_box):
                widget.hide()
            self.unlock_button.setText(self.tr("Open"))
        self._take_lock()

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().paintEvent(event)
        if not self._first_paint_done:
            self._first_paint_done = True
            QTimer.singleShot(0, self, self._after_first_paint)  # dropped if the dialog is gone

    def _after_first_paint(self) -> None:
        # Here, not in __init__, so the therapist does not wait for them to see the dialog at
        # all: naming any Qt.* enum builds the whole Qt namespace, ~20 ms (QT_NAMESPACE_NOTE in
        # ui.theme), and the lock glyph is 20 SVG renders (sizes x scales x modes).
        from PySide6.QtCore import Qt

        self._where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._lock_action.setIcon(icon("lock"))

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if not self.encrypted and self._call is None and self.error_kind is None:
            QTimer.singleShot(0, self.unlock)

    # -- flow ------------------------------------------------------------------------------------
    def unlock(self) -> None:
        """Start unlocking with the typed passphrase (no-op while already working)."""
        if self._call is not None:
            return
        passphrase = self.passphrase_edit.text() if self.encrypted else None
        if self.encrypted and not passphrase:
            self._show_error("passphrase", self.tr("Type your passphrase."))
            return
        if not self._take_lock():
            return
        self._hide_error()
        self._set_busy(True)
        data_dir = self.data_dir
        self._call = BackgroundCall(lambda: _derive_key(data_dir, passphrase), self)
        self._call.done.connect(self._on_key)
        self._call.start()

    def is_busy(self) -> bool:
        return self._call is not None

    def _on_key(self, key, error: BaseException | None) -> None:
        self._call = None
        spare = None
        if error is None:
            try:
                from ipt_desktop.services.backup_restore import spare_key
                from ipt_desktop.services.practice import open_practice_with_key

                # Opening a damaged file wipes the key; a copy finds a backup with the same salt.
                spare = spare_key(key)
                practice = open_practice_with_key(self.data_dir, key=key, check_now=self.check_now)
            except Exception as exc:  # every failure gets a plain sentence; unknown ones are logged
                # The store wipes the key material when opening fails; on success the engine
                # owns it (Practice.close() wipes it on lock and quit).
                error = exc
        self._set_busy(False)
        try:
            if error is not None:
                if self._is_damaged(error) and self._offer_backup(spare):
                    self.unlock()  # the restored file: open it the usual way
                    return
                self._show_error(*describe_open_error(self, error))
                return
        finally:
            if spare is not None:
                spare.wipe()
        self.passphrase_edit.clear()
        log.info("practice unlocked")
        self.unlocked.emit(practice)
        self.accept()

    def report_damage(self) -> None:
        """The window's background check found damage after an unlock without the check: say so,
        and check first on the next try, which leads to the offer of the newest verified backup."""
        self.check_now = True
        self._show_error("damaged", self.tr(
            "IPT Desktop found damage in the practice file. Unlock to restore the newest verified "
            "backup; nothing else was changed."))

    @staticmethod
    def _is_damaged(error: BaseException) -> bool:
        # Damaged, not merely newer (NewerVersionError is a subclass) nor a wrong passphrase.
        return isinstance(error, DatabaseUnreadableError) and not isinstance(error, NewerVersionError)

    def _offer_backup(self, key) -> bool:
        """Offer the newest VERIFIED backup (never to wipe anything); True when it was restored.

        Offered once per dialog, so a backup that also fails to open cannot loop.
        """
        if self._recovery_offered:
            return False
        self._recovery_offered = True
        from ipt_desktop.ui.backups.recovery import offer_restore
        from ipt_desktop.ui.interaction import Interaction
        from ipt_desktop.ui.settings import UiSettings

        interaction = self.interaction or Interaction(self)
        settings = self.settings or UiSettings()
        passphrase = self.passphrase_edit.text() if self.encrypted else None
        try:
            result = offer_restore(self.data_dir, interaction=interaction, key=key, passphrase=passphrase or None,
                                   folder=settings.backup_folder())
        except Exception:  # the offer must not take the plain error message away
            log.exception("looking for a backup after damage failed")
            return False
        return result is not None

    def _take_lock(self) -> bool:
        if self.lock is None or self.lock.held:
            return True
        if self.lock.try_acquire():
            self.unlock_button.setText(self.tr("Unlock"))
            return True
        self._show_error(*describe_open_error(self, PracticeInUseError("")))
        self.unlock_button.setText(self.tr("Try again"))
        return False

    # -- presentation ------------------------------------------------------------------------------
    def _show_error(self, kind: str, message: str) -> None:
        from PySide6.QtCore import Qt  # after the first paint (QT_NAMESPACE_NOTE in ui.theme)

        self.error_kind = kind
        self.message_label.setTextFormat(Qt.TextFormat.PlainText)
        self.message_label.setStyleSheet(theme.error_css())
        self.message_label.setText(message)
        self.message_label.show()
        # Grow to fit the message: a shown dialog keeps its size, and the layout would squeeze
        # the heading and spacing instead (clipped text).
        self.layout().activate()
        if self.height() < self.sizeHint().height():
            self.resize(self.width(), self.sizeHint().height())
        if kind == "passphrase":
            self.passphrase_edit.setFocus()
            self.passphrase_edit.selectAll()

    def _hide_error(self) -> None:
        self.error_kind = None
        self.message_label.clear()
        self.message_label.hide()

    def _set_busy(self, busy: bool) -> None:
        self.busy.setVisible(busy)
        self.busy_label.setVisible(busy)
        show_busy(self, busy, (getattr(self, "passphrase_edit", None),
                               getattr(self, "unlock_button", None), getattr(self, "show_box", None)))

    def reject(self) -> None:
        if self._call is not None:
            # Let the key derivation finish before the dialog (its parent) goes away.
            self._call.wait()
        super().reject()
