"""Search and status filter in front of the client list model.

Search matches every typed word against the first, last or preferred name, ignoring case and
accents ("zoe" finds "Zoë", "jo smi" finds "Jo Smith"): therapists type the few letters they
remember, often without the accent.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel

from ipt_desktop.ui.client_list.model import NAME, SEARCH_ROLE, SORT_ROLE, STATUS_ROLE, fold

STATUS_FILTERS = ("active", "discharged", "all")
__all__ = ["STATUS_FILTERS", "ClientFilterProxy", "fold", "matches"]


def _words(text: str) -> list[str]:
    # Hyphens and apostrophes split names too, so "smith" finds "Jones-Smith" and "brien" O'Brien.
    for separator in "-'\u2019.":
        text = text.replace(separator, " ")
    return text.split()


def matches(query: str, name_text: str) -> bool:
    terms = _words(fold(query))
    if not terms:
        return True
    folded = fold(name_text)
    words = _words(folded)
    joined = folded.replace(" ", "")
    # One or two letters match the start of a name ("o" -> Okafor, not every name with an o);
    # three or more also match inside one ("strom" -> Ångström, "kaf" -> Okafor).
    return all(any(word.startswith(term) for word in words) or (len(term) >= 3 and term in joined)
               for term in terms)


class ClientFilterProxy(QSortFilterProxyModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._query = ""
        self._status = "active"
        self.setSortRole(SORT_ROLE)
        self.setDynamicSortFilter(True)

    @property
    def query(self) -> str:
        return self._query

    @property
    def status(self) -> str:
        return self._status

    def set_query(self, text: str) -> None:
        if text != self._query:
            self._change_filter("_query", text)

    def set_status(self, status: str) -> None:
        if status not in STATUS_FILTERS:
            raise ValueError(f"unknown status filter {status!r}")
        if status != self._status:
            self._change_filter("_status", status)

    def _change_filter(self, attribute: str, value: str) -> None:
        # Qt 6.9+ wants begin/endFilterChange around the change; older 6.x only has invalidate.
        if hasattr(self, "beginFilterChange"):
            self.beginFilterChange()
            setattr(self, attribute, value)
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:  # pragma: no cover - PySide6 < 6.9
            setattr(self, attribute, value)
            self.invalidateRowsFilter()

    def filterAcceptsRow(self, source_row: int,
                         source_parent: QModelIndex | QPersistentModelIndex) -> bool:
        model = self.sourceModel()
        index = model.index(source_row, NAME, source_parent)
        status = model.data(index, STATUS_ROLE)
        if self._status == "active" and status != "active":
            return False
        # Archived clients are past clients too; they belong with the discharged ones.
        if self._status == "discharged" and status == "active":
            return False
        return matches(self._query, model.data(index, SEARCH_ROLE) or "")
