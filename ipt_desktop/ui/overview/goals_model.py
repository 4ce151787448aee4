"""Table model of an episode's goals: problem area, description, first → latest rating."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from ipt_desktop.domain.problem_areas import area_colour, area_label
from ipt_desktop.domain.progress import goal_progress
from ipt_desktop.domain.records import Goal
from ipt_desktop.ui.formatting import DASH, format_date

COL_AREA, COL_GOAL, COL_PROGRESS, COL_RATED = range(4)
SORT_ROLE = Qt.ItemDataRole.UserRole
OBJECT_ROLE = Qt.ItemDataRole.UserRole + 1

_HEADERS = ("Problem area", "Goal", "Rating", "Last rated")


def progress_text(goal: Goal) -> str:
    """"3 → 7" (first → latest), "5" for a single rating, "—" when never rated."""
    first, latest = goal_progress(goal)
    if first is None or latest is None:
        return DASH
    if len(goal.ratings) == 1:
        return str(first.value)
    return f"{first.value} \u2192 {latest.value}"


class GoalsModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[Goal] = []

    def set_rows(self, goals: list[Goal] | tuple[Goal, ...]) -> None:
        self.beginResetModel()
        self._rows = sorted(goals, key=lambda g: g.position)
        self.endResetModel()

    def goal_at(self, row: int) -> Goal | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, goal_id: str) -> int:
        return next((i for i, g in enumerate(self._rows) if g.id == goal_id), -1)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(_HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < len(_HEADERS):
            return self.tr(_HEADERS[section])
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.ToolTipRole \
                and section == COL_PROGRESS:
            return self.tr("First \u2192 latest rating, 0 (not at all) to 10 (fully achieved)")
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        goal = self._rows[index.row()]
        column = index.column()
        if role == OBJECT_ROLE:
            return goal
        first, latest = goal_progress(goal)
        if role == Qt.ItemDataRole.DisplayRole:
            if column == COL_AREA:
                return area_label(goal.problem_area)
            if column == COL_GOAL:
                return goal.description
            if column == COL_PROGRESS:
                return progress_text(goal)
            if column == COL_RATED:
                return format_date(latest.date) if latest else DASH
        elif role == SORT_ROLE:
            if column == COL_AREA:
                return area_label(goal.problem_area)
            if column == COL_GOAL:
                return goal.description.lower()
            if column == COL_PROGRESS:
                return latest.value if latest else -1
            if column == COL_RATED:
                return latest.date if latest else ""
        elif role == Qt.ItemDataRole.DecorationRole and column == COL_AREA:
            return QColor(area_colour(goal.problem_area))
        elif role == Qt.ItemDataRole.ToolTipRole:
            if column == COL_GOAL:
                return goal.description
            if column == COL_AREA:
                return area_label(goal.problem_area)
            if column == COL_PROGRESS and goal.ratings:
                return "\n".join(f"{format_date(r.date)}: {r.value}/10"
                                 for r in sorted(goal.ratings, key=lambda r: r.date))
        elif role == Qt.ItemDataRole.TextAlignmentRole and column == COL_PROGRESS:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None
