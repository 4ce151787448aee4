"""Table model of the interpersonal inventory: one row per person, in inventory order.

Edits do not write anything themselves: ``setData`` builds the edited ``Relationship`` and emits
``edit_requested(old, new)``; the tab saves it through services and calls ``replace_row`` with
the old record if the save fails, so the table never shows a value that is not stored.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QPalette
from PySide6.QtWidgets import QApplication

from ipt_desktop.domain.problem_areas import (
    NONE_LABEL, area_colour, area_label, dispute_stage_label,
)
from ipt_desktop.domain.records import Relationship

SORT_ROLE = Qt.ItemDataRole.UserRole
OBJECT_ROLE = Qt.ItemDataRole.UserRole + 1
# The raw stored value of a cell (a key, not a label) — what the combo delegates edit.
VALUE_ROLE = Qt.ItemDataRole.UserRole + 2

(COL_NAME, COL_RELATIONSHIP, COL_CLOSENESS, COL_CONTACT, COL_POSITIVES, COL_NEGATIVES,
 COL_EXPECTATIONS, COL_DESIRED, COL_AREA, COL_STAGE, COL_DECEASED, COL_NOTES) = range(12)
COLUMN_COUNT = 12

# Column -> Relationship field. Long text columns are shown for scanning only: they are edited
# in the detail editor under the table, where there is room for paragraphs.
FIELDS = {
    COL_NAME: "name", COL_RELATIONSHIP: "relationship", COL_CLOSENESS: "closeness",
    COL_CONTACT: "contact", COL_POSITIVES: "positives", COL_NEGATIVES: "negatives",
    COL_EXPECTATIONS: "expectations", COL_DESIRED: "desired_changes", COL_AREA: "problem_area",
    COL_STAGE: "dispute_stage", COL_DECEASED: "deceased", COL_NOTES: "notes",
}
LONG_TEXT_COLUMNS = frozenset({COL_POSITIVES, COL_NEGATIVES, COL_EXPECTATIONS, COL_DESIRED, COL_NOTES})
EDITABLE_COLUMNS = frozenset({COL_NAME, COL_RELATIONSHIP, COL_CLOSENESS, COL_CONTACT, COL_AREA, COL_STAGE})

ROLE_DISPUTE = "role_dispute"
_PREVIEW_CHARS = 60


def _tr(text: str) -> str:
    return QApplication.translate("InventoryTableModel", text)


def ring_names() -> dict[int, str]:
    return {1: _tr("Inner"), 2: _tr("Middle"), 3: _tr("Outer")}


def closeness_label(ring: int) -> str:
    """"1 · Inner" — the number keeps the order obvious, the word says what it means."""
    return f"{ring} \u00b7 {ring_names().get(ring, '?')}"


def _preview(text: str) -> str:
    # First line only, shortened: the whole text is in the tooltip and the detail editor.
    lines = text.strip().splitlines()
    line = lines[0] if lines else ""
    if len(line) > _PREVIEW_CHARS:
        return line[: _PREVIEW_CHARS - 1] + "\u2026"
    return line + " \u2026" if len(lines) > 1 else line  # more lines follow


class InventoryTableModel(QAbstractTableModel):
    edit_requested = Signal(object, object)  # (old Relationship, new Relationship)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[Relationship] = []

    # -- data in -------------------------------------------------------------------------------
    def set_rows(self, rows: list[Relationship] | tuple[Relationship, ...]) -> None:
        """Show ``rows`` (sorted by position). Same people in the same order update in place so
        views keep their selection, scroll position and any open editor."""
        new = sorted(rows, key=lambda r: r.position)
        if [r.id for r in new] == [r.id for r in self._rows]:
            for row, (old, rel) in enumerate(zip(self._rows, new)):
                if old != rel:
                    self._rows[row] = rel
                    self.dataChanged.emit(self.index(row, 0), self.index(row, COLUMN_COUNT - 1))
            return
        self.beginResetModel()
        self._rows = new
        self.endResetModel()

    def replace_row(self, relationship: Relationship) -> None:
        """Put ``relationship`` in the row with its id (after a save, or to undo a failed one)."""
        row = self.row_of(relationship.id)
        if row is None:
            return
        self._rows[row] = relationship
        self.dataChanged.emit(self.index(row, 0), self.index(row, COLUMN_COUNT - 1))

    def rows(self) -> list[Relationship]:
        return list(self._rows)

    def relationship_at(self, row: int) -> Relationship | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, relationship_id: str | None) -> int | None:
        for row, rel in enumerate(self._rows):
            if rel.id == relationship_id:
                return row
        return None

    # -- Qt model API --------------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else COLUMN_COUNT

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        titles = {
            COL_NAME: _tr("Name"), COL_RELATIONSHIP: _tr("Relationship"),
            COL_CLOSENESS: _tr("Closeness"), COL_CONTACT: _tr("Contact"),
            COL_POSITIVES: _tr("Positives"), COL_NEGATIVES: _tr("Negatives"),
            COL_EXPECTATIONS: _tr("Expectations"), COL_DESIRED: _tr("Desired changes"),
            COL_AREA: _tr("Problem area"), COL_STAGE: _tr("Dispute stage"),
            COL_DECEASED: _tr("Deceased"), COL_NOTES: _tr("Notes"),
        }
        return titles.get(section)

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        column = index.column()
        if column == COL_DECEASED:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        elif column == COL_STAGE:
            # A dispute stage only means something for a role dispute.
            if self._rows[index.row()].problem_area == ROLE_DISPUTE:
                flags |= Qt.ItemFlag.ItemIsEditable
        elif column in EDITABLE_COLUMNS:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        rel = self._rows[index.row()]
        column = index.column()
        value = getattr(rel, FIELDS[column])
        if role == OBJECT_ROLE:
            return rel
        if role == VALUE_ROLE:
            return value
        if role == SORT_ROLE:
            if column == COL_CLOSENESS:
                return rel.closeness
            if column == COL_DECEASED:
                return int(rel.deceased)
            return self.data(index, Qt.ItemDataRole.DisplayRole)
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(rel, column)
        if role == Qt.ItemDataRole.EditRole:
            return value
        if role == Qt.ItemDataRole.CheckStateRole and column == COL_DECEASED:
            return Qt.CheckState.Checked if rel.deceased else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ToolTipRole and column in LONG_TEXT_COLUMNS and value:
            return value
        if role == Qt.ItemDataRole.ToolTipRole and column == COL_NAME and rel.deceased:
            return _tr("Deceased")
        if role == Qt.ItemDataRole.DecorationRole and column == COL_AREA and rel.problem_area:
            return QColor(area_colour(rel.problem_area))
        if role == Qt.ItemDataRole.ForegroundRole and column == COL_STAGE \
                and rel.problem_area != ROLE_DISPUTE:
            # Greyed: visible but clearly not in play for this person.
            palette = QApplication.palette()
            return QBrush(palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text))
        return None

    def _display(self, rel: Relationship, column: int) -> str:
        if column == COL_NAME:
            return f"{rel.name} \u2020" if rel.deceased else rel.name
        if column == COL_CLOSENESS:
            return closeness_label(rel.closeness)
        if column == COL_AREA:
            return area_label(rel.problem_area)
        if column == COL_STAGE:
            return dispute_stage_label(rel.dispute_stage) if rel.problem_area == ROLE_DISPUTE else NONE_LABEL
        if column == COL_DECEASED:
            return ""
        if column in LONG_TEXT_COLUMNS:
            return _preview(getattr(rel, FIELDS[column]))
        return str(getattr(rel, FIELDS[column]))

    def setData(self, index: QModelIndex | QPersistentModelIndex, value: Any,
                role: int = Qt.ItemDataRole.EditRole) -> bool:
        changeable = Qt.ItemFlag.ItemIsEditable | Qt.ItemFlag.ItemIsUserCheckable
        if not index.isValid() or not self.flags(index) & changeable:
            return False
        old = self._rows[index.row()]
        column = index.column()
        if column == COL_DECEASED:
            if role != Qt.ItemDataRole.CheckStateRole:
                return False
            checked = value in (Qt.CheckState.Checked, Qt.CheckState.Checked.value, True, 2)
            new = dataclasses.replace(old, deceased=checked)
        elif role != Qt.ItemDataRole.EditRole:
            return False
        else:
            new = self.edited(old, column, value)
        if new is None or new == old:
            return False
        self._rows[index.row()] = new
        self.dataChanged.emit(self.index(index.row(), 0), self.index(index.row(), COLUMN_COUNT - 1))
        self.edit_requested.emit(old, new)
        return True

    @staticmethod
    def edited(old: Relationship, column: int, value: Any) -> Relationship | None:
        """The relationship with one column changed; None for a value that cannot be stored."""
        field = FIELDS[column]
        if column == COL_CLOSENESS:
            try:
                ring = int(value)
            except (TypeError, ValueError):
                return None
            return dataclasses.replace(old, closeness=ring) if ring in (1, 2, 3) else None
        if column == COL_AREA:
            area = value or None
            # Leaving a role dispute drops its stage: the stage would otherwise linger unseen.
            stage = old.dispute_stage if area == ROLE_DISPUTE else None
            return dataclasses.replace(old, problem_area=area, dispute_stage=stage)
        if column == COL_STAGE:
            return dataclasses.replace(old, dispute_stage=value or None)
        text = "" if value is None else str(value)
        if column == COL_NAME:
            text = text.strip()
        return dataclasses.replace(old, **{field: text})
