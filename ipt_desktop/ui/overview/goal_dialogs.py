"""Small dialogs of the goals list: add/edit a goal, and rate one 0-10 on a date."""

from __future__ import annotations

import datetime as _dt
from typing import Any, Callable

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import QComboBox, QDateEdit, QFormLayout, QLabel, QLineEdit, QSpinBox, QWidget

from ipt_desktop.domain.problem_areas import PROBLEM_AREAS, area_colour
from ipt_desktop.domain.records import Goal
from ipt_desktop.domain.validation import FieldError
from ipt_desktop.ui.dialogs.form import FormDialog


def area_icon(key: str | None) -> QIcon:
    pixmap = QPixmap(12, 12)
    pixmap.fill(QColor(area_colour(key)))
    return QIcon(pixmap)


def fill_area_combo(combo: QComboBox, none_label: str) -> None:
    """"None" first, then the four problem areas in their usual order, each with its colour."""
    combo.addItem(none_label, None)
    for key, label in PROBLEM_AREAS.items():
        combo.addItem(area_icon(key), combo.tr(label), key)


class GoalDialog(FormDialog):
    """Add or edit a goal. ``submit(description, problem_area)`` runs the service call; if it
    raises, the dialog stays open with the text and shows why."""

    def __init__(self, ctx: Any, submit: Callable[[str, str | None], Any], goal: Goal | None = None,
                 default_area: str | None = None, parent: QWidget | None = None,
                 owner: str | None = None) -> None:
        super().__init__(ctx, parent)
        self._submit = submit
        # The episode the goal belongs to, so a draft kept at lock reopens only for that episode.
        self._draft_key = ("goal", owner, goal.id if goal else "new")
        self.setWindowTitle(self.tr("New goal") if goal is None else self.tr("Edit goal"))
        self.setMinimumWidth(480)
        body = QWidget(self)
        form = QFormLayout(body)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.area = QComboBox(body)
        fill_area_combo(self.area, self.tr("No particular problem area"))
        area = goal.problem_area if goal else default_area
        self.area.setCurrentIndex(max(self.area.findData(area), 0))
        self.add_field(form, "problem_area", self.tr("Problem area"), self.area)
        self.description = QLineEdit(body)
        self.description.setPlaceholderText(self.tr("e.g. Talk with my sister about the move once a week"))
        self.description.setText(goal.description if goal else "")
        self.add_field(form, "description", self.tr("Goal"), self.description)
        self.finish_layout(body)
        self.description.setFocus()

    def lock_draft_key(self) -> tuple:
        return self._draft_key

    def accept(self) -> None:  # noqa: D401 - Qt override
        self.clear_errors()
        text = self.description.text().strip()
        if not text:
            self.show_errors([FieldError("description", self.tr("Describe the goal."))])
            return
        ok, _ = self.run(lambda: self._submit(text, self.area.currentData()))
        if ok:
            super().accept()


class RateGoalDialog(FormDialog):
    """A 0-10 rating of one goal for a date. ``submit(date_iso, value)`` runs the service."""

    def __init__(self, ctx: Any, submit: Callable[[str, int], Any], goal: Goal,
                 parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self._submit = submit
        self._draft_key = ("goal-rating", goal.id)
        self.setWindowTitle(self.tr("Rate goal"))
        self.setMinimumWidth(420)
        body = QWidget(self)
        form = QFormLayout(body)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        shown = QLabel(goal.description, body)
        shown.setWordWrap(True)
        shown.setTextFormat(Qt.TextFormat.PlainText)
        form.addRow(self.tr("Goal"), shown)
        self.date = QDateEdit(body)
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("ddd d MMM yyyy")
        today = _dt.date.today()
        self.date.setDate(QDate(today.year, today.month, today.day))
        self.add_field(form, "date", self.tr("Date"), self.date)
        self.value = QSpinBox(body)
        self.value.setRange(0, 10)
        latest = max(goal.ratings, key=lambda r: r.date).value if goal.ratings else 0
        self.value.setValue(latest)
        self.add_field(form, "value", self.tr("Rating"), self.value,
                       hint=self.tr("0 = not at all achieved, 10 = fully achieved."))
        self.finish_layout(body)
        self.value.setFocus()
        self.value.selectAll()

    def lock_draft_key(self) -> tuple:
        return self._draft_key

    def accept(self) -> None:  # noqa: D401 - Qt override
        self.clear_errors()
        ok, _ = self.run(lambda: self._submit(self.date.date().toString("yyyy-MM-dd"), self.value.value()))
        if ok:
            super().accept()
