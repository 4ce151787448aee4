"""The right-hand side: chart header, the "start an episode" strip, and the tab container."""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame, QHBoxLayout, QLabel, QPushButton, QScrollArea, QStackedWidget, QTabWidget, QVBoxLayout, QWidget,
)

from ipt_desktop.domain.records import ClientRecord
from ipt_desktop.ui import theme
from ipt_desktop.ui.chart.header import ChartHeader
from ipt_desktop.ui.chart.tabs import TAB_SPECS, TabSpec, build_tab
from ipt_desktop.ui.icons import icon

log = logging.getLogger(__name__)


class ChartView(QWidget):
    """Shows one ClientRecord across the header and every tab.

    ``show_record`` passes the record to each tab (a failing tab is logged and skipped so the
    others still update); ``flush`` asks every tab to save and is False if any failed.
    """

    start_episode_requested = Signal(str)  # client id
    record_shown = Signal(object)  # the ClientRecord (or None) every part now shows

    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.record: ClientRecord | None = None
        self.header = ChartHeader(self)

        self.episode_strip = QFrame(self)
        self.episode_strip.setObjectName("episodeStrip")
        self.episode_strip.setFrameShape(QFrame.Shape.StyledPanel)
        # The one place to start an episode (the Overview has none): shown whenever no episode
        # is running — a new client, or one whose last episode ended.
        self.episode_strip_text = strip_text = QLabel(self.episode_strip)
        strip_text.setWordWrap(True)
        self.start_episode_button = QPushButton(icon("episode"), self.tr("Start an IPT episode\u2026"),
                                                self.episode_strip)
        self.start_episode_button.setObjectName("startEpisodeButton")
        self.start_episode_button.clicked.connect(self._on_start_episode)
        strip = QHBoxLayout(self.episode_strip)
        strip.setContentsMargins(10, 6, 10, 6)
        strip.addWidget(strip_text, 1)
        strip.addWidget(self.start_episode_button)
        self.episode_strip.hide()

        self.tab_widget = QTabWidget(self)
        self.tab_widget.setObjectName("chartTabs")
        self.tab_widget.setDocumentMode(True)
        self.tabs: list[QWidget] = []
        self.specs: list[TabSpec] = []
        for spec in TAB_SPECS:
            tab = build_tab(spec, ctx, self.tab_widget)
            if tab is None:
                continue
            tab.setObjectName(tab.objectName() or f"tab_{spec.key}")
            self.tabs.append(tab)
            self.specs.append(spec)
            self.tab_widget.addTab(self._scrollable(tab), self.tr(spec.title))

        chart_page = QWidget(self)
        chart_layout = QVBoxLayout(chart_page)
        chart_layout.setContentsMargins(8, 8, 8, 4)
        chart_layout.setSpacing(6)
        chart_layout.addWidget(self.header)
        chart_layout.addWidget(self.episode_strip)
        chart_layout.addWidget(self.tab_widget, 1)

        self.empty_label = QLabel(self.tr("Select a client on the left, or create one with "
                                          "File \u25b8 New client (Ctrl+N)."), self)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.empty_label.setStyleSheet(theme.hint_css(self))

        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.empty_label)
        self.stack.addWidget(chart_page)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)

    def _scrollable(self, tab: QWidget) -> QWidget:
        """Host a tab in a frameless scroll area: a tab wider or taller than the space left by
        the client list scrolls instead of forcing the whole window wider (1280x800 screens)."""
        area = QScrollArea(self.tab_widget)
        area.setObjectName(f"scroll_{tab.objectName()}")
        area.setWidgetResizable(True)
        area.setFrameShape(QFrame.Shape.NoFrame)
        area.setWidget(tab)
        return area

    # -- the tab contract, fanned out --------------------------------------------------------
    def show_record(self, record: ClientRecord | None) -> None:
        self.record = record
        self.header.show_record(record)
        self.stack.setCurrentIndex(0 if record is None else 1)
        latest = record.latest_episode if record is not None else None
        has_episode = latest is not None
        running = has_episode and latest.discharge is None and not latest.end_date
        self.episode_strip.setVisible(record is not None and not running)
        if record is not None and not running:
            self.start_episode_button.setText(self.tr("Start a new episode\u2026") if has_episode
                                              else self.tr("Start an IPT episode\u2026"))
            self.episode_strip_text.setText(
                self.tr("The last IPT episode has ended. Start a new one to plan another course of "
                        "sessions; the earlier record stays in the chart.") if has_episode else
                self.tr("This client has no IPT episode yet. Start one to plan the sessions, the "
                        "inventory and the measures."))
        for index, (spec, tab) in enumerate(zip(self.specs, self.tabs)):
            # Tabs that need an episode are hidden for a client without one rather than showing
            # empty tables the therapist cannot fill in yet.
            self.tab_widget.setTabVisible(index, has_episode or not spec.needs_episode or record is None)
            try:
                tab.show_record(record)
            except Exception:
                log.exception("chart tab %s failed to show a record", spec.key)
        self.record_shown.emit(record)

    def flush(self) -> bool:
        ok = True
        for spec, tab in zip(self.specs, self.tabs):
            try:
                # Every tab is flushed even after one fails, so nothing else is left unsaved.
                ok = bool(tab.flush()) and ok
            except Exception:
                log.exception("chart tab %s failed to save", spec.key)
                ok = False
        return ok

    # -- tabs by key ---------------------------------------------------------------------------
    def current_tab_key(self) -> str:
        index = self.tab_widget.currentIndex()
        return self.specs[index].key if 0 <= index < len(self.specs) else "overview"

    def set_current_tab(self, key: str) -> bool:
        for index, spec in enumerate(self.specs):
            if spec.key == key and self.tab_widget.isTabVisible(index):
                self.tab_widget.setCurrentIndex(index)
                return True
        return False

    def tab(self, key: str) -> QWidget | None:
        for spec, tab in zip(self.specs, self.tabs):
            if spec.key == key:
                return tab
        return None

    def _on_start_episode(self) -> None:
        if self.record is not None:
            self.start_episode_requested.emit(self.record.client.id)
