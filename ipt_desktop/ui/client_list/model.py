"""Table model of the client list: one lightweight ClientSummary per row, never an ORM object.

Column constants, ``set_rows`` wrapped in a model reset, SORT_ROLE (typed sort keys, so "10 of
16" sorts after "9 of 16") and OBJECT_ROLE (the ClientSummary) — cf. vorta's archive table model.
"""

from __future__ import annotations

import functools
import unicodedata
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from ipt_desktop.domain.episode_stats import phase_from_sessions
from ipt_desktop.domain.protocols import PROTOCOLS
from ipt_desktop.domain.records import ClientSummary
from ipt_desktop.ui import formatting

SORT_ROLE = Qt.ItemDataRole.UserRole
OBJECT_ROLE = Qt.ItemDataRole.UserRole + 1
# The text the search box matches: first, last and preferred name (see proxy.py).
SEARCH_ROLE = Qt.ItemDataRole.UserRole + 2
STATUS_ROLE = Qt.ItemDataRole.UserRole + 3

NAME, PROTOCOL, SESSION, PHASE, MEASURE, NEXT = range(6)
COLUMN_COUNT = 6
_HEADERS = {NAME: "Name", PROTOCOL: "Protocol", SESSION: "Session", PHASE: "Phase",
            MEASURE: "Score", NEXT: "Next session"}
_HEADER_TIPS = {MEASURE: "Latest score of any measure (the severity is in the cell's tooltip)"}
_PHASE_ORDER = {"initial": 1, "middle": 2, "termination": 3}
_NO_NEXT = "9999"  # sorts clients without a next session after everyone who has one

Index = QModelIndex | QPersistentModelIndex


# Letters that Unicode does not decompose into a base letter plus an accent, but that people
# type without the stroke: "Soren" for Søren, "Michal" for Michał.
_PLAIN_LETTERS = str.maketrans({"ø": "o", "ł": "l", "đ": "d", "ð": "d", "æ": "ae", "œ": "oe",
                                "þ": "th", "ı": "i", "ħ": "h", "ŧ": "t"})


@functools.lru_cache(maxsize=16384)  # names repeat on every list reload (each autosave)
def fold(text: str) -> str:
    """Lower-case, accents removed: "Zoë Ångström" -> "zoe angstrom" (for search and sorting)."""
    decomposed = unicodedata.normalize("NFKD", text.casefold().translate(_PLAIN_LETTERS))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def name_words(text: str) -> list[str]:
    """Words of a (folded) name; hyphens and apostrophes split names too, so "smith" finds
    "Jones-Smith" and "brien" O'Brien."""
    for separator in "-'\u2019.":
        text = text.replace(separator, " ")
    return text.split()


def search_key(text: str) -> tuple[list[str], str]:
    """(folded words, folded letters without spaces) of a name, as the search matches them."""
    folded = fold(text)
    return name_words(folded), folded.replace(" ", "")


def _search_text(summary: ClientSummary) -> str:
    return " ".join(filter(None, (summary.first_name, summary.last_name, summary.preferred_name)))


def display_name(summary: ClientSummary) -> str:
    """"Alexandra Novak (Alex)": the preferred name in brackets when it differs."""
    name = summary.full_name
    preferred = (summary.preferred_name or "").strip()
    if preferred and preferred.casefold() != summary.first_name.strip().casefold():
        name = f"{name} ({preferred})"
    return name


def current_phase(summary: ClientSummary) -> tuple[str, str] | None:
    """(key, label) of the phase the client is in; None without an ongoing episode.

    domain.episode_stats.phase_from_sessions is the same rule the chart header uses.
    """
    if summary.protocol not in PROTOCOLS or summary.status != "active":
        return None
    phase = phase_from_sessions(summary.protocol, summary.next_session_number, summary.last_attended_number)
    return phase.key, phase.label


class ClientListModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[ClientSummary] = []
        self._risk_icon = None  # created lazily: QIcon needs a QGuiApplication
        # Folded name keys, computed once per set_rows (docs/performance.md): the proxy asks for
        # the sort key O(n log n) times and the search text once per row per keystroke, and
        # folding accents on every call cost ~0.4 s per reload and ~20 ms per keystroke at 2,000.
        self._name_keys: list[str] = []
        self._search_keys: list[tuple[list[str], str]] = []
        self._row_of: dict[str, int] = {}

    # -- data in -------------------------------------------------------------------------------
    def set_rows(self, rows: list[ClientSummary]) -> None:
        """Replace the rows. Same clients in the same order -> dataChanged only, so the view
        keeps its selection and scroll position after every autosave."""
        rows = list(rows)
        if [r.id for r in rows] == [r.id for r in self._rows] and rows:
            changed = [row for row, (old, new) in enumerate(zip(self._rows, rows)) if old != new]
            self._rows = rows
            self._index_rows()
            if changed:
                # Only the rows that differ (an autosave changes one client): dataChanged over
                # every row made the proxy re-sort and re-filter all of them on each save.
                self.dataChanged.emit(self.index(changed[0], 0), self.index(changed[-1], COLUMN_COUNT - 1))
            return
        self.beginResetModel()
        self._rows = rows
        self._index_rows()
        self.endResetModel()

    def update_rows(self, rows: list[ClientSummary]) -> bool:
        """Replace some rows in place (a refresh after a save). False, changing nothing, when a
        row is new or its name changed (its place in the order would move): reload instead."""
        updates: dict[int, ClientSummary] = {}
        for summary in rows:
            row = self._row_of.get(summary.id, -1)
            if row < 0:
                return False
            old = self._rows[row]
            if (old.first_name, old.last_name, old.preferred_name) != (
                    summary.first_name, summary.last_name, summary.preferred_name):
                return False
            if old != summary:
                updates[row] = summary
        for row, summary in updates.items():
            self._rows[row] = summary
            self._search_keys[row] = search_key(_search_text(summary))
            self.dataChanged.emit(self.index(row, 0), self.index(row, COLUMN_COUNT - 1))
        return True

    def _index_rows(self) -> None:
        self._name_keys = [f"{fold(r.last_name)}\t{fold(r.first_name)}\t{r.id}" for r in self._rows]
        self._search_keys = [search_key(_search_text(r)) for r in self._rows]
        self._row_of = {r.id: row for row, r in enumerate(self._rows)}

    def search_key(self, row: int) -> tuple[list[str], str]:
        """The row's name words and letters, folded once (see search_key)."""
        return self._search_keys[row]

    def summary(self, row: int) -> ClientSummary:
        return self._rows[row]

    def row_of(self, client_id: str) -> int:
        return self._row_of.get(client_id, -1)

    def client_ids(self) -> list[str]:
        return [r.id for r in self._rows]

    # -- Qt model API --------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else COLUMN_COUNT

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            header = _HEADERS.get(section)
            return self.tr(header) if header else None
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.ToolTipRole:
            tip = _HEADER_TIPS.get(section)
            return self.tr(tip) if tip else None
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = index.row()
        if not index.isValid() or not 0 <= row < len(self._rows):
            return None
        column = index.column()
        if role == SORT_ROLE and column == NAME:
            return self._name_keys[row]  # hot: the proxy's sort asks twice per comparison
        summary = self._rows[row]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(summary, column)
        if role == SORT_ROLE:
            return self._sort_key(summary, column)
        if role == OBJECT_ROLE:
            return summary
        if role == SEARCH_ROLE:
            return _search_text(summary)
        if role == STATUS_ROLE:
            return summary.status
        if role == Qt.ItemDataRole.DecorationRole and column == NAME and summary.latest_risk:
            return self._risk()
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(summary, column)
        if role == Qt.ItemDataRole.AccessibleDescriptionRole and column == NAME and summary.latest_risk:
            return self.tr("Risk flagged")
        return None

    # -- helpers -------------------------------------------------------------------------------
    def _display(self, s: ClientSummary, column: int) -> str:
        protocol = PROTOCOLS.get(s.protocol or "")
        if column == NAME:
            return display_name(s)
        if column == PROTOCOL:
            return protocol.short_name if protocol else (s.protocol or "")
        if column == SESSION:
            if s.episode_id is None:
                return ""
            planned = protocol.sessions if protocol else None
            return formatting.format_session_count(s.sessions_attended, planned)
        if column == PHASE:
            if s.status == "discharged":
                return self.tr("Discharged")
            phase = current_phase(s)
            return self.tr(phase[1]) if phase else ""
        if column == MEASURE:
            # Compact for the narrow list; the severity band is in the tooltip and the chart.
            return formatting.format_score(s.latest_instrument, s.latest_total, empty="", band=False)
        if column == NEXT:
            # No weekday: the list is narrow and names come first; the tooltip has the full date.
            return formatting.format_short_datetime(s.next_session_at, empty="", weekday=False)
        return ""

    def _sort_key(self, s: ClientSummary, column: int) -> Any:
        # Every key is a string or an int per column so QSortFilterProxyModel compares like with like.
        if column == NAME:
            # Accent-folded so "Ångström" sorts with the A's, not after Z.
            return f"{fold(s.last_name)}\t{fold(s.first_name)}\t{s.id}"
        if column == PROTOCOL:
            return s.protocol or ""
        if column == SESSION:
            return s.sessions_attended if s.episode_id else -1
        if column == PHASE:
            if s.status == "discharged":
                return 4
            phase = current_phase(s)
            return _PHASE_ORDER.get(phase[0], 0) if phase else 0
        if column == MEASURE:
            return s.latest_total if s.latest_total is not None else -1
        if column == NEXT:
            return s.next_session_at or _NO_NEXT
        return ""

    def _tooltip(self, s: ClientSummary, column: int) -> str | None:
        if column == NAME:
            parts = [display_name(s)]
            if s.date_of_birth:
                parts.append(self.tr("Born %1").replace("%1", formatting.format_date(s.date_of_birth)))
            if s.latest_risk:
                parts.append(self.tr("Risk flagged by the latest measure or session"))
            return "\n".join(parts)
        if column == PROTOCOL and s.protocol in PROTOCOLS:
            return PROTOCOLS[s.protocol].name
        if column == NEXT and s.next_session_at:
            return formatting.format_datetime(s.next_session_at)
        if column == MEASURE and s.latest_total is not None:
            return formatting.format_score(s.latest_instrument, s.latest_total)
        return None

    def _risk(self) -> Any:
        if self._risk_icon is None:
            from ipt_desktop.ui.icons import icon

            self._risk_icon = icon("risk-flag")
        return self._risk_icon
