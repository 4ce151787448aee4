"""The episode and formulation boxes of the Overview tab, autosaved field by field.

Every field saves through one function that writes the WHOLE episode-level record from the
widgets (services.episodes.update_episode), starting from the last version we stored; so two
quick edits in different fields can never overwrite each other with stale values.
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
from typing import Any

from PySide6.QtCore import QObject
from PySide6.QtWidgets import (QComboBox, QFormLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit,
                               QPlainTextEdit, QPushButton, QVBoxLayout, QWidget)

from ipt_desktop.domain.episode_stats import attendance, next_session
from ipt_desktop.domain.protocols import PROTOCOLS
from ipt_desktop.domain.records import Episode
from ipt_desktop.services import episodes as episode_service
from ipt_desktop.ui.dialogs.discharge_dialog import REASON_LABELS
from ipt_desktop.ui.formatting import format_date, format_datetime
from ipt_desktop.ui.overview.goal_dialogs import fill_area_combo
from ipt_desktop.ui.widgets.autosave import Autosaver, SaveReporter
from ipt_desktop.ui.widgets.field_error import FieldErrorLabel
from ipt_desktop.ui.widgets.optional_date import OptionalDateEdit

# Episode field -> how the widget value maps onto it.
EPISODE_FIELDS = ("diagnosis", "chief_complaint", "primary_problem_area", "secondary_problem_area",
                  "formulation", "formulation_agreed_on")


def _with_error(parent: QWidget, widget: QWidget) -> tuple[QWidget, FieldErrorLabel]:
    holder = QWidget(parent)
    column = QVBoxLayout(holder)
    column.setContentsMargins(0, 0, 0, 0)
    column.setSpacing(2)
    column.addWidget(widget)
    error = FieldErrorLabel(holder)
    column.addWidget(error)
    return holder, error


class EpisodeForms(QObject):
    """Builds ``episode_box`` and ``formulation_box``; ``set_episode`` / ``flush`` like a tab."""

    def __init__(self, ctx: Any, reporter: SaveReporter, parent: QWidget) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.episode: Episode | None = None
        self.client_id: str | None = None
        self.savers: dict[str, Autosaver] = {}
        self._reporter = reporter
        self.episode_box = self._build_episode_box(parent)
        self.formulation_box = self._build_formulation_box(parent)
        self.set_episode(None, None)

    # -- building ------------------------------------------------------------------------------
    def _bind(self, key: str, widget: QWidget, error: FieldErrorLabel) -> None:
        saver = Autosaver(widget, self._save_from_widgets, reporter=self._reporter, error_label=error,
                          parent=self)
        self.savers[key] = saver

    def _build_episode_box(self, parent: QWidget) -> QGroupBox:
        box = QGroupBox(self.tr("Episode"), parent)
        form = QFormLayout(box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.protocol_label = QLabel(box)
        self.protocol_label.setWordWrap(True)
        self.dates_label = QLabel(box)
        self.dates_label.setWordWrap(True)
        self.diagnosis = QLineEdit(box)
        self.diagnosis.setObjectName("diagnosis")
        self.diagnosis.setPlaceholderText(self.tr("Working diagnosis"))
        self.chief_complaint = QPlainTextEdit(box)
        self.chief_complaint.setObjectName("chief_complaint")
        self.chief_complaint.setTabChangesFocus(True)
        self.chief_complaint.setPlaceholderText(self.tr("In the client's words"))
        self.chief_complaint.setFixedHeight(64)
        form.addRow(self.tr("Protocol"), self.protocol_label)
        form.addRow(self.tr("Dates"), self.dates_label)
        self.sessions_label = QLabel(box)
        self.sessions_label.setWordWrap(True)
        form.addRow(self.tr("Sessions"), self.sessions_label)
        for key, label, widget in (("diagnosis", self.tr("Diagnosis"), self.diagnosis),
                                   ("chief_complaint", self.tr("Chief complaint"), self.chief_complaint)):
            holder, error = _with_error(box, widget)
            form.addRow(label, holder)
            self._bind(key, widget, error)
        return box

    def _build_formulation_box(self, parent: QWidget) -> QGroupBox:
        box = QGroupBox(self.tr("Formulation"), parent)
        form = QFormLayout(box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.primary_area = QComboBox(box)
        self.primary_area.setObjectName("primary_problem_area")
        fill_area_combo(self.primary_area, self.tr("Not chosen yet"))
        self.secondary_area = QComboBox(box)
        self.secondary_area.setObjectName("secondary_problem_area")
        fill_area_combo(self.secondary_area, self.tr("None"))
        self.formulation = QPlainTextEdit(box)
        self.formulation.setObjectName("formulation")
        self.formulation.setTabChangesFocus(True)
        self.formulation.setPlaceholderText(self.tr(
            "The interpersonal formulation shared with the client: how the depression links to "
            "what is happening in their relationships."))
        self.formulation.setMinimumHeight(96)
        self.formulation.setMaximumHeight(130)  # leave room for the goals below at 1280x800
        self.agreed_on = OptionalDateEdit(box, placeholder=self.tr("Not yet agreed"))
        self.agreed_on.setObjectName("formulation_agreed_on")
        self.agree_today = QPushButton(self.tr("Mark agreed today"), box)
        self.agree_today.clicked.connect(lambda: self.agreed_on.set_date(_dt.date.today()))
        agreed_row = QWidget(box)
        row = QHBoxLayout(agreed_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.agreed_on, 1)
        row.addWidget(self.agree_today)
        for key, label, widget, bound in (
                ("primary_problem_area", self.tr("Primary area"), self.primary_area, self.primary_area),
                ("secondary_problem_area", self.tr("Secondary area"), self.secondary_area,
                 self.secondary_area),
                ("formulation", self.tr("Formulation"), self.formulation, self.formulation),
                ("formulation_agreed_on", self.tr("Agreed with client"), agreed_row, self.agreed_on)):
            holder, error = _with_error(box, widget)
            form.addRow(label, holder)
            self._bind(key, bound, error)
        return box

    # -- showing -------------------------------------------------------------------------------
    def set_episode(self, client_id: str | None, episode: Episode | None) -> None:
        """Show an episode. The same episode again updates fields the user is not editing;
        another one (or None) resets every field."""
        same = (episode is not None and self.episode is not None and episode.id == self.episode.id)
        self.episode, self.client_id = episode, client_id
        enabled = episode is not None
        for widget in (self.episode_box, self.formulation_box):
            widget.setEnabled(enabled)
        if episode is None:
            self.protocol_label.setText(self.tr("No episode yet"))
            self.dates_label.setText("")
            self.sessions_label.setText("")
        else:
            protocol = PROTOCOLS.get(episode.protocol)
            self.protocol_label.setText(
                f"{protocol.short_name} \u2014 {protocol.name}" if protocol else episode.protocol)
            self.dates_label.setText(self._dates_text(episode))
            self.sessions_label.setText(self._sessions_text(episode))
        for key, saver in self.savers.items():
            value = getattr(episode, key) if episode is not None else None
            if key in ("diagnosis", "chief_complaint", "formulation"):
                value = value or ""
            if same:
                saver.set_value(value)
            else:
                saver.reset(value)

    def _dates_text(self, episode: Episode) -> str:
        started = self.tr("Started %1").replace("%1", format_date(episode.start_date))
        if episode.discharge is not None:
            reason = self.tr(REASON_LABELS.get(episode.discharge.reason, episode.discharge.reason))
            return started + "; " + self.tr("discharged %1 (%2)").replace(
                "%1", format_date(episode.discharge.date)).replace("%2", reason.lower())
        if episode.end_date:
            return started + "; " + self.tr("ended %1").replace("%1", format_date(episode.end_date))
        return started + "; " + self.tr("active")

    def _sessions_text(self, episode: Episode) -> str:
        counts = attendance(episode)
        text = self.tr("%1 of %2 attended").replace("%1", str(counts.attended)).replace(
            "%2", str(counts.planned))
        if episode.discharge is None:
            upcoming = next_session(episode, _dt.datetime.now().strftime("%Y-%m-%dT%H:%M"))
            if upcoming is not None:
                text += " \u00b7 " + self.tr("next: session %1, %2").replace(
                    "%1", str(upcoming.number)).replace("%2", format_datetime(upcoming.scheduled_at))
        return text

    # -- saving --------------------------------------------------------------------------------
    def _values(self) -> dict[str, Any]:
        assert self.episode is not None
        values = {key: saver.value() for key, saver in self.savers.items()}
        if self.agreed_on.problem():
            # Not a date yet: keep what is stored rather than clearing it from another field's save.
            values["formulation_agreed_on"] = self.episode.formulation_agreed_on
        for key in ("diagnosis", "chief_complaint", "formulation"):
            values[key] = values[key] or ""
        return values

    def _save_from_widgets(self, _value: Any) -> None:
        if self.episode is None:
            return
        updated = dataclasses.replace(self.episode, **self._values())
        if updated == self.episode:
            return
        changes = episode_service.update_episode(self.ctx.practice, episode=updated)
        self.episode = updated
        for saver in self.savers.values():
            if not (saver.editor is self.agreed_on and self.agreed_on.problem()):
                saver.mark_clean()
        self.ctx.hub.changed.emit(changes)

    def flush(self) -> bool:
        ok = True
        for saver in self.savers.values():
            ok = saver.flush() and ok
        return ok
