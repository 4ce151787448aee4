"""The measures given in one session: a table, "Add measure…" (opens MeasureDialog with the
session number preset) and "Delete measure"."""

from __future__ import annotations

import logging

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView, QHBoxLayout, QHeaderView, QLabel, QMenu, QPushButton, QTableView, QVBoxLayout,
    QWidget,
)

from ipt_desktop.domain.measures import INSTRUMENTS
from ipt_desktop.domain.protocols import PROTOCOLS
from ipt_desktop.domain.records import Episode, MeasureAdministration
from ipt_desktop.services.errors import ServiceError
from ipt_desktop.ui.context import AppContext
from ipt_desktop.ui.formatting import format_date
from ipt_desktop.ui.session_editor.measures_model import OBJECT_ROLE, SORT_ROLE, SessionMeasuresModel
from ipt_desktop.ui.timeline.labels import measure_total_text, session_measures

log = logging.getLogger(__name__)


class SessionMeasuresPanel(QWidget):
    def __init__(self, ctx: AppContext, episode: Episode, session_number: int, session_date: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.episode = episode
        self.session_number = session_number
        self.session_date = session_date
        self.dialog = None  # the open MeasureDialog, if any

        self.model = SessionMeasuresModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSortingEnabled(True)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setMinimumHeight(96)
        self.table.setMaximumHeight(140)
        self.table.setAccessibleName(self.tr("Measures given in this session"))

        self.add_button = QPushButton(self.tr("&Add measure\u2026"))
        menu = QMenu(self.add_button)
        for key in self._instrument_order():
            instrument = INSTRUMENTS[key]
            action = menu.addAction(f"{instrument.short_name} \u2014 {self.tr(instrument.name)}")
            action.triggered.connect(lambda _checked=False, k=key: self.add_measure(k))
        self.add_button.setMenu(menu)
        # Enter in the form means "save and close", never "open this menu".
        self.add_button.setAutoDefault(False)
        self.delete_button = QPushButton(self.tr("De&lete measure"))
        self.delete_button.setEnabled(False)
        self.delete_button.setAutoDefault(False)
        self.delete_button.clicked.connect(self.delete_selected)
        self.table.selectionModel().selectionChanged.connect(
            lambda *_: self.delete_button.setEnabled(self.selected() is not None))

        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.delete_button)
        buttons.addStretch(1)
        title = QLabel(self.tr("Measures given in this session:"))
        title.setBuddy(self.table)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(title)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        self.set_episode(episode)

    def _instrument_order(self) -> list[str]:
        # The protocol's main instrument first: it is the one given every few sessions.
        protocol = PROTOCOLS.get(self.episode.protocol)
        main = protocol.main_instrument if protocol else None
        return sorted(INSTRUMENTS, key=lambda k: (k != main, list(INSTRUMENTS).index(k)))

    def set_episode(self, episode: Episode) -> None:
        self.episode = episode
        self.model.set_rows(session_measures(episode, self.session_number))

    def selected(self) -> MeasureAdministration | None:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].data(OBJECT_ROLE) if rows else None

    def add_measure(self, instrument: str):
        """Open the measure dialog for ``instrument`` (non-blocking, window-modal); returns it."""
        from ipt_desktop.ui.measures.dialog import MeasureDialog

        dialog = MeasureDialog(self.ctx, self.episode.id, instrument, session_number=self.session_number,
                               administered_on=self.session_date, parent=self)
        dialog.accepted.connect(lambda d=dialog: self._measure_added(d))
        dialog.finished.connect(lambda _r, d=dialog: self._dialog_closed(d))
        self.dialog = dialog
        dialog.open()
        return dialog

    def _measure_added(self, dialog) -> None:
        saved = dialog.saved
        if saved is None:
            return
        # Show it at once; the refreshed episode (set_episode) will agree when it arrives.
        rows = [m for m in self.model.rows() if m.id != saved.id]
        if saved.session_number == self.session_number:
            rows.append(saved)
        self.model.set_rows(rows)

    def _dialog_closed(self, dialog) -> None:
        if self.dialog is dialog:
            self.dialog = None
        dialog.deleteLater()

    def delete_selected(self) -> bool:
        measure = self.selected()
        if measure is None:
            return False
        if not self.ctx.interaction.confirm(
                self.tr("Delete measure?"),
                self.tr("Delete %1 given on %2? This cannot be undone.")
                .replace("%1", measure_total_text(measure))
                .replace("%2", format_date(measure.administered_on)),
                ok=self.tr("Delete"), cancel=self.tr("Keep")):
            return False
        from ipt_desktop.services.measures import delete_measure

        try:
            changes = delete_measure(self.ctx.practice, episode_id=self.episode.id, measure_id=measure.id)
        except ServiceError as exc:
            self.ctx.interaction.warn(self.tr("Measure not deleted"), exc.message)
            return False
        except Exception:  # noqa: BLE001 - a sentence for the user, the traceback for the log
            log.exception("deleting a measure failed")
            self.ctx.interaction.warn(
                self.tr("Measure not deleted"),
                self.tr("The measure could not be deleted because of an unexpected error."))
            return False
        self.model.set_rows([m for m in self.model.rows() if m.id != measure.id])
        self.ctx.hub.changed.emit(changes)
        return True
