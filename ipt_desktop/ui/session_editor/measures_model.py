"""Table model of the measures given in one session (instrument, date, total, severity, risk)."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from ipt_desktop.domain.measures import INSTRUMENTS, score
from ipt_desktop.domain.records import MeasureAdministration
from ipt_desktop.ui.formatting import format_date
from ipt_desktop.ui.timeline.labels import instrument_short_name, measure_band_text

COL_INSTRUMENT, COL_DATE, COL_TOTAL, COL_SEVERITY, COL_RISK = range(5)
SORT_ROLE = Qt.ItemDataRole.UserRole
OBJECT_ROLE = Qt.ItemDataRole.UserRole + 1

_HEADERS = ("Instrument", "Date", "Total", "Severity", "Risk")


def _risk(measure: MeasureAdministration) -> bool:
    if measure.instrument not in INSTRUMENTS:
        return False
    try:
        return score(measure.instrument, measure.items).risk
    except ValueError:
        return False


class SessionMeasuresModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[MeasureAdministration] = []

    def set_rows(self, rows: list[MeasureAdministration]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[MeasureAdministration]:
        return list(self._rows)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(_HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal \
                and 0 <= section < len(_HEADERS):
            return self.tr(_HEADERS[section])
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        measure = self._rows[index.row()]
        column = index.column()
        if role == OBJECT_ROLE:
            return measure
        if role == Qt.ItemDataRole.DisplayRole:
            if column == COL_INSTRUMENT:
                return instrument_short_name(measure.instrument)
            if column == COL_DATE:
                return format_date(measure.administered_on)
            if column == COL_TOTAL:
                return str(sum(measure.items))
            if column == COL_SEVERITY:
                return measure_band_text(measure)
            if column == COL_RISK:
                return self.tr("\u26a0 Risk item above 0") if _risk(measure) else ""
        if role == SORT_ROLE:
            if column == COL_INSTRUMENT:
                return instrument_short_name(measure.instrument)
            if column == COL_DATE:
                return measure.administered_on
            if column in (COL_TOTAL, COL_SEVERITY):
                return sum(measure.items)
            if column == COL_RISK:
                return int(_risk(measure))
        if role == Qt.ItemDataRole.TextAlignmentRole and column == COL_TOTAL:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None
