"""Table model of the audit trail: one row per event, newest first by default.

Times are stored in UTC and shown in the computer's local time (``tz`` lets tests pin a zone).
Actions and record kinds are shown as words; unknown ones (written by a newer version) as stored.
"""

from __future__ import annotations

import datetime as _dt
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt

from ipt_desktop.services.security import AuditEntry
from ipt_desktop.ui.formatting import DASH, format_date

COL_TIME, COL_ACTION, COL_KIND, COL_RECORD, COL_CLIENT = range(5)
HEADERS = ("When", "Action", "Record type", "Record id", "Client")
SORT_ROLE = Qt.ItemDataRole.UserRole
OBJECT_ROLE = Qt.ItemDataRole.UserRole + 1
# The whole row's words in one string, asked for once per row by the dialog's filter (instead of
# every cell: 5 Python calls per row and keystroke).
FILTER_ROLE = Qt.ItemDataRole.UserRole + 2
_DISPLAY, _TOOLTIP = Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole
_ANSWERED = frozenset({_DISPLAY, _TOOLTIP, SORT_ROLE, OBJECT_ROLE, FILTER_ROLE})

ACTION_LABELS = {
    "insert": "Created", "update": "Changed", "delete": "Deleted", "status": "Status changed",
    "discharge": "Discharged", "undischarge": "Discharge undone", "import": "Imported",
    "export": "Exported", "print": "Printed / PDF", "rekey": "Passphrase changed",
    "encrypt": "Encrypted", "backup": "Backed up", "restore": "Restored", "reorder": "Reordered",
    "rate": "Rated", "unrate": "Rating removed", "reschedule": "Rescheduled",
}
KIND_LABELS = {
    "client": "Client", "episode": "Episode", "session": "Session", "measure": "Measure",
    "goal": "Goal", "relationship": "Relationship", "practice_profile": "Practice profile",
    "practice": "Practice file", "pdf:session": "Session note (PDF)", "pdf:progress": "Progress report (PDF)",
    "pdf:discharge": "Discharge summary (PDF)", "pdf:inventory": "Inventory sheet (PDF)",
}
Index = QModelIndex | QPersistentModelIndex


def _tr(text: str) -> str:
    return QCoreApplication.translate("AuditTableModel", text)


def fixed_labels(column: int) -> tuple[str, ...]:
    """The words the Action or Record type column can show (translated), to size it by."""
    labels = {COL_ACTION: ACTION_LABELS, COL_KIND: KIND_LABELS}.get(column, {})
    return tuple(_tr(text) for text in labels.values())


def local_time(at: str, tz: _dt.tzinfo | None = None) -> _dt.datetime | None:
    """The stored UTC ISO time in ``tz`` (the computer's zone when None); None if unreadable."""
    try:
        moment = _dt.datetime.fromisoformat(at)
    except (TypeError, ValueError):
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=_dt.timezone.utc)
    return moment.astimezone(tz)


def format_event_time(at: str, tz: _dt.tzinfo | None = None) -> str:
    moment = local_time(at, tz)
    return f"{format_date(moment.date())}, {moment:%H:%M:%S}" if moment is not None else DASH


class AuditTableModel(QAbstractTableModel):
    """The view asks for every cell many times (painting, sizing columns, sorting, filtering):
    each row's texts are made once, when first asked, and kept until the next ``set_rows``. With
    the 2,000 entries the dialog shows, opening it took 0.5 s and a filter keystroke up to as long
    (docs/performance.md, change 23)."""

    def __init__(self, parent=None, *, tz: _dt.tzinfo | None = None) -> None:
        super().__init__(parent)
        self._rows: list[AuditEntry] = []
        self._texts: list[tuple[str, ...] | None] = []  # per row: the shown texts, once made
        self._tz = tz

    def set_rows(self, rows: list[AuditEntry]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._texts = [None] * len(self._rows)
        self.endResetModel()

    def _row_texts(self, row: int) -> tuple[str, ...]:
        texts = self._texts[row]
        if texts is None:
            entry = self._rows[row]
            texts = self._texts[row] = tuple(self._display(entry, c) for c in range(len(HEADERS)))
        return texts

    def entry(self, row: int) -> AuditEntry:
        return self._rows[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802 - Qt override
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802 - Qt override
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802 - Qt override
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal \
                and 0 <= section < len(HEADERS):
            return _tr(HEADERS[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role not in _ANSWERED or not index.isValid():
            return None  # fonts, colours, alignment...: asked for every cell, answered by the style
        row, column = index.row(), index.column()
        if not 0 <= row < len(self._rows):
            return None
        if role == _DISPLAY:
            return self._row_texts(row)[column]
        entry = self._rows[row]
        if role == OBJECT_ROLE:
            return entry
        if role == FILTER_ROLE:
            return "\n".join(self._row_texts(row))  # \n: a filter never matches across two cells
        if role == SORT_ROLE:
            # The id is the chain order: sorting "When" by id never depends on clock changes.
            if column == COL_TIME:
                return entry.id
            if column == COL_RECORD:
                return entry.entity_id or ""
            return self._row_texts(row)[column].lower()
        if role == _TOOLTIP:
            if column == COL_TIME:
                text = _tr("Event %1, stored as %2 (UTC)")
                return text.replace("%1", str(entry.id)).replace("%2", entry.at)
            if column == COL_RECORD and entry.entity_id:
                return entry.entity_id
            if column == COL_CLIENT and entry.client_id and entry.client_name is None:
                return _tr("This client is no longer in the practice (id %1)").replace("%1", entry.client_id)
        return None

    def _display(self, entry: AuditEntry, column: int) -> str:
        if column == COL_TIME:
            return format_event_time(entry.at, self._tz)
        if column == COL_ACTION:
            return _tr(ACTION_LABELS[entry.action]) if entry.action in ACTION_LABELS else entry.action
        if column == COL_KIND:
            return _tr(KIND_LABELS[entry.entity]) if entry.entity in KIND_LABELS else entry.entity
        if column == COL_RECORD:
            # Ids are 36-character UUIDs: both ends tell records apart (generated ids may share a
            # prefix); the tooltip has it all.
            ident = entry.entity_id or ""
            return (f"{ident[:8]}\u2026{ident[-4:]}" if len(ident) > 14 else ident) or DASH
        if column == COL_CLIENT:
            if entry.client_name:
                return entry.client_name
            return _tr("(removed client)") if entry.client_id else DASH
        return ""
