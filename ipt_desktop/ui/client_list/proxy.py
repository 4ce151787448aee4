"""Search and status filter in front of the client list model.

Search matches every typed word against the first, last or preferred name, ignoring case and
accents ("zoe" finds "Zoë", "jo smi" finds "Jo Smith"): therapists type the few letters they
remember, often without the accent.

The proxy does not sort: ``sort`` (the view calls it on a header click, ``sortByColumn`` and a
restored header state) is passed to ClientListModel, which sorts its rows itself, and the proxy
keeps the source order (its own sort column stays -1). QSortFilterProxyModel's sort called the
Python ``data()`` twice per comparison, on every reload and whenever filtered rows came back.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt

from ipt_desktop.ui.client_list.model import (
    NAME, SEARCH_ROLE, STATUS_ROLE, ClientListModel, fold, name_words, search_key,
)

STATUS_FILTERS = ("active", "discharged", "all")
__all__ = ["STATUS_FILTERS", "ClientFilterProxy", "fold", "matches"]


_words = name_words


def matches(query: str, name_text: str) -> bool:
    return matches_key(_words(fold(query)), search_key(name_text))


def matches_key(terms: list[str], key: tuple[list[str], str]) -> bool:
    """``matches`` with the query's terms and the name's search_key already folded (per keystroke
    and per row respectively; the proxy caches both, see docs/performance.md)."""
    if not terms:
        return True
    words, joined = key
    # One or two letters match the start of a name ("o" -> Okafor, not every name with an o);
    # three or more also match inside one ("strom" -> Ångström, "kaf" -> Okafor).
    return all(any(word.startswith(term) for word in words) or (len(term) >= 3 and term in joined)
               for term in terms)


class ClientFilterProxy(QSortFilterProxyModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._query = ""
        self._terms: list[str] = []  # the query folded and split once per keystroke
        self._status = "active"
        # Dynamic: a row whose data changed is filtered again (a client discharged while the
        # filter shows active ones leaves the list). With no sort column of its own, the proxy
        # keeps the source order when rows come and go.
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
            self._set(attribute, value)
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:  # pragma: no cover - PySide6 < 6.9
            self._set(attribute, value)
            self.invalidateRowsFilter()

    def _set(self, attribute: str, value: str) -> None:
        setattr(self, attribute, value)
        self._terms = _words(fold(self._query))

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort the source model (see the module docstring); the proxy follows its layoutChanged."""
        model = self.sourceModel()
        if model is not None:
            model.sort(column, order)

    def filterAcceptsRow(self, source_row: int,
                         source_parent: QModelIndex | QPersistentModelIndex) -> bool:
        model = self.sourceModel()
        if isinstance(model, ClientListModel):
            # Plain Python calls: no QModelIndex or data() round trip per row and keystroke.
            status, key = model.summary(source_row).status, model.search_key(source_row)
        else:
            index = model.index(source_row, NAME, source_parent)
            status, key = model.data(index, STATUS_ROLE), search_key(model.data(index, SEARCH_ROLE) or "")
        if self._status == "active" and status != "active":
            return False
        # Archived clients are past clients too; they belong with the discharged ones.
        if self._status == "discharged" and status == "active":
            return False
        return matches_key(self._terms, key)
