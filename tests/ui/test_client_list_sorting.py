"""The client list sorts in its model (ClientListModel.sort), not in the proxy: the same order the
proxy gave (checked against a plain QSortFilterProxyModel sorting on SORT_ROLE, as the list did
before, and against keys computed from the summaries), the header still sorts and shows the
indicator, and the selected client stays selected through a sort, a reload, a search and an
autosave that moves its row."""

from __future__ import annotations

import dataclasses

import pytest
from PySide6.QtCore import QPersistentModelIndex, QPoint, QSortFilterProxyModel, Qt
from PySide6.QtTest import QAbstractItemModelTester

from ipt_desktop.domain.records import ClientSummary
from ipt_desktop.ui.client_list.model import (
    COLUMN_COUNT, MEASURE, NAME, NEXT, OBJECT_ROLE, PHASE, PROTOCOL, SESSION, SORT_ROLE, ClientListModel,
)
from ipt_desktop.ui.client_list.view import ClientListPanel

ASC, DESC = Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder
FATAL = QAbstractItemModelTester.FailureReportingMode.Fatal


def summary(cid: str, first: str, last: str, *, status: str = "active", protocol: str | None = "ipt-16",
            attended: int = 0, total: int | None = None, next_at: str | None = None) -> ClientSummary:
    return ClientSummary(id=cid, first_name=first, last_name=last, preferred_name=None,
                         date_of_birth="1990-05-01", status=status, protocol=protocol,
                         episode_id=f"ep-{cid}" if protocol else None, sessions_attended=attended,
                         latest_instrument="phq9" if total is not None else None, latest_total=total,
                         latest_risk=False, next_session_at=next_at, last_attended_number=attended,
                         next_session_number=attended + 1 if protocol else None)


# Fictional names, not in name order (so the ties of a fresh sort after a reload, in the order
# received, differ from those of a sort after another sort). Many ties in every column but the
# name; names with accents, with a stroke, with a particle, and two whose order differs between
# UTF-16 code units (how QString compares) and Python code points: U+1F339 sorts before U+E000 in Qt.
ROWS = [
    summary("r01", "Anna", "Angstrom", attended=5, total=14, next_at="2026-12-01T09:00"),
    summary("r02", "Zoë", "Ångström", attended=5, total=14, next_at="2026-12-01T09:00"),
    summary("r03", "Jo", "Smith", attended=10, total=6, next_at="2026-11-30T10:00"),
    summary("r04", "Amara", "Okafor", status="discharged", attended=16, total=3),
    summary("r05", "Bram", "de Vries", protocol=None),
    summary("r06", "Li", "O'Brien-Wu", status="archived", protocol="ipt-b-8", attended=8),
    summary("r07", "Søren", "Ørsted", attended=2, total=14, next_at="2026-12-03T14:00"),
    summary("r08", "Ola", "Łukasiewicz", protocol="ipt-a", attended=13, total=9),
    summary("r09", "Rose", "Fictional\U0001F339", attended=0, next_at="2026-12-02T08:30"),
    summary("r10", "Rose", "Fictional\ue000", attended=1, total=0, next_at="2026-12-02T08:30"),
    summary("r11", "Ed", "Example", status="discharged", protocol="ipt-b-8", attended=8, total=3),
    summary("r12", "Ada", "Zed", attended=5, total=14),
]


Step = tuple[int, Qt.SortOrder]


def reference_ids(rows: list[ClientSummary], *steps: Step) -> list[str]:
    """The order from the summaries: the rows as loaded, sorted by name (the panel's initial
    sort), then each step in turn; each a stable sort (ties keep the order they are listed in,
    either direction), strings compared as QString does (UTF-16 code units)."""
    keys = ClientListModel()
    listed = list(rows)
    for column, order in ((NAME, ASC), *steps):
        def key(s: ClientSummary, column: int = column):
            value = keys._sort_key(s, column)
            return value.encode("utf-16-be") if isinstance(value, str) else value

        listed.sort(key=key, reverse=order == DESC)
    return [s.id for s in listed]


def reloaded_ids(rows: list[ClientSummary], column: int, order: Qt.SortOrder) -> list[str]:
    """After a reload (a model reset) the rows are sorted as received: ties in that order."""
    keys = ClientListModel()
    return [s.id for s in sorted(rows, key=lambda s: keys._sort_key(s, column), reverse=order == DESC)]


def old_proxy_ids(rows: list[ClientSummary], *steps: Step) -> list[str]:
    """The old implementation itself: QSortFilterProxyModel sorting on SORT_ROLE over a model that
    does not sort, sorted by name before the rows arrive (as the panel was), then each step."""
    model = ClientListModel()
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(model)
    proxy.setSortRole(SORT_ROLE)
    proxy.sort(NAME, ASC)
    model.set_rows(rows)
    proxy.rowCount()  # the mapping exists, as it does under a view
    for column, order in steps:
        proxy.sort(column, order)
    return [proxy.index(r, 0).data(OBJECT_ROLE).id for r in range(proxy.rowCount())]


@pytest.fixture
def panel(qtbot):
    widget = ClientListPanel()
    qtbot.addWidget(widget)
    widget.resize(700, 500)
    QAbstractItemModelTester(widget.model, FATAL)
    QAbstractItemModelTester(widget.proxy, FATAL)
    widget.set_clients(ROWS)
    widget.set_status_filter("all")
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def click_header(qtbot, panel: ClientListPanel, column: int) -> None:
    header = panel.table.horizontalHeader()
    x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2))


def test_every_column_both_ways_gives_the_order_the_proxy_gave(panel):
    for column in range(COLUMN_COUNT):
        for order in (ASC, DESC):
            panel.table.sortByColumn(NAME, ASC)
            panel.table.sortByColumn(column, order)
            expected = reference_ids(ROWS, (column, order))
            assert expected == old_proxy_ids(ROWS, (column, order)), (column, order)
            assert panel.visible_client_ids() == expected, (column, order)
            # The proxy does not sort: it shows the model's rows in the model's order.
            assert panel.proxy.sortColumn() == -1
            assert panel.model.client_ids() == expected
            header = panel.table.horizontalHeader()
            assert (header.sortIndicatorSection(), header.sortIndicatorOrder()) == (column, order)


def test_ties_keep_the_previous_order_as_the_proxys_stable_sort_did(qtbot, panel):
    # Most clients are on IPT-16: sorted by protocol they stay in the order of the sort before
    # (a second sort key, in effect), in both directions.
    chains = [[(SESSION, DESC), (PROTOCOL, ASC)], [(NEXT, ASC), (PROTOCOL, DESC)],
              [(PROTOCOL, ASC), (PROTOCOL, DESC)], [(MEASURE, DESC), (NEXT, ASC), (SESSION, DESC)],
              [(PHASE, ASC), (NAME, DESC), (MEASURE, ASC)]]
    for steps in chains:
        panel.table.sortByColumn(NAME, ASC)
        for column, order in steps:
            panel.table.sortByColumn(column, order)
        assert panel.visible_client_ids() == reference_ids(ROWS, *steps) == old_proxy_ids(ROWS, *steps)
    # A reload that resets the model (a new client) sorts the rows as the service lists them:
    # the ties are then in name order again, as the proxy's fresh sort after a reset had them.
    panel.table.sortByColumn(NEXT, ASC)
    panel.table.sortByColumn(PROTOCOL, DESC)
    added = [*ROWS, summary("r13", "Nia", "New", attended=3)]
    panel.set_clients(added)
    model = ClientListModel()
    model.set_rows(added)
    model.sort(PROTOCOL, DESC)
    assert panel.visible_client_ids() == model.client_ids() == reloaded_ids(added, PROTOCOL, DESC)


def test_clicking_a_header_sorts_by_it_and_again_reverses(qtbot, panel):
    header = panel.table.horizontalHeader()
    click_header(qtbot, panel, SESSION)
    first = header.sortIndicatorOrder()
    assert header.sortIndicatorSection() == SESSION
    assert panel.visible_client_ids() == reference_ids(ROWS, (SESSION, first))
    click_header(qtbot, panel, SESSION)
    second = header.sortIndicatorOrder()
    assert second != first and header.sortIndicatorSection() == SESSION
    assert panel.visible_client_ids() == reference_ids(ROWS, (SESSION, first), (SESSION, second))
    sessions = [panel.proxy.index(r, SESSION).data(SORT_ROLE) for r in range(panel.proxy.rowCount())]
    assert sessions == sorted(sessions, reverse=second == DESC)


def test_accented_names_sort_with_their_plain_letters(panel):
    panel.table.sortByColumn(NAME, ASC)
    last = [panel.model.summary(r).last_name for r in range(panel.model.rowCount())]
    # Angstrom (Anna) and Ångström (Zoë) side by side, ordered by first name; Ø with the O's,
    # Ł with the L's, "de Vries" under d; U+1F339 before U+E000 as QString compares them.
    assert last == ["Angstrom", "Ångström", "de Vries", "Example", "Fictional\U0001F339", "Fictional\ue000",
                    "Łukasiewicz", "O'Brien-Wu", "Okafor", "Ørsted", "Smith", "Zed"]
    panel.table.sortByColumn(NAME, DESC)
    assert [panel.model.summary(r).last_name for r in range(panel.model.rowCount())] == last[::-1]


def test_the_selected_client_stays_selected_through_a_sort_and_a_reload(qtbot, panel):
    panel.table.sortByColumn(NAME, ASC)
    assert panel.select_client("r07")
    selected: list[str] = []
    panel.client_selected.connect(selected.append)
    for column, order in ((SESSION, DESC), (NEXT, ASC), (MEASURE, DESC), (NAME, DESC)):
        panel.table.sortByColumn(column, order)
        assert panel.current_client_id() == "r07"
        row = panel.visible_client_ids().index("r07")
        assert panel.table.selectionModel().isRowSelected(row)
        assert panel.table.currentIndex().row() == row
    assert set(selected) <= {"r07"}  # never a switch to another client
    # A reload with changed data for the same clients (in place) ...
    panel.table.sortByColumn(SESSION, ASC)
    changed = [dataclasses.replace(s, sessions_attended=s.sessions_attended + 20) if s.id == "r07" else s
               for s in ROWS]
    with qtbot.assertNotEmitted(panel.model.modelReset):
        panel.set_clients(changed)
    # (the rows stay in the order of the sort before, by name descending, where they tie)
    assert panel.visible_client_ids() == reference_ids(changed, (NAME, DESC), (SESSION, ASC))
    assert panel.visible_client_ids()[-1] == "r07"  # 22 attended: moved to the end
    assert panel.current_client_id() == "r07"
    # ... and one with a new client (a reset): sorted at once, the selection restored.
    added = [*changed, summary("r13", "Nia", "New", attended=3)]
    panel.set_clients(added)
    assert panel.visible_client_ids() == reloaded_ids(added, SESSION, ASC)
    assert panel.current_client_id() == "r07"
    assert set(selected) <= {"r07"}


def test_search_keeps_the_sort_order_and_clearing_it_keeps_the_selection(qtbot, panel):
    panel.table.sortByColumn(NEXT, DESC)
    panel.select_client("r07")
    qtbot.keyClicks(panel.search, "o")  # a word starting with o: Okafor, O'Brien-Wu, Ørsted, Ola
    shown = panel.visible_client_ids()
    assert 1 < len(shown) < len(ROWS)
    assert shown == [cid for cid in reference_ids(ROWS, (NEXT, DESC)) if cid in shown]
    assert panel.current_client_id() == "r07"  # Ørsted: still listed, still selected
    panel.search.clear()
    assert panel.visible_client_ids() == reference_ids(ROWS, (NEXT, DESC))
    assert panel.current_client_id() == "r07"
    # The status filter too: the active clients, in the sorted order.
    status = {s.id: s.status for s in ROWS}
    panel.set_status_filter("active")
    assert panel.visible_client_ids() == [cid for cid in reference_ids(ROWS, (NEXT, DESC))
                                          if status[cid] == "active"]


@pytest.mark.parametrize(("column", "change"), [
    (SESSION, {"sessions_attended": 15}),
    (NEXT, {"next_session_at": "2026-11-01T08:00"}),
    (MEASURE, {"latest_total": 1}),
])
def test_an_autosave_that_changes_the_sorted_column_moves_the_row(qtbot, panel, column, change):
    panel.table.sortByColumn(column, ASC)
    panel.select_client("r12")
    before = panel.visible_client_ids().index("r12")
    saved = dataclasses.replace(next(s for s in ROWS if s.id == "r12"), **change)
    rows = [saved if s.id == "r12" else s for s in ROWS]
    with qtbot.assertNotEmitted(panel.model.modelReset), qtbot.waitSignal(panel.model.layoutChanged), \
            qtbot.waitSignal(panel.model.dataChanged):
        assert panel.update_clients([saved])
    # Where the rows would be had they been sorted with this data (the new value ties with no
    # other client, so its place is unambiguous).
    assert panel.visible_client_ids() == reference_ids(rows, (column, ASC))
    assert panel.visible_client_ids().index("r12") != before
    assert panel.current_client_id() == "r12"
    assert panel.table.currentIndex().data(OBJECT_ROLE) == saved
    # A change that does not touch the sorted column moves nothing.
    untouched = dataclasses.replace(saved, latest_risk=True)
    with qtbot.assertNotEmitted(panel.model.layoutChanged):
        assert panel.update_clients([untouched])


def test_the_saved_header_state_restores_the_sort(qtbot, demo_ctx, show_main_window):
    from ipt_desktop.services.clients import list_clients

    donor = ClientListPanel()
    qtbot.addWidget(donor)
    donor.table.sortByColumn(PHASE, DESC)
    donor.table.setColumnHidden(MEASURE, True)
    demo_ctx.settings.set_client_list_header(donor.header_state())
    window = show_main_window()
    header = window.client_list.table.horizontalHeader()
    assert (header.sortIndicatorSection(), header.sortIndicatorOrder()) == (PHASE, DESC)
    assert window.client_list.table.isColumnHidden(MEASURE)
    model = window.client_list.model
    assert (model.sort_column(), model.sort_order()) == (PHASE, DESC)
    summaries = list_clients(demo_ctx.practice, status="all")
    assert model.client_ids() == reloaded_ids(summaries, PHASE, DESC)
    window.client_list.set_status_filter("all")
    assert window.client_list.visible_client_ids() == reloaded_ids(summaries, PHASE, DESC)


def test_the_demo_practice_sorts_like_the_proxy_did(qtbot, demo_ctx):
    from ipt_desktop.services.clients import list_clients

    summaries = list_clients(demo_ctx.practice, status="all")
    panel = ClientListPanel()
    qtbot.addWidget(panel)
    QAbstractItemModelTester(panel.model, FATAL)
    panel.set_clients(summaries)
    panel.set_status_filter("all")
    steps: list[Step] = []
    for column in range(COLUMN_COUNT):
        for order in (ASC, DESC):
            panel.table.sortByColumn(column, order)
            steps.append((column, order))
            assert panel.visible_client_ids() == old_proxy_ids(summaries, *steps), steps


def test_sorting_and_filtering_never_ask_data(qapp):
    # The point of sorting in the model: neither a sort nor rows coming back after a search
    # calls the Python data() (QSortFilterProxyModel's sort called it twice per comparison).
    from ipt_desktop.ui.client_list.proxy import ClientFilterProxy

    class Counting(ClientListModel):
        calls = 0

        def data(self, index, role=Qt.ItemDataRole.DisplayRole):
            Counting.calls += 1
            return super().data(index, role)

    model = Counting()
    proxy = ClientFilterProxy()
    proxy.setSourceModel(model)
    proxy.set_status("all")
    proxy.sort(NAME, ASC)
    many = [dataclasses.replace(s, id=f"{s.id}-{n}") for n in range(50) for s in ROWS]
    model.set_rows(many)
    assert proxy.rowCount() == len(many)
    for column in range(COLUMN_COUNT):
        proxy.sort(column, DESC)
    proxy.set_query("zoe")
    proxy.set_query("")
    assert proxy.rowCount() == len(many) and proxy.sortColumn() == -1
    assert Counting.calls == 0


def test_sort_minus_one_restores_the_order_received_and_indexes_follow(qapp):
    model = ClientListModel()
    QAbstractItemModelTester(model, FATAL)
    model.set_rows(ROWS)
    assert model.client_ids() == [s.id for s in ROWS]  # a model never sorted keeps that order
    persistent = QPersistentModelIndex(model.index(model.row_of("r12"), MEASURE))
    model.sort(NAME, DESC)
    assert model.client_ids()[0] == "r12"  # Zed
    assert (persistent.row(), persistent.column()) == (0, MEASURE)
    model.sort(-1, ASC)
    assert model.client_ids() == [s.id for s in ROWS]
    assert persistent.row() == model.row_of("r12")
