"""The interpersonal inventory tab: table beside the closeness circle, long fields underneath.

Table edits, ring drags and the buttons save at once through InventoryController; the long text
boxes autosave. A failed save puts the stored value back in the table (text boxes keep the
typing) and says why: under the table for a rejected value, through the save-state hub and one
warning for a failed write.
"""

from __future__ import annotations

import dataclasses
import logging

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView, QHBoxLayout, QHeaderView, QLabel, QPushButton, QSizePolicy, QSplitter, QTableView,
    QVBoxLayout, QWidget,
)

from ipt_desktop.domain.records import ClientRecord, Relationship
from ipt_desktop.domain.validation import ValidationFailed
from ipt_desktop.services import clients as clients_service
from ipt_desktop.services.errors import ServiceError
from ipt_desktop.ui import theme
from ipt_desktop.ui.context import AppContext
from ipt_desktop.ui.settings import remember_splitter
from ipt_desktop.ui.inventory import table_model as tm
from ipt_desktop.ui.inventory.circle import ClosenessCircle
from ipt_desktop.ui.inventory.controller import InventoryController
from ipt_desktop.ui.inventory.delegates import ComboDelegate, area_choices, closeness_choices, stage_choices
from ipt_desktop.ui.inventory.detail import DetailEditor
from ipt_desktop.ui.inventory.legend import CircleLegend
from ipt_desktop.ui.widgets.autosave import SaveReporter, describe_failure
from ipt_desktop.ui.widgets.field_error import FieldErrorLabel

log = logging.getLogger(__name__)


class InventoryTab(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("inventory_tab")
        self.ctx = ctx
        self.controller = InventoryController(ctx)
        self.reporter = SaveReporter(ctx.save_state, ctx.interaction, parent=self)
        self._record: ClientRecord | None = None

        self.model = tm.InventoryTableModel(self)
        self.model.edit_requested.connect(self._on_table_edit)
        self.table = QTableView()
        self.table.setObjectName("inventory_table")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                   | QAbstractItemView.EditTrigger.EditKeyPressed
                                   | QAbstractItemView.EditTrigger.SelectedClicked)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.setAlternatingRowColors(True)
        self._delegates = [ComboDelegate(closeness_choices, parent=self),
                           ComboDelegate(area_choices, with_swatches=True, parent=self),
                           ComboDelegate(stage_choices, parent=self)]
        for column, delegate in zip((tm.COL_CLOSENESS, tm.COL_AREA, tm.COL_STAGE), self._delegates):
            self.table.setItemDelegateForColumn(column, delegate)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in ((tm.COL_NAME, 120), (tm.COL_RELATIONSHIP, 110), (tm.COL_CLOSENESS, 90),
                              (tm.COL_CONTACT, 100), (tm.COL_AREA, 150), (tm.COL_STAGE, 110),
                              (tm.COL_DECEASED, 70)):
            self.table.setColumnWidth(column, width)
        for column in tm.LONG_TEXT_COLUMNS - {tm.COL_NOTES}:
            self.table.setColumnWidth(column, 140)
        # Shown in scanning order: who, how close, which problem area; the long fields (also in
        # the detail editor) last. Model column numbers stay as documented.
        for visual, column in enumerate((tm.COL_NAME, tm.COL_RELATIONSHIP, tm.COL_CLOSENESS, tm.COL_AREA,
                                         tm.COL_STAGE, tm.COL_DECEASED, tm.COL_CONTACT)):
            header.moveSection(header.visualIndex(column), visual)
        self.table.selectionModel().currentRowChanged.connect(self._on_table_row)
        self.table.doubleClicked.connect(self._on_double_click)
        # Delete in the table removes the selected person (after the same confirmation).
        remove_key = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.table)
        remove_key.setContext(Qt.ShortcutContext.WidgetShortcut)
        remove_key.activated.connect(self.remove_selected)

        self.circle = ClosenessCircle()
        self.circle.setObjectName("closeness_circle")
        self.circle.selection_changed.connect(self.select_person)
        self.circle.ring_changed.connect(self._on_ring_changed)
        self.legend = CircleLegend()
        hint = QLabel(self.tr("Drag a person to another ring (or press 1, 2, 3)."))
        hint.setStyleSheet(theme.hint_css(hint))  # the app's quieter text, both schemes
        # Not word-wrapped (wrapped labels get stale heights in splitters); a narrow pane cuts it.
        hint.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        hint.setToolTip(hint.text())

        self.detail = DetailEditor(self._save_detail, self.reporter)

        self.add_button = QPushButton(self.tr("Add person"))
        self.remove_button = QPushButton(self.tr("Remove\u2026"))
        self.up_button = QPushButton(self.tr("Move up"))
        self.down_button = QPushButton(self.tr("Move down"))
        self.add_button.clicked.connect(self.add_person)
        self.remove_button.clicked.connect(self.remove_selected)
        self.up_button.clicked.connect(lambda: self.move_selected(-1))
        self.down_button.clicked.connect(lambda: self.move_selected(+1))
        self.error_label = FieldErrorLabel()
        self.empty_label = QLabel()
        self.empty_label.setStyleSheet(theme.hint_css(self.empty_label))

        buttons = QHBoxLayout()
        for button in (self.add_button, self.remove_button, self.up_button, self.down_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addLayout(buttons)
        left_layout.addWidget(self.table, 1)
        left_layout.addWidget(self.error_label)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.circle, 1)
        right_layout.addWidget(self.legend)
        right_layout.addWidget(hint)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(left)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 1)
        # Even shares: at 1280x800 the table still shows who, their relationship and ring, and
        # the circle is large enough that inner-ring names clear the client's own marker.
        self.splitter.setSizes([500, 500])
        self.splitter.setChildrenCollapsible(False)
        self.vertical = QSplitter(Qt.Orientation.Vertical)
        self.vertical.addWidget(self.splitter)
        self.vertical.addWidget(self.detail)
        self.vertical.setStretchFactor(0, 3)
        self.vertical.setStretchFactor(1, 1)
        self.vertical.setSizes([500, 150])
        self.vertical.setChildrenCollapsible(False)
        remember_splitter(self.splitter, getattr(ctx, "settings", None), "inventory/horizontal")
        remember_splitter(self.vertical, getattr(ctx, "settings", None), "inventory/vertical")
        layout = QVBoxLayout(self)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.vertical, 1)
        QWidget.setTabOrder(self.add_button, self.remove_button)
        QWidget.setTabOrder(self.remove_button, self.up_button)
        QWidget.setTabOrder(self.up_button, self.down_button)
        QWidget.setTabOrder(self.down_button, self.table)
        QWidget.setTabOrder(self.table, self.circle)
        QWidget.setTabOrder(self.circle, self.detail.editors["positives"])
        self.show_record(None)

    # -- the tab contract ----------------------------------------------------------------------
    def show_record(self, record: ClientRecord | None) -> None:
        """Show the latest episode's inventory; the same client again updates in place."""
        same_client = (record is not None and self._record is not None
                       and record.client.id == self._record.client.id)
        selected = self.selected_id() if same_client else None
        self._record = record
        episode = record.latest_episode if record is not None else None
        self.controller.episode_id = episode.id if episode is not None else None
        people = list(episode.inventory) if episode is not None else []
        self.model.set_rows(people)
        self.circle.set_people(self.model.rows(), record.client.full_name if record else "")
        if not same_client:
            self.error_label.clear_error()
        self.select_person(selected if self.model.row_of(selected) is not None else None)
        if record is None:
            self.empty_label.setText(self.tr("No client selected."))
        elif episode is None:
            self.empty_label.setText(self.tr("Start an episode to record the interpersonal inventory."))
        self.empty_label.setVisible(episode is None)
        self.vertical.setEnabled(episode is not None)
        self._update_buttons()

    def flush(self) -> bool:
        """Commit an open table cell editor, then save the text boxes; False if a save failed."""
        current = self.table.currentIndex()
        editor = self.table.indexWidget(current) if current.isValid() else None
        if editor is not None and self.table.state() == QAbstractItemView.State.EditingState:
            self.table.commitData(editor)
            self.table.closeEditor(editor, self._delegates[0].EndEditHint.NoHint)
        return self.detail.flush()

    # -- selection (table row <-> circle marker <-> detail editor) ----------------------------
    def selected_id(self) -> str | None:
        index = self.table.selectionModel().currentIndex()
        rel = self.model.relationship_at(index.row()) if index.isValid() else None
        return rel.id if rel is not None else None

    def select_person(self, relationship_id: str | None) -> None:
        """Select one person everywhere (None clears the selection)."""
        row = self.model.row_of(relationship_id)
        selection = self.table.selectionModel()
        if row is None:
            selection.clearSelection()
            selection.setCurrentIndex(QModelIndex(), QItemSelectionModel.SelectionFlag.NoUpdate)
            self._show_selected(None)
            return
        index = self.model.index(row, tm.COL_NAME)
        if selection.currentIndex().row() != row or not selection.isRowSelected(row, QModelIndex()):
            selection.setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect
                                      | QItemSelectionModel.SelectionFlag.Rows)
        else:
            self._show_selected(self.model.relationship_at(row))
        self.table.scrollTo(index)

    def _on_table_row(self, current: QModelIndex, previous: QModelIndex) -> None:
        rel = self.model.relationship_at(current.row()) if current.isValid() else None
        previous_person = self.detail.person()
        if previous_person is not None and (rel is None or rel.id != previous_person.id) \
                and not self.detail.flush() and self.model.row_of(previous_person.id) is not None:
            # The text typed about the previous person could not be saved: stay with them rather
            # than replace the boxes and lose it (the reason is already on screen).
            QTimer.singleShot(0, lambda: self.select_person(previous_person.id))
            return
        self._show_selected(rel)

    def _show_selected(self, rel: Relationship | None) -> None:
        self.circle.set_selected(rel.id if rel is not None else None)
        self.detail.set_person(rel)
        self._update_buttons()

    def _on_double_click(self, index: QModelIndex) -> None:
        field = tm.FIELDS.get(index.column())
        if index.column() in tm.LONG_TEXT_COLUMNS and field is not None:
            self.detail.focus_field(field)

    def _update_buttons(self) -> None:
        has_episode = self.controller.episode_id is not None
        row = self.model.row_of(self.selected_id())
        self.add_button.setEnabled(has_episode)
        self.remove_button.setEnabled(has_episode and row is not None)
        self.up_button.setEnabled(has_episode and row is not None and row > 0)
        self.down_button.setEnabled(has_episode and row is not None and row < self.model.rowCount() - 1)

    # -- saving --------------------------------------------------------------------------------
    def _on_table_edit(self, old: Relationship, new: Relationship) -> None:
        self.circle.set_people(self.model.rows(), self._client_name())
        self._save_now(old, new)

    def _on_ring_changed(self, relationship_id: str, ring: int) -> None:
        old = next((r for r in self.model.rows() if r.id == relationship_id), None)
        if old is None:
            return
        new = dataclasses.replace(old, closeness=ring)
        self.model.replace_row(new)  # the marker snaps to its new ring straight away
        self.circle.set_people(self.model.rows(), self._client_name())
        self._save_now(old, new)

    def _save_now(self, old: Relationship, new: Relationship) -> bool:
        """Store an edit made in the table or the circle; put the old value back if it fails."""
        ok = self._attempt(lambda: self.controller.update(new))
        if not ok:
            self.model.replace_row(old)
            self.circle.set_people(self.model.rows(), self._client_name())
        elif self.detail.person() is not None and self.detail.person().id == new.id:
            self.detail.set_person(new)
        return ok

    def _save_detail(self, edited: Relationship) -> None:
        # Raises on failure: the Autosaver keeps the text and shows the reason.
        self.controller.update(edited)
        self.model.replace_row(edited)

    def _attempt(self, action) -> bool:
        self.reporter.pending()
        try:
            action()
        except ValidationFailed as exc:
            reason = self._describe_invalid(exc)
            self.error_label.show_error(reason)
            self.reporter.failed(reason, warn=False)  # shown under the table, no dialog
            return False
        except ServiceError as exc:
            self.reporter.failed(exc.message)
            return False
        except Exception as exc:  # noqa: BLE001 - a click must never take the window down
            log.exception("inventory change failed")
            self.reporter.failed(describe_failure(exc))
            return False
        self.error_label.clear_error()
        self.reporter.saved()
        return True

    def _describe_invalid(self, exc: ValidationFailed) -> str:
        """"Name: must not be empty" — the column's title, so the user knows which cell."""
        titles = {field: self.model.headerData(column, Qt.Orientation.Horizontal)
                  for column, field in tm.FIELDS.items()}
        return "; ".join(f"{titles.get(e.path, e.path)}: {e.message}" for e in exc.errors[:3])

    def _client_name(self) -> str:
        return self._record.client.full_name if self._record is not None else ""

    def _reload(self, select: str | None) -> None:
        """Re-read the record after a change of order or membership, then select ``select``."""
        if self._record is None:
            return
        try:
            record = clients_service.get_client_record(self.ctx.practice, client_id=self._record.client.id)
        except ServiceError as exc:
            self.reporter.failed(exc.message)
            return
        self.show_record(record)
        self.select_person(select)

    # -- buttons -------------------------------------------------------------------------------
    def add_person(self) -> None:
        if self.controller.episode_id is None or not self.detail.flush():
            return
        draft = Relationship(id="", name=self.tr("New person"), relationship="", closeness=2,
                             position=self.model.rowCount())
        added: list[Relationship] = []
        if self._attempt(lambda: added.append(self.controller.add(draft))):
            self._reload(added[0].id)
            row = self.model.row_of(added[0].id)
            if row is not None:  # straight into typing the name
                self.table.setFocus()
                self.table.edit(self.model.index(row, tm.COL_NAME))

    def remove_selected(self) -> None:
        rel = self.model.relationship_at(self.model.row_of(self.selected_id()) or -1) \
            if self.selected_id() is not None else None
        if rel is None:
            return
        if not self.ctx.interaction.confirm(
                self.tr("Remove person"),
                self.tr("Remove %1 from the interpersonal inventory? What was written about them "
                        "will be deleted.").replace("%1", rel.name),
                ok=self.tr("Remove"), cancel=self.tr("Keep")):
            return
        row = self.model.row_of(rel.id) or 0
        if self._attempt(lambda: self.controller.remove(rel.id)):
            rows = [r for r in self.model.rows() if r.id != rel.id]
            neighbour = rows[min(row, len(rows) - 1)].id if rows else None
            self.detail.set_person(None)  # its record is gone; nothing left to autosave
            self._reload(neighbour)

    def move_selected(self, step: int) -> None:
        selected = self.selected_id()
        row = self.model.row_of(selected)
        if selected is None or row is None or not 0 <= row + step < self.model.rowCount():
            return
        if self._attempt(lambda: self.controller.move(selected, row + step)):
            self._reload(selected)
