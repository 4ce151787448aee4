"""Table model of the client list: one lightweight ClientSummary per row, never an ORM object.

Column constants, ``set_rows`` wrapped in a model reset, SORT_ROLE (typed sort keys, so "10 of
16" sorts after "9 of 16") and OBJECT_ROLE (the ClientSummary) — cf. vorta's archive table model.

The model sorts itself (``sort``): one ``list.sort`` over keys computed once per row, instead of
QSortFilterProxyModel calling the Python ``data()`` twice per comparison (~0.1 s per reload and
~0.1 s when a cleared search brings 2,000 rows back, docs/performance.md). The order is the one
the proxy gave: a stable sort of the rows as they are listed (after a reload, in the service's
name order; after a header click, in the previous sort's order), so ties keep that order in both
directions, and strings compare as QString does.
"""

from __future__ import annotations

import functools
import unicodedata
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

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


def _name_key(s: ClientSummary) -> str:
    # Accent-folded so "Ångström" sorts with the A's, not after Z; the id makes every key unique.
    return f"{fold(s.last_name)}\t{fold(s.first_name)}\t{s.id}"


def _qstring_order(keys: list[Any]) -> list[Any]:
    """String keys as QString orders them: by UTF-16 code unit, where Python orders by code point.

    The two differ only when a key holds a character beyond U+FFFF (an emoji in a name sorts
    before U+E000-U+FFFF in Qt, after it in Python); only then are the keys re-encoded.
    """
    if any(isinstance(k, str) and not k.isascii() and max(k) > "\uffff" for k in keys):
        return [k.encode("utf-16-be") for k in keys]
    return keys


# The overload that carries a hint ("only rows moved"); PySide6 picks it by signature.
_LAYOUT_SIGNATURE = ("QList<QPersistentModelIndex>", "QAbstractItemModel::LayoutChangeHint")
_SORT_HINT = QAbstractItemModel.LayoutChangeHint.VerticalSortHint


class ClientListModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[ClientSummary] = []  # in display order (sorted)
        self._risk_icon = None  # created lazily: QIcon needs a QGuiApplication
        # Per row, in display order like _rows. Folded name keys, computed once per row
        # (docs/performance.md): the sort needs the name key of every row, and the search text
        # once per row per keystroke; folding accents on every call cost ~0.4 s per reload and
        # ~20 ms per keystroke at 2,000.
        self._name_keys: list[str] = []
        self._search_keys: list[tuple[list[str], str]] = []
        self._loaded_ids: list[str] = []  # in the order set_rows received them
        self._received: list[int] = []  # each row's place in that order (the key of column -1)
        self._row_of: dict[str, int] = {}
        self._sort_column = -1  # -1: the order set_rows received (as the proxy did unsorted)
        self._sort_order = Qt.SortOrder.AscendingOrder

    # -- data in -------------------------------------------------------------------------------
    def set_rows(self, rows: list[ClientSummary]) -> None:
        """Replace the rows, in the current sort order. Same clients in the same order ->
        dataChanged only (and a layout change if a sort key moved a row), so the view keeps its
        selection and scroll position after every autosave."""
        rows = list(rows)
        if rows and [r.id for r in rows] == self._loaded_ids:
            self._replace({self._row_of[new.id]: new for new in rows
                           if new != self._rows[self._row_of[new.id]]})
            return
        self.beginResetModel()
        self._rows = rows
        self._loaded_ids = [r.id for r in rows]
        self._received = list(range(len(rows)))
        self._name_keys = [_name_key(r) for r in rows]
        self._search_keys = [search_key(_search_text(r)) for r in rows]
        self._permute(self._sorted_rows())  # sorted before the views see any row
        self.endResetModel()

    def update_rows(self, rows: list[ClientSummary]) -> bool:
        """Replace some rows in place (a refresh after a save); a row whose sort key changed
        moves to its place. False, changing nothing, when a row is new or its name changed (its
        place in the service's name order would move): reload instead."""
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
        self._replace(updates)
        return True

    def _replace(self, updates: dict[int, ClientSummary]) -> None:
        """Put new summaries in the given (display) rows, re-sort if needed, signal the rows."""
        if not updates:
            return
        for row, summary in updates.items():
            self._rows[row] = summary
            self._name_keys[row] = _name_key(summary)
            self._search_keys[row] = search_key(_search_text(summary))
        ids = [summary.id for summary in updates.values()]
        # A full re-sort as a layout change (one C-level sort; rows whose key did not change keep
        # their order, being sorted already) rather than moving each row by hand.
        self._resort()
        # Only the rows that differ, one signal per run of adjacent rows (an autosave changes one
        # client): dataChanged over every row made the proxy re-filter all of them on each save.
        runs: list[list[int]] = []
        for row in sorted(self._row_of[cid] for cid in ids):
            if runs and row == runs[-1][1] + 1:
                runs[-1][1] = row
            else:
                runs.append([row, row])
        for first, last in runs:
            self.dataChanged.emit(self.index(first, 0), self.index(last, COLUMN_COUNT - 1))

    # -- sorting -------------------------------------------------------------------------------
    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort by a column (-1: the order set_rows received); kept through set_rows/update_rows."""
        self._sort_column = column if 0 <= column < COLUMN_COUNT else -1
        self._sort_order = order
        self._resort()

    def sort_column(self) -> int:
        return self._sort_column

    def sort_order(self) -> Qt.SortOrder:
        return self._sort_order

    def _sorted_rows(self) -> list[int]:
        """The current rows in sorted order: new row i is current row result[i]."""
        column = self._sort_column
        if column == NAME:
            keys: list[Any] = self._name_keys
        elif column < 0:
            keys = self._received
        else:
            keys = [self._sort_key(s, column) for s in self._rows]
        # Stable, and reverse=True keeps ties in their order too: the proxy's std::stable_sort of
        # the rows as listed, with lessThan either way round.
        return sorted(range(len(keys)), key=_qstring_order(keys).__getitem__,
                      reverse=self._sort_order == Qt.SortOrder.DescendingOrder)

    def _resort(self) -> None:
        """Re-sort in place as a layout change; persistent indexes (the view's selection and
        current index, through the proxy) follow their rows. Nothing is emitted if no row moves."""
        order = self._sorted_rows()
        if order == list(range(len(order))):
            return
        self.layoutAboutToBeChanged[_LAYOUT_SIGNATURE].emit([], _SORT_HINT)
        new_row = [0] * len(order)
        for new, old in enumerate(order):
            new_row[old] = new
        self._permute(order)
        persistent = self.persistentIndexList()
        self.changePersistentIndexList(
            persistent, [self.index(new_row[i.row()], i.column()) if i.isValid() else QModelIndex()
                         for i in persistent])
        self.layoutChanged[_LAYOUT_SIGNATURE].emit([], _SORT_HINT)

    def _permute(self, order: list[int]) -> None:
        self._rows = [self._rows[i] for i in order]
        self._received = [self._received[i] for i in order]
        self._name_keys = [self._name_keys[i] for i in order]
        self._search_keys = [self._search_keys[i] for i in order]
        self._row_of = {r.id: row for row, r in enumerate(self._rows)}

    def search_key(self, row: int) -> tuple[list[str], str]:
        """The row's name words and letters, folded once (see search_key)."""
        return self._search_keys[row]

    def summary(self, row: int) -> ClientSummary:
        return self._rows[row]

    def row_of(self, client_id: str) -> int:
        return self._row_of.get(client_id, -1)

    def client_ids(self) -> list[str]:
        """Ids in row order, which is the sort order."""
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
            return self._name_keys[row]  # folded once per row, not per call
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
        # One type per column (a string or an int), so any column sorts like with like; also
        # what SORT_ROLE returns.
        if column == NAME:
            return _name_key(s)
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
