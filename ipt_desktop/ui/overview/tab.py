"""The Overview tab: who the client is, the current episode, the formulation and the goals.

Follows the chart-tab contract: ``show_record(record)`` (None clears everything; the same
client again updates in place without clobbering typing) and ``flush() -> bool``.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QDialog, QFrame, QGridLayout, QHBoxLayout, QLabel, QPushButton,
                               QScrollArea, QVBoxLayout, QWidget)

from ipt_desktop.domain.records import ClientRecord, Episode
from ipt_desktop.ui.dialogs.client_dialog import ClientDialog
from ipt_desktop.ui.dialogs.discharge_dialog import DischargeDialog
from ipt_desktop.ui.overview.details_panel import ClientDetailsPanel
from ipt_desktop.ui.overview.episode_forms import EpisodeForms
from ipt_desktop.ui.overview.goals_panel import GoalsPanel
from ipt_desktop.ui.widgets.autosave import SaveReporter


def is_active(episode: Episode | None) -> bool:
    return episode is not None and episode.discharge is None and not episode.end_date


class OverviewTab(QWidget):
    def __init__(self, ctx: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.record: ClientRecord | None = None
        self.reporter = SaveReporter(ctx.save_state, ctx.interaction, self)

        self.title = QLabel(self)
        self.title.setObjectName("overview_title")
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.35)
        font.setBold(True)
        self.title.setFont(font)
        # Starting an episode is offered once, by the chart's strip above the tabs (ChartView),
        # for a client with no episode running; the Overview keeps details and discharge.
        self.edit_button = QPushButton(self.tr("Edit details…"), self)
        self.discharge_button = QPushButton(self.tr("Discharge…"), self)
        self.edit_button.clicked.connect(self.edit_details)
        self.discharge_button.clicked.connect(self.discharge)
        header = QHBoxLayout()
        header.addWidget(self.title, 1)
        for button in (self.edit_button, self.discharge_button):
            header.addWidget(button)

        self.details = ClientDetailsPanel(self)
        self.forms = EpisodeForms(ctx, self.reporter, self)
        self.goals = GoalsPanel(ctx, self)
        self.goals.setMinimumHeight(190)

        columns = QWidget(self)
        self.grid = QGridLayout(columns)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self._wide: bool | None = None
        self._arrange(wide=True)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(columns)

        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(scroll, 1)
        self.show_record(None)

    # -- layout --------------------------------------------------------------------------------
    WIDE_FROM = 1000  # px; below this the formulation and goals get the full width

    def _arrange(self, *, wide: bool) -> None:
        """Two columns when there is room; otherwise details | episode on top and the
        formulation and goals full width below, so the goals table never gets squeezed."""
        if wide == self._wide:
            return
        self._wide = wide
        top = Qt.AlignmentFlag.AlignTop
        for widget in (self.details, self.forms.episode_box, self.forms.formulation_box, self.goals):
            self.grid.removeWidget(widget)
        for index in range(3):
            self.grid.setRowStretch(index, 0)
            self.grid.setColumnStretch(index, 0)
        if wide:
            # The episode spans rows 1-2 and the formulation rows 0-1, so each column stacks
            # tightly instead of both columns sharing one row height.
            self.grid.addWidget(self.details, 0, 0, top)
            self.grid.addWidget(self.forms.episode_box, 1, 0, 2, 1, top)
            self.grid.addWidget(self.forms.formulation_box, 0, 1, 2, 1)
            self.grid.addWidget(self.goals, 2, 1)
            self.grid.setColumnStretch(0, 5)
            self.grid.setColumnStretch(1, 6)
            self.grid.setRowStretch(2, 1)
        else:
            self.grid.addWidget(self.details, 0, 0, top)
            self.grid.addWidget(self.forms.episode_box, 0, 1, top)
            self.grid.addWidget(self.forms.formulation_box, 1, 0, 1, 2)
            self.grid.addWidget(self.goals, 2, 0, 1, 2)
            self.grid.setColumnStretch(0, 1)
            self.grid.setColumnStretch(1, 1)
            self.grid.setRowStretch(2, 1)

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        self._arrange(wide=event.size().width() >= self.WIDE_FROM)
        super().resizeEvent(event)

    # -- contract ------------------------------------------------------------------------------
    def show_record(self, record: ClientRecord | None) -> None:
        self.record = record
        client = record.client if record else None
        episode = record.latest_episode if record else None
        self.title.setText(self._title(record))
        self.details.set_client(client)
        self.forms.set_episode(client.id if client else None, episode)
        self.goals.set_episode(episode)
        self.edit_button.setEnabled(record is not None)
        self.discharge_button.setVisible(is_active(episode))

    def flush(self) -> bool:
        return self.forms.flush()

    def _title(self, record: ClientRecord | None) -> str:
        if record is None:
            return self.tr("No client selected")
        status = {"active": self.tr("active"), "discharged": self.tr("discharged"),
                  "archived": self.tr("archived")}.get(record.client.status, record.client.status)
        return f"{record.client.full_name} \u2014 {status}"

    # -- actions -------------------------------------------------------------------------------
    def _after(self, dialog: QDialog) -> None:
        # Broadcast on ``accepted`` rather than after exec() returns: a dialog saved by the lock
        # (ui.lock_drafts) is accepted while the practice is still open.
        dialog.accepted.connect(lambda: self.ctx.hub.changed.emit(dialog.changes))
        dialog.exec()

    def edit_details(self) -> None:
        if self.record is not None:
            self.flush()
            self._after(ClientDialog(self.ctx, self.record.client, self))

    def discharge(self) -> None:
        episode = self.record.latest_episode if self.record else None
        if self.record is not None and is_active(episode):
            # Save pending formulation edits first so the drafted narrative reflects them.
            self.flush()
            self._after(DischargeDialog(self.ctx, self.record, episode.id, self))
