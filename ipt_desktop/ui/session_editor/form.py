"""The fields of one session: load a Session into widgets, read an edited Session back.

No saving here (the dialog does that); the form only knows widgets, validation beside each
field, and which edits should trigger an autosave.
"""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import QDate, QDateTime, QEvent, QObject, QTime, Signal
from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QDateTimeEdit, QFormLayout, QGridLayout, QGroupBox, QHBoxLayout, QLabel,
    QLineEdit, QPlainTextEdit, QSpinBox, QVBoxLayout, QWidget,
)

from ipt_desktop.domain.interventions import INTERVENTIONS, intervention_label
from ipt_desktop.domain.problem_areas import PROBLEM_AREAS, area_colour
from ipt_desktop.domain.records import SUICIDAL_IDEATION_LEVELS, Session
from ipt_desktop.domain.validation import FieldError, ValidationFailed, parse_datetime_minutes
from ipt_desktop.ui.timeline.labels import IDEATION_TEXT, status_choices
from ipt_desktop.ui.widgets.field_error import FieldErrorLabel

_TEXT_FIELDS = ("notes", "homework_assigned", "homework_review", "risk_notes")


def _error_label() -> FieldErrorLabel:
    return FieldErrorLabel()


def _swatch(colour: str) -> QIcon:
    """The problem area's colour beside its name, as on the timeline cards and charts."""
    pixmap = QPixmap(12, 12)
    pixmap.fill(QColor(colour))
    return QIcon(pixmap)


def _plain(height: int | None = None) -> QPlainTextEdit:
    edit = QPlainTextEdit()
    edit.setTabChangesFocus(True)  # Tab moves on through the form instead of typing a tab
    if height is not None:
        edit.setFixedHeight(height)
    return edit


class SessionForm(QWidget):
    edited = Signal()  # something changed: autosave after a short idle
    commit_requested = Signal()  # a field was left (focus-out / editingFinished): save now
    time_committed = Signal()  # the date/time field was left: save including the new time

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._loading = False
        self.when = QDateTimeEdit()
        self.when.setCalendarPopup(True)
        self.when.setDisplayFormat("ddd d MMM yyyy  HH:mm")
        self.duration = QSpinBox()
        self.duration.setRange(5, 600)
        self.duration.setSingleStep(5)
        self.duration.setSuffix(self.tr(" min"))
        self.status = QComboBox()
        for key, label in status_choices():
            self.status.addItem(label, key)
        self.focus_area = QComboBox()
        self.focus_area.addItem(self.tr("None chosen"), None)
        for key, label in PROBLEM_AREAS.items():
            self.focus_area.addItem(_swatch(area_colour(key)), self.tr(label), key)
        self.mood = QLineEdit()
        self.mood.setPlaceholderText(self.tr("0-10, empty = not rated"))
        self.mood.setMaximumWidth(180)
        self.ideation = QComboBox()
        for key in (None, *SUICIDAL_IDEATION_LEVELS):
            self.ideation.addItem(self.tr(IDEATION_TEXT[key]), key)
        self.ideation_note = FieldErrorLabel()
        bold = self.ideation_note.font()
        bold.setBold(True)
        self.ideation_note.setFont(bold)
        self.risk_notes = _plain(64)
        self.notes = _plain()
        self.notes.setMinimumHeight(140)
        self.homework_assigned = _plain(64)
        self.homework_review = _plain(64)

        self.intervention_boxes: dict[str, QCheckBox] = {}
        self._interventions_box = QGroupBox(self.tr("Interventions used"))
        self._interventions_grid = QGridLayout(self._interventions_box)
        self._interventions_grid.setVerticalSpacing(2)
        for key in INTERVENTIONS:
            self._add_intervention(key)

        self.errors: dict[str, FieldErrorLabel] = {name: _error_label() for name in (
            "scheduled_at", "duration_minutes", "status", "focus_problem_area", "mood",
            "suicidal_ideation", "risk_notes", "notes", "homework_assigned", "homework_review",
            "interventions")}

        left = QFormLayout()
        left.addRow(self.tr("&Date and time:"), self._with_error(self.when, "scheduled_at"))
        left.addRow(self.tr("D&uration:"), self._with_error(self.duration, "duration_minutes"))
        left.addRow(self.tr("&Status:"), self._with_error(self.status, "status"))
        left.addRow(self.tr("&Focus problem area:"), self._with_error(self.focus_area, "focus_problem_area"))
        left.addRow(self.tr("&Mood (0-10):"), self._with_error(self.mood, "mood"))
        left.addRow(self.tr("Suicidal &ideation:"), self._with_error(self.ideation, "suicidal_ideation"))
        left.addRow("", self.ideation_note)
        left.addRow(self.tr("&Risk notes:"), self._with_error(self.risk_notes, "risk_notes"))
        left_box = QVBoxLayout()
        left_box.addLayout(left)
        left_box.addWidget(self._interventions_box)
        left_box.addWidget(self.errors["interventions"])
        left_box.addStretch(1)

        right = QVBoxLayout()
        right.addWidget(QLabel(self.tr("Session &notes:")))
        right.itemAt(0).widget().setBuddy(self.notes)
        right.addWidget(self.notes, 1)
        right.addWidget(self.errors["notes"])
        for title, edit, name in (
                (self.tr("&Homework assigned:"), self.homework_assigned, "homework_assigned"),
                (self.tr("Homework re&view:"), self.homework_review, "homework_review")):
            label = QLabel(title)
            label.setBuddy(edit)
            right.addWidget(label)
            right.addWidget(edit)
            right.addWidget(self.errors[name])
        self.right_column = right

        columns = QHBoxLayout(self)
        columns.setContentsMargins(0, 0, 0, 0)
        columns.setSpacing(18)
        columns.addLayout(left_box, 5)
        columns.addLayout(right, 6)
        self._connect()
        self._set_tab_order()

    # -- building helpers ----------------------------------------------------------------------
    def _with_error(self, widget: QWidget, name: str) -> QWidget:
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(widget)
        layout.addWidget(self.errors[name])
        return box

    def _add_intervention(self, key: str) -> QCheckBox:
        box = QCheckBox(self.tr(intervention_label(key)))
        index = len(self.intervention_boxes)
        self._interventions_grid.addWidget(box, index // 2, index % 2)
        self.intervention_boxes[key] = box
        box.toggled.connect(self._changed)
        return box

    def _connect(self) -> None:
        for edit in (self.notes, self.homework_assigned, self.homework_review, self.risk_notes):
            edit.textChanged.connect(self._changed)
            edit.installEventFilter(self)
        self.mood.textChanged.connect(self._mood_typed)
        self.mood.editingFinished.connect(self.commit_requested)
        for combo in (self.status, self.focus_area, self.ideation):
            combo.currentIndexChanged.connect(self._changed)
        self.ideation.currentIndexChanged.connect(self._update_ideation_note)
        self.duration.valueChanged.connect(self._changed)
        self.duration.editingFinished.connect(self.commit_requested)
        self.when.editingFinished.connect(self.time_committed)

    def _set_tab_order(self) -> None:
        chain = [self.when, self.duration, self.status, self.focus_area, self.mood, self.ideation,
                 self.risk_notes, *self.intervention_boxes.values(), self.notes,
                 self.homework_assigned, self.homework_review]
        for first, second in zip(chain, chain[1:]):
            QWidget.setTabOrder(first, second)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        # QPlainTextEdit has no editingFinished; leaving it is the moment to save.
        if event.type() == QEvent.Type.FocusOut:
            self.commit_requested.emit()
        return super().eventFilter(watched, event)

    def _changed(self, *_args) -> None:
        if not self._loading:
            self.edited.emit()

    def _mood_typed(self, _text: str) -> None:
        # Validate as the therapist types, beside the field, so a bad value never waits for a save.
        self.show_errors(self._mood_errors(), only=("mood",))
        self._changed()

    def _update_ideation_note(self) -> None:
        level = self.ideation.currentData()
        if level in ("passive", "active"):
            self.ideation_note.show_error(self.tr("%1 suicidal ideation: record your risk assessment "
                                                  "and plan in the risk notes.")
                                          .replace("%1", self.tr(IDEATION_TEXT[level])))
        else:
            self.ideation_note.clear_error()

    # -- load / read -------------------------------------------------------------------------
    def load(self, session: Session) -> None:
        self._loading = True
        try:
            self.set_time(session.scheduled_at)
            self.duration.setValue(session.duration_minutes)
            self._select(self.status, session.status)
            self._select(self.focus_area, session.focus_problem_area)
            self.mood.setText("" if session.mood is None else str(session.mood))
            self._select(self.ideation, session.suicidal_ideation)
            for key in session.interventions:
                if key not in self.intervention_boxes:
                    # Keep interventions this version does not know (e.g. from a newer export).
                    self._add_intervention(key)
            for key, box in self.intervention_boxes.items():
                box.setChecked(key in session.interventions)
            for name in _TEXT_FIELDS:
                getattr(self, name).setPlainText(getattr(session, name))
            self._update_ideation_note()
            self.show_errors([])
        finally:
            self._loading = False

    def set_time(self, scheduled_at: str) -> None:
        """Show a stored "YYYY-MM-DDTHH:MM" (built field by field: no locale parsing)."""
        moment = parse_datetime_minutes(scheduled_at)
        if moment is not None:
            self.when.setDateTime(QDateTime(QDate(moment.year, moment.month, moment.day),
                                            QTime(moment.hour, moment.minute)))

    @staticmethod
    def _select(combo: QComboBox, value: object) -> None:
        index = combo.findData(value)
        if index < 0:
            # An unknown stored value stays selectable rather than being silently replaced.
            combo.addItem(str(value), value)
            index = combo.count() - 1
        combo.setCurrentIndex(index)

    def scheduled_at(self) -> str:
        moment = self.when.dateTime()
        d, t = moment.date(), moment.time()
        return f"{d.year():04d}-{d.month():02d}-{d.day():02d}T{t.hour():02d}:{t.minute():02d}"

    def _mood_errors(self) -> list[FieldError]:
        text = self.mood.text().strip()
        if not text:
            return []
        if not text.isdigit() or not 0 <= int(text) <= 10:
            return [FieldError("mood", self.tr("Mood must be a whole number from 0 to 10, "
                                               "or empty for not rated."))]
        return []

    def read(self, base: Session, *, include_time: bool = True) -> Session:
        """The edited session; ValidationFailed (shown beside the fields) when a field is bad."""
        errors = self._mood_errors()
        if errors:
            self.show_errors(errors)
            raise ValidationFailed(errors)
        text = self.mood.text().strip()
        interventions = tuple(key for key, box in self.intervention_boxes.items() if box.isChecked())
        return dataclasses.replace(
            base,
            scheduled_at=self.scheduled_at() if include_time else base.scheduled_at,
            duration_minutes=self.duration.value(),
            status=self.status.currentData(),
            focus_problem_area=self.focus_area.currentData(),
            mood=int(text) if text else None,
            suicidal_ideation=self.ideation.currentData(),
            interventions=interventions,
            **{name: getattr(self, name).toPlainText() for name in _TEXT_FIELDS},
        )

    def show_errors(self, errors, *, only: tuple[str, ...] | None = None) -> list[FieldError]:
        """Show each error under its field; returns the errors no field could show."""
        shown: dict[str, str] = {}
        unplaced = []
        for error in errors:
            name = field_name(error.path)
            if name in self.errors:
                shown.setdefault(name, error.message)
            else:
                unplaced.append(error)
        for name, label in self.errors.items():
            if only is not None and name not in only:
                continue
            label.show_error(shown.get(name, ""))
        return unplaced


def field_name(path: str) -> str:
    """"sessions[3].mood" / "session.mood" / "mood" -> "mood"."""
    last = path.rsplit(".", 1)[-1]
    return last.split("[", 1)[0]
