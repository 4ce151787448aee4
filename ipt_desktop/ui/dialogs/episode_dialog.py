"""Start a new episode of IPT: protocol, first session, rhythm, diagnosis, chief complaint.

On OK it calls services.episodes.start_episode, which plans every session of the protocol. The
dialog shows, live, exactly which dates that will be ("16 sessions will be planned weekly from
7 Sep 2026 to 21 Dec 2026") so nothing about the plan is a surprise.
"""

from __future__ import annotations

import datetime as _dt
from typing import Any

from PySide6.QtCore import QDate, QTime
from PySide6.QtWidgets import (QComboBox, QDateEdit, QFormLayout, QLabel, QLineEdit, QPlainTextEdit,
                               QSpinBox, QTimeEdit, QWidget)

from ipt_desktop.domain.protocols import PROTOCOLS
from ipt_desktop.domain.records import ClientRecord
from ipt_desktop.services import episodes as episode_service
from ipt_desktop.services.changes import Changes
from ipt_desktop.ui.dialogs.form import FormDialog
from ipt_desktop.ui.dialogs.episode_plan import DEFAULT_TIME, next_weekday, plan_sentence, protocol_description

class NewEpisodeDialog(FormDialog):
    """``NewEpisodeDialog(ctx, client_id, parent=None)``; after OK: ``episode`` and ``changes``."""

    def __init__(self, ctx: Any, client_id: str, parent: QWidget | None = None,
                 *, record: ClientRecord | None = None) -> None:
        super().__init__(ctx, parent)
        self.client_id = client_id
        self.episode = None
        self.changes: Changes = Changes()
        self.setWindowTitle(self.tr("Start a new episode"))
        self.setMinimumWidth(600)

        body = QWidget(self)
        form = QFormLayout(body)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)

        self.protocol = QComboBox(body)
        for key, protocol in PROTOCOLS.items():
            self.protocol.addItem(f"{protocol.short_name} \u2014 {protocol.name}", key)
        self.protocol_info = QLabel(body)
        self.protocol_info.setWordWrap(True)
        protocol_holder = self.add_field(form, "protocol", self.tr("Protocol"), self.protocol)
        protocol_holder.layout().insertWidget(1, self.protocol_info)

        self.start_date = QDateEdit(body)
        self.start_date.setCalendarPopup(True)
        self.start_date.setDisplayFormat("ddd d MMM yyyy")
        start = next_weekday(_dt.date.today())
        self.start_date.setDate(QDate(start.year, start.month, start.day))
        self.add_field(form, "start_date", self.tr("First session"), self.start_date)

        self.session_time = QTimeEdit(body)
        self.session_time.setDisplayFormat("HH:mm")
        hh, mm = self._default_time(record).split(":")
        self.session_time.setTime(QTime(int(hh), int(mm)))
        self.add_field(form, "session_time", self.tr("Session time"), self.session_time)

        self.interval = QSpinBox(body)
        self.interval.setRange(1, 28)
        self.interval.setValue(7)
        self.interval.setSuffix(self.tr(" days"))
        self.add_field(form, "interval_days", self.tr("Interval between sessions"), self.interval,
                       hint=self.tr("7 = weekly, the IPT default."))

        self.duration = QSpinBox(body)
        self.duration.setRange(10, 240)
        self.duration.setSingleStep(5)
        self.duration.setValue(50)
        self.duration.setSuffix(self.tr(" minutes"))
        self.add_field(form, "duration_minutes", self.tr("Session length"), self.duration)

        self.diagnosis = QLineEdit(body)
        self.diagnosis.setPlaceholderText(self.tr("e.g. Major depressive disorder, single episode"))
        self.add_field(form, "diagnosis", self.tr("Diagnosis"), self.diagnosis)

        self.chief_complaint = QPlainTextEdit(body)
        self.chief_complaint.setTabChangesFocus(True)
        self.chief_complaint.setFixedHeight(70)
        self.chief_complaint.setPlaceholderText(self.tr("In the client's words"))
        self.add_field(form, "chief_complaint", self.tr("Chief complaint"), self.chief_complaint)

        self.plan = QLabel(body)
        self.plan.setObjectName("plan")
        self.plan.setWordWrap(True)
        font = self.plan.font()
        font.setBold(True)
        self.plan.setFont(font)
        form.addRow(self.plan)
        self.finish_layout(body)

        self.protocol.currentIndexChanged.connect(self._refresh)
        self.start_date.dateChanged.connect(self._refresh)
        self.session_time.timeChanged.connect(self._refresh)
        self.interval.valueChanged.connect(self._refresh)
        self._refresh()
        self.protocol.setFocus()

    # Starting an episode plans every session: the therapist confirms it, not the idle lock.
    SAVES_AT_LOCK = False

    def lock_draft_key(self) -> tuple:
        return ("episode", self.client_id)

    def _default_time(self, record: ClientRecord | None) -> str:
        # The last time used for this client's sessions, else the therapist's usual slot.
        getter = getattr(self.ctx.settings, "last_session_time", None)
        if record is not None and record.latest_episode and record.latest_episode.sessions:
            return record.latest_episode.sessions[0].scheduled_at[11:16]
        value = getter() if callable(getter) else None
        return value if isinstance(value, str) and len(value) == 5 and value[2] == ":" else DEFAULT_TIME

    # -- values --------------------------------------------------------------------------------
    def protocol_key(self) -> str:
        return self.protocol.currentData()

    def start_iso(self) -> str:
        return self.start_date.date().toString("yyyy-MM-dd")

    def time_text(self) -> str:
        return self.session_time.time().toString("HH:mm")

    def _refresh(self) -> None:
        protocol = PROTOCOLS[self.protocol_key()]
        self.protocol_info.setText(protocol_description(protocol))
        self.plan.setText(plan_sentence(protocol.sessions, self.start_iso(), self.time_text(),
                                        self.interval.value()))

    def accept(self) -> None:  # noqa: D401 - Qt override
        self.clear_errors()
        kwargs = dict(client_id=self.client_id, protocol=self.protocol_key(),
                      start_date=self.start_iso(), session_time=self.time_text(),
                      interval_days=self.interval.value(), duration_minutes=self.duration.value(),
                      diagnosis=self.diagnosis.text().strip(),
                      chief_complaint=self.chief_complaint.toPlainText().strip())
        ok, result = self.run(lambda: episode_service.start_episode(self.ctx.practice, **kwargs))
        if not ok:
            return
        self.episode, self.changes = result
        setter = getattr(self.ctx.settings, "set_last_session_time", None)
        if callable(setter):
            setter(kwargs["session_time"])
        super().accept()
