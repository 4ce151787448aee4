"""Discharge an episode: date, reason and three narrative paragraphs the therapist edits.

The paragraphs are PRE-DRAFTED from the record (domain.narrative.draft_discharge_narrative:
attendance, scores, goals, focus) so the therapist edits sentences instead of starting from a
blank page. On OK it calls services.episodes.discharge_episode (which also marks the client
discharged). If that fails the dialog stays open with every word typed and says why.
"""

from __future__ import annotations

import datetime as _dt
import logging
from typing import Any

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (QComboBox, QDateEdit, QFormLayout, QLabel, QPlainTextEdit, QVBoxLayout,
                               QWidget)

from ipt_desktop.domain.narrative import draft_discharge_narrative
from ipt_desktop.domain.records import ClientRecord, Discharge, Episode
from ipt_desktop.domain.validation import FieldError
from ipt_desktop.services import episodes as episode_service
from ipt_desktop.services.changes import Changes
from ipt_desktop.ui.dialogs.form import FormDialog
from ipt_desktop.ui.formatting import format_date

REASON_LABELS = {
    "completed": "Completed treatment",
    "dropped_out": "Dropped out",
    "referred": "Referred on",
    "other": "Other",
}

_TEXT_FIELDS = (
    ("summary", "Summary", "What happened in treatment and how the client is now."),
    ("warning_signs", "Warning signs", "What would suggest a relapse."),
    ("recommendations", "Recommendations", "What should happen next."),
)


class DischargeDialog(FormDialog):
    """``DischargeDialog(ctx, record, episode_id, parent=None)``; after OK: ``changes``."""

    def __init__(self, ctx: Any, record: ClientRecord, episode_id: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.record = record
        self.episode: Episode = next(e for e in record.episodes if e.id == episode_id)
        self.changes: Changes = Changes()
        self.setWindowTitle(self.tr("Discharge — %1").replace("%1", record.client.full_name))
        self.setMinimumSize(720, 640)

        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("Episode started %1. The text below is a draft from the record: "
                               "edit it freely before saving.").replace(
            "%1", format_date(self.episode.start_date)), self)
        intro.setWordWrap(True)
        layout.addWidget(intro)

        body = QWidget(self)
        form = QFormLayout(body)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.date = QDateEdit(body)
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("ddd d MMM yyyy")
        start = _dt.date.fromisoformat(self.episode.start_date)
        default = max(_dt.date.today(), start)
        self.date.setDate(QDate(default.year, default.month, default.day))
        self.add_field(form, "date", self.tr("Discharge date"), self.date)

        self.reason = QComboBox(body)
        for key, label in REASON_LABELS.items():
            self.reason.addItem(self.tr(label), key)
        self.add_field(form, "reason", self.tr("Reason"), self.reason)

        self.texts: dict[str, QPlainTextEdit] = {}
        for key, label, placeholder in _TEXT_FIELDS:
            edit = QPlainTextEdit(body)
            edit.setObjectName(key)
            edit.setTabChangesFocus(True)
            edit.setPlaceholderText(self.tr(placeholder))
            edit.setMinimumHeight(90)
            self.texts[key] = edit
            self.add_field(form, key, self.tr(label), edit)
        layout.addWidget(body, 1)
        self.finish_layout(layout=layout)
        self.buttons.button(self.buttons.StandardButton.Ok).setText(self.tr("Discharge"))

        self._predraft(default.isoformat())
        self.date.setFocus()

    # Discharging changes the client's status: kept as a draft at lock, never saved by the timer.
    SAVES_AT_LOCK = False

    def lock_draft_key(self) -> tuple:
        return ("discharge", self.episode.id)

    def _predraft(self, today: str) -> None:
        try:
            drafts = draft_discharge_narrative(self.record.client, self.episode, today)
        except Exception:  # noqa: BLE001 - a drafting bug must not stop a discharge
            logging.getLogger(__name__).exception("drafting the discharge narrative failed")
            self.general_error.show_error(self.tr("No draft could be written; type the text yourself."))
            return
        for key, edit in self.texts.items():
            edit.setPlainText(drafts.get(key, ""))

    def discharge(self) -> Discharge:
        return Discharge(date=self.date.date().toString("yyyy-MM-dd"), reason=self.reason.currentData(),
                         summary=self.texts["summary"].toPlainText().strip(),
                         warning_signs=self.texts["warning_signs"].toPlainText().strip(),
                         recommendations=self.texts["recommendations"].toPlainText().strip())

    def accept(self) -> None:  # noqa: D401 - Qt override
        self.clear_errors()
        discharge = self.discharge()
        if discharge.date < self.episode.start_date:
            self.show_errors([FieldError("date", self.tr("The discharge date is before the episode "
                                                         "started (%1).").replace(
                "%1", format_date(self.episode.start_date)))])
            return
        ok, result = self.run(lambda: episode_service.discharge_episode(
            self.ctx.practice, episode_id=self.episode.id, discharge=discharge))
        if not ok:
            return
        self.changes = result
        super().accept()
