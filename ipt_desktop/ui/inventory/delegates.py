"""Combo-box delegates for the inventory table: closeness ring, problem area, dispute stage.

The combo shows labels and writes the stored key back (VALUE_ROLE in, EditRole out), so the
table never stores a translated label.
"""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import QComboBox, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from ipt_desktop.domain.problem_areas import (
    DISPUTE_STAGES, NONE_LABEL, PROBLEM_AREAS, area_colour,
)
from ipt_desktop.ui.inventory.table_model import VALUE_ROLE, closeness_label

Choices = list[tuple[str, object]]  # (label shown, value stored)


def swatch(colour: str, size: int = 12) -> QIcon:
    """A small filled square in a problem area's colour, for combos and legends."""
    pixmap = QPixmap(size, size)
    pixmap.fill(QColor(colour))
    return QIcon(pixmap)


def closeness_choices() -> Choices:
    return [(closeness_label(ring), ring) for ring in (1, 2, 3)]


def area_choices() -> Choices:
    return [(NONE_LABEL, None)] + [(label, key) for key, label in PROBLEM_AREAS.items()]


def stage_choices() -> Choices:
    return [(NONE_LABEL, None)] + [(label, key) for key, label in DISPUTE_STAGES.items()]


class ComboDelegate(QStyledItemDelegate):
    def __init__(self, choices: Callable[[], Choices], *, with_swatches: bool = False, parent=None) -> None:
        super().__init__(parent)
        self._choices = choices
        self._with_swatches = with_swatches

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem,
                     index: QModelIndex | QPersistentModelIndex) -> QWidget:
        combo = QComboBox(parent)
        for label, value in self._choices():
            if self._with_swatches and value is not None:
                combo.addItem(swatch(area_colour(str(value))), label, value)
            else:
                combo.addItem(label, value)
        # Commit as soon as a choice is made: a combo in a cell should not need Enter as well.
        combo.activated.connect(lambda _i, c=combo: self._commit(c))
        return combo

    def _commit(self, combo: QComboBox) -> None:
        self.commitData.emit(combo)
        self.closeEditor.emit(combo, QStyledItemDelegate.EndEditHint.NoHint)

    def setEditorData(self, editor: QWidget, index: QModelIndex | QPersistentModelIndex) -> None:
        assert isinstance(editor, QComboBox)
        value = index.data(VALUE_ROLE)
        for i in range(editor.count()):
            if editor.itemData(i) == value:
                editor.setCurrentIndex(i)
                return

    def setModelData(self, editor: QWidget, model: QAbstractItemModel,
                     index: QModelIndex | QPersistentModelIndex) -> None:
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)
