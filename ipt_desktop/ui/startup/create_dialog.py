"""First run: "Create your practice" (profile + passphrase), or "Explore with demo data".

Creating derives the key and builds the database in a worker thread; the demo practice lives in
its own folder (data_dir/"demo") with a fixed passphrase, so a newcomer can look around without
touching the real practice file.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog, QFormLayout, QFrame, QHBoxLayout, QLabel, QLineEdit, QPlainTextEdit, QProgressBar,
    QPushButton, QVBoxLayout, QWidget,
)

from ipt_desktop.domain.records import PracticeProfile
from ipt_desktop.domain.validation import ValidationFailed
from ipt_desktop.paths import PracticeLock
from ipt_desktop.services.errors import PracticeInUseError
from ipt_desktop.ui import theme
from ipt_desktop.ui.icons import app_icon
from ipt_desktop.ui.startup.passphrase import MIN_LENGTH, strength
from ipt_desktop.ui.startup.unlock_dialog import DEMO_PASSPHRASE, describe_open_error
from ipt_desktop.ui.startup.worker import BackgroundCall, show_busy
from ipt_desktop.ui.widgets.field_error import FieldErrorLabel, add_field_row

log = logging.getLogger(__name__)

DEMO_DIRNAME = "demo"
_PROFILE_FIELDS = (  # key, label, placeholder
    ("therapist_name", "Your name *", "As it should appear on reports"),
    ("credentials", "Credentials", "e.g. PhD, Clinical Psychologist"),
    ("practice_name", "Practice name", ""),
    ("address", "Address", ""),
    ("phone", "Phone", ""),
    ("licence_number", "Licence number", ""),
)


def demo_dir(data_dir: Path) -> Path:
    return Path(data_dir) / DEMO_DIRNAME


def _create(data_dir: Path, passphrase: str, profile: PracticeProfile):
    from ipt_desktop.services.practice import create_practice

    return create_practice(data_dir, passphrase=passphrase, profile=profile)


def _open_or_create_demo(folder: Path):
    """("key", KeyMaterial) for an existing demo practice, ("practice", Practice) for a new one."""
    from ipt_desktop.services.practice import create_practice, practice_exists, unlock_key

    if practice_exists(folder):
        return "key", unlock_key(folder, DEMO_PASSPHRASE)
    from ipt_desktop.services.demo import DEMO_PROFILE, add_demo_clients

    practice = create_practice(folder, passphrase=DEMO_PASSPHRASE, profile=DEMO_PROFILE)
    try:
        add_demo_clients(practice)
    except BaseException:
        practice.close()
        raise
    return "practice", practice


class CreatePracticeDialog(QDialog):
    """Emits ``created(practice, is_demo)``; ``practice_lock`` is then the lock being held."""

    created = Signal(object, bool)

    def __init__(self, data_dir: Path, *, lock: PracticeLock | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.data_dir = Path(data_dir)
        self.lock = lock or PracticeLock(self.data_dir)
        self.practice_lock: PracticeLock | None = None
        self.error_kind: str | None = None
        self._call: BackgroundCall | None = None
        self.setWindowTitle(self.tr("Create your practice \u2014 IPT Desktop"))
        self.setWindowIcon(app_icon())
        self.setMinimumWidth(560)

        heading = QLabel(self.tr("Create your practice"), self)
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.35)
        font.setBold(True)
        heading.setFont(font)
        intro = QLabel(self.tr("Your details appear on printed reports. Everything is kept in one "
                               "encrypted file on this computer."), self)
        intro.setWordWrap(True)
        intro.setStyleSheet(theme.hint_css(self))

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        self.fields: dict[str, QLineEdit | QPlainTextEdit] = {}
        self.errors: dict[str, FieldErrorLabel] = {}
        for key, label, placeholder in _PROFILE_FIELDS:
            if key == "address":
                widget: QLineEdit | QPlainTextEdit = QPlainTextEdit(self)
                widget.setTabChangesFocus(True)
                widget.setFixedHeight(widget.fontMetrics().lineSpacing() * 3 + 14)
            else:
                widget = QLineEdit(self)
                widget.setPlaceholderText(self.tr(placeholder) if placeholder else "")
            self._add_row(form, key, self.tr(label), widget)

        self.passphrase = QLineEdit(self)
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setPlaceholderText(self.tr("At least %1 characters; a short sentence is best")
                                           .replace("%1", str(MIN_LENGTH)))
        self.passphrase.textChanged.connect(self._update_strength)
        holder = self._add_row(form, "passphrase", self.tr("Passphrase *"), self.passphrase)
        self.strength_label = QLabel(holder)
        self.strength_label.setObjectName("strength")
        holder.layout().insertWidget(1, self.strength_label)
        self.repeat = QLineEdit(self)
        self.repeat.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeat.returnPressed.connect(self.create)
        self._add_row(form, "repeat", self.tr("Passphrase again *"), self.repeat)

        warning = QFrame(self)
        warning.setObjectName("passphraseWarning")
        warning.setFrameShape(QFrame.Shape.StyledPanel)
        warning_text = QLabel(self.tr(
            "Write your passphrase down and keep it somewhere safe. If it is forgotten, the practice "
            "cannot be opened and nobody can recover it \u2014 there is no reset."), warning)
        warning_text.setWordWrap(True)
        warning_layout = QVBoxLayout(warning)
        warning_layout.setContentsMargins(10, 6, 10, 6)
        warning_layout.addWidget(warning_text)
        self.warning_text = warning_text

        self.message_label = FieldErrorLabel(self)
        self.message_label.setObjectName("createMessage")
        self.busy = QProgressBar(self)
        self.busy.setRange(0, 0)
        self.busy.setTextVisible(False)
        self.busy.setMaximumHeight(6)
        self.busy.hide()

        self.demo_button = QPushButton(self.tr("Explore with demo data"), self)
        self.demo_button.setObjectName("demoButton")
        self.demo_button.setToolTip(self.tr("Opens a separate practice of fictional clients. "
                                            "Your own practice can be created later."))
        self.demo_button.clicked.connect(self.open_demo)
        self.demo_button.setAutoDefault(False)
        self.quit_button = QPushButton(self.tr("Quit"), self)
        self.quit_button.setAutoDefault(False)
        self.quit_button.clicked.connect(self.reject)
        self.create_button = QPushButton(self.tr("Create practice"), self)
        self.create_button.setObjectName("createButton")
        self.create_button.setDefault(True)
        self.create_button.clicked.connect(self.create)
        buttons = QHBoxLayout()
        buttons.addWidget(self.demo_button)
        buttons.addStretch(1)
        buttons.addWidget(self.quit_button)
        buttons.addWidget(self.create_button)

        layout = QVBoxLayout(self)
        layout.setSpacing(8)
        layout.addWidget(heading)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(warning)
        layout.addWidget(self.message_label)
        layout.addWidget(self.busy)
        layout.addLayout(buttons)
        self._update_strength("")
        self.fields["therapist_name"].setFocus()

    def _add_row(self, form: QFormLayout, key: str, label: str, widget: QWidget) -> QWidget:
        widget.setObjectName(key)
        holder, error = add_field_row(form, self, key, label, widget)
        if key not in ("passphrase", "repeat"):
            self.fields[key] = widget  # type: ignore[assignment]
        self.errors[key] = error
        return holder

    # -- values and checks -----------------------------------------------------------------------
    def profile(self) -> PracticeProfile:
        values = {}
        for key, widget in self.fields.items():
            text = widget.toPlainText() if isinstance(widget, QPlainTextEdit) else widget.text()
            values[key] = text.strip()
        return PracticeProfile(**values)

    def validate(self) -> bool:
        """Shows each problem beside its field; True when everything can be stored."""
        for label in self.errors.values():
            label.clear_error()
        self.message_label.clear_error()
        problems: dict[str, str] = {}
        if not self.fields["therapist_name"].text().strip():  # type: ignore[union-attr]
            problems["therapist_name"] = self.tr("Your name is needed for reports.")
        if len(self.passphrase.text()) < MIN_LENGTH:
            problems["passphrase"] = self.tr("Use at least %1 characters.").replace("%1", str(MIN_LENGTH))
        if self.repeat.text() != self.passphrase.text():
            problems["repeat"] = self.tr("The two passphrases do not match.")
        for key, message in problems.items():
            self.errors[key].show_error(message)
        if problems:
            first = next(iter(problems))
            widget = {"passphrase": self.passphrase, "repeat": self.repeat}.get(first) or self.fields[first]
            widget.setFocus()
        return not problems

    def _update_strength(self, text: str) -> None:
        level = strength(text)
        words = {"weak": self.tr("Strength: weak"), "fair": self.tr("Strength: fair"),
                 "strong": self.tr("Strength: strong")}
        colour = {"weak": theme.error_text().name(), "fair": "#b26a00", "strong": "#2e7d32"}[level]
        if theme.is_dark():
            colour = {"weak": theme.error_text().name(), "fair": "#ffb74d", "strong": "#81c784"}[level]
        self.strength_label.setText(words[level] if text else
                                    self.tr("Longer is stronger: a few unrelated words work well."))
        self.strength_label.setStyleSheet(f"color: {colour};" if text else theme.hint_css(self))
        self.strength = level

    # -- actions ---------------------------------------------------------------------------------
    def create(self) -> None:
        if self._call is not None or not self.validate():
            return
        if not self.lock.held and not self.lock.try_acquire():
            self._fail(PracticeInUseError(""))
            return
        data_dir, passphrase, profile = self.data_dir, self.passphrase.text(), self.profile()
        self._start(lambda: _create(data_dir, passphrase, profile), self._on_created)

    def open_demo(self) -> None:
        if self._call is not None:
            return
        self.demo_lock = PracticeLock(demo_dir(self.data_dir))
        if not self.demo_lock.try_acquire():
            self._fail(PracticeInUseError(""))
            return
        folder = demo_dir(self.data_dir)
        self._start(lambda: _open_or_create_demo(folder), self._on_demo)

    def _start(self, fn, slot) -> None:
        self.message_label.clear_error()
        self._set_busy(True)
        self._call = BackgroundCall(fn, self)
        self._call.done.connect(slot)
        self._call.start()

    def _on_created(self, practice, error: BaseException | None) -> None:
        self._call = None
        self._set_busy(False)
        if error is not None:
            self.lock.release()
            self._fail(error)
            return
        self.passphrase.clear()
        self.repeat.clear()
        log.info("practice created")
        self.practice_lock = self.lock
        self.created.emit(practice, False)
        self.accept()

    def _on_demo(self, result, error: BaseException | None) -> None:
        self._call = None
        practice = None
        if error is None:
            kind, value = result
            try:
                if kind == "key":
                    from ipt_desktop.services.practice import open_practice_with_key

                    practice = open_practice_with_key(demo_dir(self.data_dir), key=value)
                else:
                    practice = value
            except Exception as exc:
                error = exc
        self._set_busy(False)
        if error is not None:
            self.demo_lock.release()
            self._fail(error)
            return
        self.practice_lock = self.demo_lock
        self.created.emit(practice, True)
        self.accept()

    def _fail(self, error: BaseException) -> None:
        if isinstance(error, ValidationFailed):
            for field_error in error.errors:
                target = self.errors.get(field_error.path, self.message_label)
                target.show_error(field_error.message)
            self.error_kind = "validation"
            return
        self.error_kind, message = describe_open_error(self, error)
        if self.error_kind == "unexpected":
            message = self.tr("The practice could not be created because of an unexpected problem. "
                              "The details were written to the log file.")
        elif hasattr(error, "message") and self.error_kind not in ("in_use",):
            message = error.message  # e.g. the folder cannot be created, a practice already exists
        self.message_label.show_error(message)

    def _set_busy(self, busy: bool) -> None:
        self.busy.setVisible(busy)
        show_busy(self, busy, (*self.fields.values(), self.passphrase, self.repeat,
                               self.create_button, self.demo_button))

    def reject(self) -> None:
        if self._call is not None:
            self._call.wait()
        super().reject()
