"""The goals list of the Overview tab: add / edit / remove goals and rate them 0-10."""

from __future__ import annotations

import logging
from dataclasses import replace
from typing import Any

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import (QAbstractItemView, QGroupBox, QHBoxLayout, QHeaderView, QPushButton,
                               QTableView, QVBoxLayout, QWidget)

from ipt_desktop.domain.records import Episode, Goal
from ipt_desktop.services import goals as goal_service
from ipt_desktop.services.errors import ServiceError
from ipt_desktop.ui.overview.goal_dialogs import GoalDialog, RateGoalDialog
from ipt_desktop.ui.overview.goals_model import COL_AREA, COL_GOAL, COL_PROGRESS, COL_RATED, GoalsModel

log = logging.getLogger(__name__)


class GoalsPanel(QGroupBox):
    """Shows one episode's goals. Every write goes through services.goals and is broadcast on
    ctx.hub; the window then re-reads the record and calls ``set_episode`` again."""

    def __init__(self, ctx: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Goals"))
        self.ctx = ctx
        self.episode: Episode | None = None
        self.model = GoalsModel(self)
        self.view = QTableView(self)
        self.view.setObjectName("goals_view")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        # Goals are sentences: wrap them rather than cut them off.
        self.view.setWordWrap(True)
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.view.setAlternatingRowColors(True)
        header = self.view.horizontalHeader()
        # A fixed, elided area column: "Interpersonal deficits" must not squeeze the goal text.
        header.setSectionResizeMode(COL_AREA, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(COL_AREA, 150)
        self.view.setTextElideMode(Qt.TextElideMode.ElideRight)
        header.setSectionResizeMode(COL_GOAL, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(COL_PROGRESS, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_RATED, QHeaderView.ResizeMode.ResizeToContents)
        self.view.doubleClicked.connect(lambda _index: self.edit_goal())
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())

        self.add_button = QPushButton(self.tr("Add goal…"), self)
        self.edit_button = QPushButton(self.tr("Edit…"), self)
        self.remove_button = QPushButton(self.tr("Remove"), self)
        self.rate_button = QPushButton(self.tr("Rate…"), self)
        self.add_button.clicked.connect(self.add_goal)
        self.edit_button.clicked.connect(self.edit_goal)
        self.remove_button.clicked.connect(self.remove_goal)
        self.rate_button.clicked.connect(self.rate_goal)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.remove_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.rate_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)
        self._update_buttons()

    # -- showing -------------------------------------------------------------------------------
    def set_episode(self, episode: Episode | None) -> None:
        """Show an episode's goals, keeping the selected goal selected across refreshes."""
        keep = self.selected_goal().id if self.selected_goal() else None
        same_episode = episode is not None and self.episode is not None and episode.id == self.episode.id
        self.episode = episode
        self.model.set_rows(episode.goals if episode else ())
        if keep and same_episode:
            self.select_goal(keep)
        self._update_buttons()

    def selected_goal(self) -> Goal | None:
        rows = self.view.selectionModel().selectedRows()
        return self.model.goal_at(rows[0].row()) if rows else None

    def select_goal(self, goal_id: str) -> None:
        row = self.model.row_of(goal_id)
        if row >= 0:
            self.view.selectionModel().select(
                self.model.index(row, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
            self.view.setCurrentIndex(self.model.index(row, COL_GOAL))

    def _update_buttons(self) -> None:
        has_episode = self.episode is not None
        has_goal = self.selected_goal() is not None
        self.add_button.setEnabled(has_episode)
        for button in (self.edit_button, self.remove_button, self.rate_button):
            button.setEnabled(has_episode and has_goal)

    # -- actions -------------------------------------------------------------------------------
    def _broadcast(self, changes: Any) -> None:
        self.ctx.hub.changed.emit(changes)

    def add_goal(self) -> None:
        if self.episode is None:
            return
        episode_id = self.episode.id
        default_area = self.episode.primary_problem_area
        added: list[str] = []

        def submit(description: str, area: str | None) -> None:
            goal, changes = goal_service.add_goal(self.ctx.practice, episode_id=episode_id,
                                                  description=description, problem_area=area)
            added.append(goal.id)
            self._broadcast(changes)

        dialog = GoalDialog(self.ctx, submit, default_area=default_area, parent=self, owner=episode_id)
        dialog.exec()
        if added:
            self.select_goal(added[0])

    def edit_goal(self) -> None:
        goal = self.selected_goal()
        if self.episode is None or goal is None:
            return
        episode_id = self.episode.id

        def submit(description: str, area: str | None) -> None:
            changes = goal_service.update_goal(self.ctx.practice, episode_id=episode_id,
                                               goal=replace(goal, description=description, problem_area=area))
            self._broadcast(changes)

        GoalDialog(self.ctx, submit, goal=goal, parent=self, owner=episode_id).exec()

    def rate_goal(self) -> None:
        goal = self.selected_goal()
        if self.episode is None or goal is None:
            return
        episode_id = self.episode.id

        def submit(date: str, value: int) -> None:
            changes = goal_service.rate_goal(self.ctx.practice, episode_id=episode_id, goal_id=goal.id,
                                             date=date, value=value)
            self._broadcast(changes)

        RateGoalDialog(self.ctx, submit, goal, parent=self).exec()

    def remove_goal(self) -> None:
        goal = self.selected_goal()
        if self.episode is None or goal is None:
            return
        if not self.ctx.interaction.confirm(
                self.tr("Remove goal"),
                self.tr("Remove the goal “%1” and its ratings?").replace("%1", goal.description),
                ok=self.tr("Remove"), cancel=self.tr("Keep")):
            return
        try:
            changes = goal_service.remove_goal(self.ctx.practice, episode_id=self.episode.id, goal_id=goal.id)
        except ServiceError as exc:
            self.ctx.interaction.warn(self.tr("Goal not removed"), exc.message)
            return
        except Exception:  # noqa: BLE001 - a plain sentence, never a traceback
            log.exception("removing a goal failed")
            self.ctx.interaction.warn(self.tr("Goal not removed"),
                                      self.tr("An unexpected error happened (details are in the log)."))
            return
        self._broadcast(changes)
