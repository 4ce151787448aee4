"""The progress tab: trend chart per instrument, summary lines, every administration with its
item-level view, and goal ratings over time. Read-only: nothing here writes, so flush() is True.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView, QComboBox, QGroupBox, QHBoxLayout, QHeaderView, QLabel, QSizePolicy, QSplitter,
    QTableView, QTabWidget, QVBoxLayout, QWidget,
)

from ipt_desktop.domain.measures import INSTRUMENTS, get_instrument
from ipt_desktop.domain.progress import chronological, episode_progress, main_instrument
from ipt_desktop.domain.records import ClientRecord, Episode, MeasureAdministration
from ipt_desktop.ui import theme
from ipt_desktop.ui.context import AppContext
from ipt_desktop.ui.settings import remember_splitter
from ipt_desktop.ui.formatting import format_date
from ipt_desktop.ui.progress import models as m
from ipt_desktop.ui.progress.sparkline import SparklineDelegate
from ipt_desktop.ui.progress.summary import summary_text, summary_tooltip
from ipt_desktop.ui.progress.trend_chart import RISK_COLOUR, TrendChart


def _table(model) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.verticalHeader().setVisible(False)
    view.setWordWrap(False)
    view.setAlternatingRowColors(True)
    return view


class ProgressTab(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("progress_tab")
        self.ctx = ctx
        self._record: ClientRecord | None = None
        self._episode: Episode | None = None
        self._syncing = False

        self.instrument_combo = QComboBox()
        self.instrument_combo.setObjectName("progress_instrument")
        self.instrument_label = QLabel(self.tr("Instrument:"))
        self.instrument_label.setBuddy(self.instrument_combo)
        self.instrument_combo.currentIndexChanged.connect(self._on_instrument_chosen)
        self.summary_label = QLabel()
        self.summary_label.setObjectName("progress_summary")
        self.summary_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # No word wrap here or below: wrapped labels get a stale height inside splitters and clip.
        # One explicit line per instrument instead; Ignored lets a narrow window cut, not stretch.
        self.summary_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)

        self.chart = TrendChart()
        self.chart.setObjectName("trend_chart")
        self.chart.point_clicked.connect(self.select_administration)
        key = QLabel(self.tr("Shaded: severity bands \u00b7 dashed: response (50% of baseline) and remission "
                             "\u00b7 <span style='color:%1'>\u25ef</span> risk item above 0")
                     .replace("%1", RISK_COLOUR.name()))
        key.setTextFormat(Qt.TextFormat.RichText)
        key.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        key.setStyleSheet(theme.hint_css(key))  # the app's quieter text, both schemes

        self.administrations = m.AdministrationsModel(self)
        self.administrations_proxy = QSortFilterProxyModel(self)
        self.administrations_proxy.setSourceModel(self.administrations)
        self.administrations_proxy.setSortRole(m.SORT_ROLE)
        self.administrations_view = _table(self.administrations_proxy)
        self.administrations_view.setObjectName("administrations_table")
        self.administrations_view.setSortingEnabled(True)
        self.administrations_view.sortByColumn(m.A_DATE, Qt.SortOrder.AscendingOrder)
        header = self.administrations_view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)  # sized in _fit_columns
        header.setStretchLastSection(True)
        # The stretched last section never gets narrower than the default size: keep that small.
        header.setDefaultSectionSize(60)
        # Severity (the longest text) last, so a narrow pane shortens it instead of hiding Risk.
        header.moveSection(header.visualIndex(m.A_RISK), header.visualIndex(m.A_SEVERITY))
        self.administrations_view.selectionModel().currentRowChanged.connect(self._on_administration)

        self.items = m.ItemsModel(self)
        self.items_view = _table(self.items)
        self.items_view.setObjectName("items_table")
        items_header = self.items_view.horizontalHeader()
        items_header.setSectionResizeMode(m.I_ITEM, QHeaderView.ResizeMode.Stretch)
        for column in (m.I_BASELINE, m.I_THIS, m.I_CHANGE):
            items_header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.items_title = QLabel()
        self.items_title.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.items_title.setToolTip(self.tr("Items scored differently from the baseline are highlighted; "
                                            "a risk item above 0 is tinted red."))

        self.goals = m.GoalsModel(self)
        self.goals_view = _table(self.goals)
        self.goals_view.setObjectName("goals_table")
        self.goals_view.setItemDelegateForColumn(m.G_RATINGS, SparklineDelegate(self))
        goals_header = self.goals_view.horizontalHeader()
        goals_header.setSectionResizeMode(m.G_GOAL, QHeaderView.ResizeMode.Stretch)
        for column in (m.G_FIRST, m.G_LATEST):
            goals_header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        goals_header.setSectionResizeMode(m.G_RATINGS, QHeaderView.ResizeMode.Interactive)
        self.goals_view.setColumnWidth(m.G_RATINGS, 140)
        self.goals_view.setWordWrap(True)  # long goals wrap instead of hiding their end
        self.goals_view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)

        top = QHBoxLayout()
        top.addWidget(self.instrument_label)
        top.addWidget(self.instrument_combo)
        top.addSpacing(12)
        top.addWidget(self.summary_label, 1)
        chart_box = QWidget()
        chart_layout = QVBoxLayout(chart_box)
        chart_layout.setContentsMargins(0, 0, 0, 0)
        chart_layout.addLayout(top)
        chart_layout.addWidget(self.chart, 1)
        chart_layout.addWidget(key)
        # The chart gets the full width; the tables share a tab widget underneath. Beside the
        # chart they were unreadable in the ~740 px the main window leaves at 1280x800.
        items_box = self._group(self.tr("Items"), self.items_title, self.items_view)
        lower = QSplitter(Qt.Orientation.Horizontal)
        lower.addWidget(self._group(self.tr("Every administration"), self.administrations_view))
        lower.addWidget(items_box)
        lower.setStretchFactor(0, 1)
        lower.setStretchFactor(1, 1)
        lower.setSizes([600, 400])  # proportions; Qt scales them to the real width
        self.details_tabs = QTabWidget()
        self.details_tabs.setObjectName("progress_details")
        self.details_tabs.setDocumentMode(True)
        self.details_tabs.addTab(lower, self.tr("Administrations"))
        self.details_tabs.addTab(self.goals_view, self.tr("Goal ratings"))
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(chart_box)
        self.splitter.addWidget(self.details_tabs)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([340, 300])
        self.lower_splitter = lower
        for splitter, key in ((lower, "progress/tables"), (self.splitter, "progress/vertical")):
            splitter.setChildrenCollapsible(False)
            remember_splitter(splitter, getattr(ctx, "settings", None), key)
        self.empty_label = QLabel()
        self.empty_label.setStyleSheet(theme.hint_css(self.empty_label))
        layout = QVBoxLayout(self)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.splitter, 1)
        QWidget.setTabOrder(self.instrument_combo, self.administrations_view)
        QWidget.setTabOrder(self.administrations_view, self.items_view)
        QWidget.setTabOrder(self.items_view, self.goals_view)
        self.show_record(None)

    @staticmethod
    def _group(title: str, *widgets: QWidget) -> QGroupBox:
        box = QGroupBox(title)
        layout = QVBoxLayout(box)
        layout.setContentsMargins(6, 6, 6, 6)
        for widget in widgets:
            layout.addWidget(widget, 1 if isinstance(widget, QTableView) else 0)
        return box

    # -- the tab contract ----------------------------------------------------------------------
    def show_record(self, record: ClientRecord | None) -> None:
        same_client = (record is not None and self._record is not None
                       and record.client.id == self._record.client.id)
        keep_instrument = self.current_instrument() if same_client else None
        selected = self.selected_administration() if same_client else None
        keep_measure = selected.id if selected is not None else None
        self._record = record
        episode = record.latest_episode if record is not None else None
        self._episode = episode
        measures = tuple(episode.measures) if episode is not None else ()
        progress = episode_progress(episode) if episode is not None else {}
        self._syncing = True
        try:
            self.instrument_combo.clear()
            for key in progress:
                self.instrument_combo.addItem(get_instrument(key).short_name, key)
            self.administrations.set_rows(measures)
            self.goals.set_rows(episode.goals if episode is not None else ())
        finally:
            self._syncing = False
        self.details_tabs.setTabText(0, self.tr("Administrations (%1)").replace("%1", str(len(measures))))
        goal_count = len(episode.goals) if episode is not None else 0
        self.details_tabs.setTabText(1, self.tr("Goal ratings (%1)").replace("%1", str(goal_count)))
        several = self.instrument_combo.count() > 1
        # One instrument only: its name in every row says nothing the summary does not.
        self.administrations_view.setColumnHidden(m.A_INSTRUMENT, not several)
        self._fit_columns()
        self.instrument_combo.setVisible(several)
        self.instrument_label.setVisible(several)
        self.summary_label.setText("\n".join(summary_text(p) for p in progress.values())
                                   or (self.tr("No measures recorded yet.") if episode is not None else ""))
        self.summary_label.setToolTip("\n".join(summary_tooltip(p) for p in progress.values()))
        instrument = None
        if episode is not None:
            instrument = keep_instrument if keep_instrument in progress else main_instrument(episode)
        self._show_instrument(instrument)
        if keep_measure is not None and self.administrations.row_of(keep_measure) is not None:
            self.select_administration(keep_measure)
        if record is None:
            self.empty_label.setText(self.tr("No client selected."))
        elif episode is None:
            self.empty_label.setText(self.tr("Start an episode to record measures and goals."))
        self.empty_label.setVisible(episode is None)
        self.splitter.setEnabled(episode is not None)

    def flush(self) -> bool:
        return True  # nothing on this tab is edited

    def _fit_columns(self) -> None:
        """Each column as wide as its widest cell or title. ResizeToContents also reserves room
        for a sort arrow in every column, which pushed the table into scrolling at 1280x800."""
        view = self.administrations_view
        metrics = view.horizontalHeader().fontMetrics()
        for column in range(self.administrations.columnCount()):
            if column == m.A_SEVERITY:
                continue  # the last, stretched section takes what is left
            title = self.administrations.headerData(column, Qt.Orientation.Horizontal) or ""
            view.setColumnWidth(column, max(view.sizeHintForColumn(column),
                                            metrics.horizontalAdvance(title) + 18))

    # -- instrument and administration selection -----------------------------------------------
    def current_instrument(self) -> str | None:
        return self.chart.instrument()

    def set_instrument(self, key: str) -> None:
        index = self.instrument_combo.findData(key)
        if index >= 0:
            self.instrument_combo.setCurrentIndex(index)

    def _on_instrument_chosen(self, _index: int) -> None:
        if not self._syncing:
            self._show_instrument(self.instrument_combo.currentData())

    def _show_instrument(self, key: str | None) -> None:
        """Chart ``key`` and select its latest administration (the item view follows)."""
        if key is not None and key not in INSTRUMENTS:
            key = None
        self._syncing = True
        try:
            index = self.instrument_combo.findData(key)
            if index >= 0:
                self.instrument_combo.setCurrentIndex(index)
        finally:
            self._syncing = False
        measures = self._episode.measures if self._episode is not None else ()
        self.chart.set_series(key, [a for a in measures if a.instrument == key])
        own = chronological([a for a in measures if a.instrument == key])
        selected = self.selected_administration()
        if selected is None or selected.instrument != key:
            self.select_administration(own[-1].id if own else None)

    def selected_administration(self) -> MeasureAdministration | None:
        index = self.administrations_view.selectionModel().currentIndex()
        return index.data(m.OBJECT_ROLE) if index.isValid() else None

    def select_administration(self, measure_id: str | None) -> None:
        row = self.administrations.row_of(measure_id)
        selection = self.administrations_view.selectionModel()
        if row is None:
            selection.clearSelection()
            selection.setCurrentIndex(QModelIndex(), QItemSelectionModel.SelectionFlag.NoUpdate)
            self._show_items(None)
            return
        index = self.administrations_proxy.mapFromSource(self.administrations.index(row, 0))
        selection.setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect
                                  | QItemSelectionModel.SelectionFlag.Rows)
        self.administrations_view.scrollTo(index)
        self._show_items(self.administrations.row_object(row))

    def _on_administration(self, current: QModelIndex, _previous: QModelIndex) -> None:
        adm = current.data(m.OBJECT_ROLE) if current.isValid() else None
        self._show_items(adm)
        if adm is not None and adm.instrument != self.current_instrument() and not self._syncing:
            self._show_instrument(adm.instrument)  # the chart follows the table

    def _show_items(self, adm: MeasureAdministration | None) -> None:
        baseline = None
        if adm is not None and self._episode is not None:
            same = chronological([a for a in self._episode.measures if a.instrument == adm.instrument])
            baseline = same[0] if same else None
        self.items.set_comparison(baseline, adm)
        if adm is None or baseline is None:
            self.items_title.setText(self.tr("Select an administration to see its items.\n"))
            return
        spec = INSTRUMENTS.get(adm.instrument)
        name = spec.short_name if spec else adm.instrument
        when = format_date(adm.administered_on)
        if adm.session_number is not None:
            when += " " + self.tr("(session %1)").replace("%1", str(adm.session_number))
        if baseline.id == adm.id:
            text = self.tr("%1 on %2\nThis is the baseline").replace("%1", name).replace("%2", when)
        else:
            text = (self.tr("%1 on %2\ncompared with baseline %3")
                    .replace("%1", name).replace("%2", when)
                    .replace("%3", format_date(baseline.administered_on)))
        if spec is not None and spec.licensed_text:
            text += " " + self.tr("(wording on the licensed form)")
        self.items_title.setText(text)
