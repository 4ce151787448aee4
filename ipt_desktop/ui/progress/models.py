"""Table models of the progress tab: every administration, one administration's items, goals."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import QApplication

from ipt_desktop.domain.measures import INSTRUMENTS, score
from ipt_desktop.domain.problem_areas import area_colour, area_label
from ipt_desktop.domain.progress import chronological, goal_progress, item_changes
from ipt_desktop.domain.records import Goal, MeasureAdministration
from ipt_desktop.domain.validation import ValidationFailed
from ipt_desktop.ui.formatting import DASH, format_date

SORT_ROLE = Qt.ItemDataRole.UserRole
OBJECT_ROLE = Qt.ItemDataRole.UserRole + 1

_Parent = QModelIndex | QPersistentModelIndex
RISK_TINT = QColor(214, 39, 40, 60)  # translucent red: readable on light and dark bases
CHANGED_TINT = QColor(255, 170, 0, 60)


def _tr(text: str) -> str:
    return QApplication.translate("ProgressModels", text)


class _RowsModel(QAbstractTableModel):
    """Shared row storage and header handling; subclasses define HEADERS and cell data."""

    HEADERS: tuple[str, ...] = ()

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[Any] = []

    def set_rows(self, rows) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_object(self, row: int):
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rowCount(self, parent: _Parent = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Parent = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < len(self.HEADERS):
            return _tr(self.HEADERS[section])
        return None

    def flags(self, index: _Parent) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


# -- every administration --------------------------------------------------------------------
A_DATE, A_SESSION, A_INSTRUMENT, A_TOTAL, A_SEVERITY, A_RISK = range(6)


class AdministrationsModel(_RowsModel):
    HEADERS = ("Date", "Session", "Instrument", "Total", "Severity", "Risk")

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._scores: dict[str, Any] = {}

    def set_rows(self, rows) -> None:
        # Scored once, before the reset, so views never see rows without scores. Unknown
        # instruments (newer data) or bad items show dashes instead of failing.
        ordered = chronological(list(rows))
        scores = {}
        for adm in ordered:
            try:
                scores[adm.id] = score(adm.instrument, adm.items)
            except (ValueError, ValidationFailed):
                scores[adm.id] = None
        self._scores = scores
        super().set_rows(ordered)

    def row_of(self, measure_id: str | None) -> int | None:
        return next((row for row, adm in enumerate(self._rows) if adm.id == measure_id), None)

    def data(self, index: _Parent, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        adm: MeasureAdministration = self._rows[index.row()]
        result = self._scores.get(adm.id)
        column = index.column()
        if role == OBJECT_ROLE:
            return adm
        if role == SORT_ROLE:
            return {A_DATE: adm.administered_on, A_SESSION: adm.session_number or 0,
                    A_INSTRUMENT: adm.instrument, A_TOTAL: sum(adm.items),
                    A_SEVERITY: sum(adm.items), A_RISK: int(bool(result and result.risk))}[column]
        if role == Qt.ItemDataRole.DisplayRole:
            if column == A_DATE:
                return format_date(adm.administered_on)
            if column == A_SESSION:
                return str(adm.session_number) if adm.session_number is not None else DASH
            if column == A_INSTRUMENT:
                spec = INSTRUMENTS.get(adm.instrument)
                return spec.short_name if spec else adm.instrument
            if column == A_TOTAL:
                return str(sum(adm.items))
            if column == A_SEVERITY:
                return _tr(result.band.label) if result else DASH
            if column == A_RISK:
                if result is None or not result.risk:
                    return _tr("No") if result else DASH
                return _tr("Item %1").replace("%1", ", ".join(str(n) for n in result.risk_items))
        if role == Qt.ItemDataRole.BackgroundRole and column == A_RISK and result and result.risk:
            return RISK_TINT
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (A_SESSION, A_TOTAL):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


# -- one administration's items against baseline ---------------------------------------------
I_ITEM, I_BASELINE, I_THIS, I_CHANGE = range(4)


class ItemsModel(_RowsModel):
    """Rows are ``(item_number, baseline_score, this_score)``; changed rows are tinted."""

    HEADERS = ("Item", "Baseline", "Now", "Change")

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._instrument: str | None = None

    def set_comparison(self, baseline: MeasureAdministration | None,
                       current: MeasureAdministration | None) -> None:
        if baseline is None or current is None or baseline.instrument != current.instrument:
            self._instrument = None
            self.set_rows([])
            return
        self._instrument = current.instrument
        self.set_rows(item_changes(baseline, current))

    def item_label(self, number: int) -> str:
        spec = INSTRUMENTS.get(self._instrument or "")
        if spec is None or spec.item_texts is None or number > len(spec.item_texts):
            # Licensed wording (EPDS, PHQ-A) is never shown: the number is enough to find it on the form.
            return _tr("Item %1").replace("%1", str(number))
        return f"{number}. {spec.item_texts[number - 1]}"

    def is_risk_item(self, number: int) -> bool:
        spec = INSTRUMENTS.get(self._instrument or "")
        return spec is not None and number in spec.risk_items

    def data(self, index: _Parent, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        number, before, after = self._rows[index.row()]
        column = index.column()
        changed = before != after
        if role == OBJECT_ROLE:
            return self._rows[index.row()]
        if role == SORT_ROLE:
            return (number, before, after, after - before)[column]
        if role == Qt.ItemDataRole.DisplayRole:
            if column == I_ITEM:
                return self.item_label(number)
            if column == I_CHANGE:
                return f"{after - before:+d}" if changed else DASH
            return str(before if column == I_BASELINE else after)
        if role == Qt.ItemDataRole.ToolTipRole and column == I_ITEM:
            return self.item_label(number)
        if role == Qt.ItemDataRole.BackgroundRole:
            if column == I_THIS and self.is_risk_item(number) and after > 0:
                return RISK_TINT
            if changed:
                return CHANGED_TINT
        if role == Qt.ItemDataRole.FontRole and changed and column in (I_THIS, I_CHANGE):
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and column != I_ITEM:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None


# -- goals --------------------------------------------------------------------------------------
G_GOAL, G_FIRST, G_LATEST, G_RATINGS = range(4)
RATINGS_ROLE = Qt.ItemDataRole.UserRole + 2  # tuple of values by date, for the sparkline


class GoalsModel(_RowsModel):
    """One row per goal. The problem area is a colour swatch on the description (and its
    tooltip) so the table stays narrow enough to sit beside the chart."""

    HEADERS = ("Goal", "First", "Latest", "Ratings (0\u201310)")

    def set_rows(self, rows) -> None:
        super().set_rows(sorted(rows, key=lambda g: g.position))

    def data(self, index: _Parent, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        goal: Goal = self._rows[index.row()]
        first, latest = goal_progress(goal)
        ordered = sorted(goal.ratings, key=lambda r: r.date)
        column = index.column()
        if role == OBJECT_ROLE:
            return goal
        if role == RATINGS_ROLE:
            return tuple(r.value for r in ordered)
        if role == SORT_ROLE:
            return (goal.position, first.value if first else -1, latest.value if latest else -1,
                    len(ordered))[column]
        if role == Qt.ItemDataRole.DisplayRole:
            if column == G_GOAL:
                return goal.description
            if column == G_FIRST:
                return str(first.value) if first else DASH
            if column == G_LATEST:
                return str(latest.value) if latest else DASH
            if column == G_RATINGS:
                return " \u2192 ".join(str(r.value) for r in ordered) if ordered else _tr("Not rated yet")
        if role == Qt.ItemDataRole.DecorationRole and column == G_GOAL and goal.problem_area:
            return QColor(area_colour(goal.problem_area))
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (G_FIRST, G_LATEST):
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == G_GOAL:
                return f"{goal.description}\n{_tr('Problem area')}: {_tr(area_label(goal.problem_area))}"
            if column == G_FIRST and first:
                return format_date(first.date)
            if column == G_LATEST and latest:
                return format_date(latest.date)
            if column == G_RATINGS:
                return "\n".join(f"{format_date(r.date)}: {r.value}" for r in ordered) or None
        return None
