"""The left-hand panel: search box, Active/Discharged/All buttons, the client table."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView, QButtonGroup, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QMenu, QPushButton,
    QTableView, QVBoxLayout, QWidget,
)

from ipt_desktop.domain.records import ClientSummary
from ipt_desktop.ui import theme
from ipt_desktop.ui.client_list.model import (
    MEASURE, NAME, NEXT, OBJECT_ROLE, PHASE, PROTOCOL, SESSION, ClientListModel,
)
from ipt_desktop.ui.client_list.proxy import STATUS_FILTERS, ClientFilterProxy
from ipt_desktop.ui.icons import icon


class ClientListPanel(QWidget):
    """Emits ``client_selected(id or "")`` when the selection changes (by click, key or code).

    The main window may veto a switch (a failed save): it calls ``select_client(previous)``
    while ``client_selected`` is being handled, which is why selection changes go through
    ``_on_current_changed`` and not straight to the view's signal.

    Searching and the status buttons only filter: they never choose a client. The chosen client's
    row stays selected while it is listed and is unselected, not replaced, while the filter hides
    it, so the chart beside the list stays where the therapist left it (no chart is loaded, and
    no unsaved text is flushed, at each keystroke). Enter in the search box opens the first
    client listed.
    """

    client_selected = Signal(str)
    filter_changed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = ClientListModel(self)
        self.proxy = ClientFilterProxy(self)
        self.proxy.setSourceModel(self.model)

        self.search = QLineEdit(self)
        self.search.setObjectName("clientSearch")
        self.search.setPlaceholderText(self.tr("Search by name (Ctrl+F)"))
        self.search.setClearButtonEnabled(True)
        self.search.addAction(icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        self.search.setAccessibleName(self.tr("Search clients by name"))
        self.search.textChanged.connect(self._on_search)
        self.search.returnPressed.connect(self._open_first_listed)
        self._chosen_id: str | None = None  # last chosen by click, key or select_client
        self._filtering = False  # a filter, not the therapist, is moving the current row

        self.status_buttons = QButtonGroup(self)
        self.status_buttons.setExclusive(True)
        buttons = QHBoxLayout()
        buttons.setSpacing(0)
        labels = {"active": self.tr("Active"), "discharged": self.tr("Discharged"), "all": self.tr("All")}
        for key in STATUS_FILTERS:
            button = QPushButton(labels[key], self)
            button.setCheckable(True)
            button.setObjectName(f"filter_{key}")
            button.setProperty("filter_key", key)
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
            self.status_buttons.addButton(button)
            buttons.addWidget(button)
        # A segmented control: the chosen filter must be obvious at a glance in both schemes,
        # which Fusion's sunken "checked" button is not. palette() keeps it scheme-aware.
        segment = ("QPushButton { border: 1px solid palette(mid); padding: 3px 12px;"
                   " background: palette(button); }"
                   " QPushButton[segment=\"first\"] { border-top-left-radius: 4px;"
                   " border-bottom-left-radius: 4px; }"
                   " QPushButton[segment=\"last\"] { border-top-right-radius: 4px;"
                   " border-bottom-right-radius: 4px; }"
                   " QPushButton:checked { background: palette(highlight); color: palette(highlighted-text);"
                   " border-color: palette(highlight); }"
                   " QPushButton:focus:!checked { border-color: palette(highlight); }")
        kept = self.status_buttons.buttons()
        kept[0].setProperty("segment", "first")
        kept[-1].setProperty("segment", "last")
        for button in self.status_buttons.buttons():
            button.setStyleSheet(segment)
        buttons.addStretch(1)
        self.count_label = QLabel(self)
        self.count_label.setStyleSheet(theme.hint_css(self))
        buttons.addWidget(self.count_label)
        self.status_buttons.buttonToggled.connect(self._on_status_toggled)

        self.table = QTableView(self)
        self.table.setObjectName("clientTable")
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSortingEnabled(True)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.setAccessibleName(self.tr("Clients"))
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        header.setSectionsMovable(True)  # the order and widths are kept (UiSettings)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        # The name takes whatever the compact columns leave, so the list never scrolls sideways
        # in the default split; the others fit their longest usual value in this font. Any column
        # can be hidden from the header's context menu (the choice is kept).
        header.setSectionResizeMode(NAME, QHeaderView.ResizeMode.Stretch)
        metrics = header.fontMetrics()
        pad = metrics.horizontalAdvance("nn")  # the cell margins, both sides
        for column, sample in ((PROTOCOL, "IPT-LL"), (SESSION, "14 of 16"), (PHASE, "Termination"),
                               (MEASURE, "PHQ-9 19"), (NEXT, "28 Sep, 09:00")):
            title = str(self.model.headerData(column, Qt.Orientation.Horizontal) or "")
            self.table.setColumnWidth(column, max(metrics.horizontalAdvance(sample),
                                                  metrics.horizontalAdvance(title)) + pad)
        header.setMinimumSectionSize(4 * metrics.horizontalAdvance("n"))
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._header_menu)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.sortByColumn(NAME, Qt.SortOrder.AscendingOrder)
        self.table.selectionModel().currentRowChanged.connect(self._on_current_changed)

        self.empty_label = QLabel(self)
        self.empty_label.setWordWrap(True)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setStyleSheet(theme.hint_css(self))
        self.empty_label.hide()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 4, 8)
        layout.addWidget(self.search)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty_label)
        self.set_status_filter("active")
        self.proxy.rowsInserted.connect(self._update_count)
        self.proxy.rowsRemoved.connect(self._update_count)
        self.proxy.modelReset.connect(self._update_count)
        self.proxy.layoutChanged.connect(self._update_count)
        self._update_count()

    # -- data ----------------------------------------------------------------------------------
    def set_clients(self, summaries: list[ClientSummary]) -> None:
        """Replace the rows, keeping the selected client selected when it is still listed."""
        current = self.current_client_id()
        self.model.set_rows(summaries)
        if current and self.current_client_id() != current:
            self.select_client(current, notify=False)
        self._update_count()

    def update_clients(self, summaries: list[ClientSummary]) -> bool:
        """Refresh some rows in place; False when a full reload is needed (see model.update_rows)."""
        if not self.model.update_rows(summaries):
            return False
        self._update_count()
        return True

    def clear(self) -> None:
        """Forget every row (lock): no names stay on screen or in memory."""
        self.table.selectionModel().blockSignals(True)
        try:
            self.model.set_rows([])
        finally:
            self.table.selectionModel().blockSignals(False)
        self.search.clear()
        self._update_count()

    # -- selection -----------------------------------------------------------------------------
    def current_client_id(self) -> str | None:
        index = self.table.selectionModel().currentIndex()
        if not index.isValid() or not self.table.selectionModel().isRowSelected(index.row(), QModelIndex()):
            return None
        summary = index.data(OBJECT_ROLE)
        return summary.id if summary is not None else None

    def select_client(self, client_id: str | None, *, notify: bool = True) -> bool:
        """Select a client by id (showing them if the filter hides them); False if not listed."""
        selection = self.table.selectionModel()
        if not client_id:
            selection.blockSignals(not notify)
            try:
                self._set_current(QModelIndex())
            finally:
                selection.blockSignals(False)
            self._chosen_id = None
            if notify:
                self.client_selected.emit("")
            return True
        row = self.model.row_of(client_id)
        if row < 0:
            return False
        proxy_index = self._listed_index(client_id)
        if not proxy_index.isValid():
            # Hidden by the search or status filter: widen the filter rather than select nothing.
            self.search.clear()
            summary = self.model.summary(row)
            target = "active" if summary.status == "active" else "discharged"
            if self.proxy.status not in ("all", target):
                self.set_status_filter(target)
            proxy_index = self._listed_index(client_id)
            if not proxy_index.isValid():
                return False
        selection.blockSignals(not notify)
        try:
            self._set_current(proxy_index)
        finally:
            selection.blockSignals(False)
        self._chosen_id = client_id
        self.table.scrollTo(proxy_index)
        return True

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._filtering:
            return  # see _refilter: Qt moved the current row off a row the filter hid
        summary = current.data(OBJECT_ROLE) if current.isValid() else None
        self._chosen_id = summary.id if summary is not None else None
        self.client_selected.emit(summary.id if summary is not None else "")

    def _listed_index(self, client_id: str | None) -> QModelIndex:
        """The client's row in the table; invalid when unknown or hidden by the filter."""
        row = self.model.row_of(client_id) if client_id else -1
        return self.proxy.mapFromSource(self.model.index(row, NAME)) if row >= 0 else QModelIndex()

    def _set_current(self, index: QModelIndex) -> None:
        """Make ``index``'s row the selected one; an invalid index selects nothing."""
        selection = self.table.selectionModel()
        if index.isValid():
            selection.setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect
                                      | QItemSelectionModel.SelectionFlag.Rows)
        else:
            selection.clearSelection()
            selection.setCurrentIndex(QModelIndex(), QItemSelectionModel.SelectionFlag.NoUpdate)

    def _refilter(self, change) -> None:
        """Apply a filter change without choosing a client (see the class docstring)."""
        self._filtering = True
        try:
            change()
            self._set_current(self._listed_index(self._chosen_id))
        finally:
            self._filtering = False

    def _open_first_listed(self) -> None:
        if self.proxy.rowCount() == 0:
            return
        self._set_current(self.proxy.index(0, NAME))
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- filters -------------------------------------------------------------------------------
    def status_filter(self) -> str:
        return self.proxy.status

    def set_status_filter(self, status: str) -> None:
        for button in self.status_buttons.buttons():
            if button.property("filter_key") == status:
                button.setChecked(True)
        self.proxy.set_status(status)

    def header_state(self):
        return self.table.horizontalHeader().saveState()

    def restore_header_state(self, state) -> None:
        if state is not None:
            self.table.horizontalHeader().restoreState(state)

    def _header_menu(self, pos) -> None:
        """Show or hide columns (kept with the header state); the name always stays."""
        menu = QMenu(self)
        for column in range(1, self.model.columnCount()):
            action = menu.addAction(str(self.model.headerData(column, Qt.Orientation.Horizontal)))
            action.setCheckable(True)
            action.setChecked(not self.table.isColumnHidden(column))
            action.toggled.connect(lambda shown, c=column: self.table.setColumnHidden(c, not shown))
        menu.exec(self.table.horizontalHeader().mapToGlobal(pos))

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def _on_search(self, text: str) -> None:
        self._refilter(lambda: self.proxy.set_query(text))
        self._update_count()

    def _on_status_toggled(self, button: QPushButton, checked: bool) -> None:
        if checked:
            key = button.property("filter_key")
            self._refilter(lambda: self.proxy.set_status(key))
            self._update_count()
            self.filter_changed.emit(key)

    def _update_count(self, *_args: object) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        self.count_label.setText(self.tr("%1 of %2").replace("%1", str(shown)).replace("%2", str(total))
                                 if shown != total else
                                 (self.tr("1 client") if total == 1 else
                                  self.tr("%1 clients").replace("%1", str(total))))
        if total == 0:
            self.empty_label.setText(
                self.tr("No clients yet.\nCreate one with File \u25b8 New client (Ctrl+N)."))
        elif shown == 0:
            self.empty_label.setText(self.tr("No client matches the search or filter."))
        self.empty_label.setVisible(shown == 0)

    def visible_client_ids(self) -> list[str]:
        """Ids in the order shown (tests and the screenshot tool use this)."""
        return [self.proxy.index(r, NAME).data(OBJECT_ROLE).id for r in range(self.proxy.rowCount())]
