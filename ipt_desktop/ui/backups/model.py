"""Table model of the backups in the folder: one BackupInfo per row (cf. vorta's archive table).

Column constants, ``set_rows`` in a model reset, SORT_ROLE with typed keys, OBJECT_ROLE for the
BackupInfo, and a per-row check result shown in the Check column after "Verify".
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt

from ipt_desktop.services.backups import BackupInfo
from ipt_desktop.ui import formatting

SORT_ROLE = Qt.ItemDataRole.UserRole
OBJECT_ROLE = Qt.ItemDataRole.UserRole + 1

TAKEN, REASON, SIZE, CHECK = range(4)
COLUMN_COUNT = 4
_HEADERS = {TAKEN: "Taken", REASON: "Why", SIZE: "Size", CHECK: "Check"}
_REASONS = {"manual": "Backed up by you", "auto": "Automatic", "quit": "On quitting",
            "pre-restore": "Before a restore", "pre-migration": "Before an update"}

# The Check column before Verify is clicked: what the backup's sidecar files say.
_STATES = {"sealed": "OK", "owed": "Pending"}
_STATE_TIPS = {
    "sealed": "Passed its full check when it was made; Verify re-reads it to prove it is unchanged",
    "owed": "Taken on quitting; it is checked in the background after the next start",
}

Index = QModelIndex | QPersistentModelIndex


def _tr(text: str) -> str:
    return QCoreApplication.translate("BackupsModel", text)


def format_size(size: int) -> str:
    if size < 1024 * 1024:
        return _tr("%1 KB").replace("%1", f"{max(1, round(size / 1024))}")
    return _tr("%1 MB").replace("%1", f"{size / (1024 * 1024):.1f}")


class BackupsModel(QAbstractTableModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[BackupInfo] = []
        self._checks: dict[Path, tuple[bool, str]] = {}

    def set_rows(self, rows: list[BackupInfo]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._checks = {p: c for p, c in self._checks.items() if any(r.path == p for r in rows)}
        self.endResetModel()

    def set_check(self, path: Path, ok: bool, text: str) -> None:
        """Show a verify result in the Check column of the row for ``path``."""
        self._checks[path] = (ok, text)
        for row, info in enumerate(self._rows):
            if info.path == path:
                index = self.index(row, CHECK)
                self.dataChanged.emit(index, index)

    def backup_at(self, row: int) -> BackupInfo | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802 - Qt override
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802 - Qt override
        return 0 if parent.isValid() else COLUMN_COUNT

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802 - Qt override
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _tr(_HEADERS.get(section, ""))
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        info = self._rows[index.row()]
        column = index.column()
        if role == OBJECT_ROLE:
            return info
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(info, column)
        if role == SORT_ROLE:
            return {TAKEN: info.created_at.isoformat() if info.created_at else "", REASON: info.reason or "",
                    SIZE: info.size_bytes, CHECK: self._text(info, CHECK)}.get(column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == SIZE:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column != CHECK:
                return str(info.path)
            if info.path in self._checks:
                return self._checks[info.path][1] or None
            return _tr(_STATE_TIPS[info.check_state]) if info.check_state in _STATE_TIPS else None
        return None

    def _text(self, info: BackupInfo, column: int) -> str:
        if column == TAKEN:
            if info.created_at is None:
                return info.path.name
            return formatting.format_datetime(info.created_at.strftime("%Y-%m-%dT%H:%M"))
        if column == REASON:
            return _tr(_REASONS.get(info.reason or "", info.reason or ""))
        if column == SIZE:
            return format_size(info.size_bytes)
        if column == CHECK:
            check = self._checks.get(info.path)
            if check is None:  # not verified in this dialog: what the folder says
                return _tr(_STATES.get(info.check_state, ""))
            return _tr("OK") if check[0] else _tr("Failed")
        return ""
