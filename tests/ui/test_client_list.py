"""The client list: model (checked by QAbstractItemModelTester), search and status filtering, sorting."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QAbstractItemModelTester

from ipt_desktop.domain.records import ClientSummary
from ipt_desktop.ui.client_list.model import (
    MEASURE, NAME, NEXT, OBJECT_ROLE, PHASE, SESSION, SORT_ROLE, ClientListModel,
)
from ipt_desktop.ui.client_list.proxy import ClientFilterProxy, fold, matches
from ipt_desktop.ui.client_list.view import ClientListPanel


def summary(cid: str, first: str, last: str, *, preferred: str | None = None, status: str = "active",
            protocol: str | None = "ipt-16", attended: int = 0, instrument: str | None = None,
            total: int | None = None, risk: bool = False, next_at: str | None = None) -> ClientSummary:
    # As the store returns them: sessions 1..attended attended, the next one still scheduled.
    return ClientSummary(id=cid, first_name=first, last_name=last, preferred_name=preferred,
                         date_of_birth="1990-05-01", status=status, protocol=protocol,
                         episode_id=f"ep-{cid}" if protocol else None, sessions_attended=attended,
                         latest_instrument=instrument, latest_total=total, latest_risk=risk,
                         next_session_at=next_at, next_session_number=attended + 1 if protocol else None,
                         last_attended_number=attended)


ROWS = [
    summary("a", "Zoë", "Ångström", attended=5, instrument="phq9", total=14, risk=True,
            next_at="2026-12-01T09:00"),
    summary("b", "Jo", "Smith", preferred="Joey", attended=10, instrument="phq9", total=6),
    summary("c", "Amara", "Okafor", status="discharged", attended=16, instrument="phq9", total=3),
    summary("d", "Bram", "de Vries", protocol=None),
    summary("e", "Li", "O'Brien-Wu", status="archived", protocol="ipt-b-8", attended=8),
]


@pytest.fixture
def model(qapp):
    m = ClientListModel()
    QAbstractItemModelTester(m, QAbstractItemModelTester.FailureReportingMode.Fatal)
    m.set_rows(ROWS)
    return m


def test_model_passes_the_model_tester_through_resets_and_updates(qapp):
    m = ClientListModel()
    proxy = ClientFilterProxy()
    proxy.setSourceModel(m)
    QAbstractItemModelTester(m, QAbstractItemModelTester.FailureReportingMode.Fatal)
    QAbstractItemModelTester(proxy, QAbstractItemModelTester.FailureReportingMode.Fatal)
    m.set_rows(ROWS)
    m.set_rows([ROWS[1], ROWS[0]])  # different order: reset
    m.set_rows([ROWS[1], ROWS[0]])  # same ids: in-place update
    proxy.set_query("jo")
    proxy.set_status("all")
    proxy.sort(SESSION, Qt.SortOrder.DescendingOrder)
    m.set_rows([])
    assert proxy.rowCount() == 0


def test_model_shows_what_the_therapist_scans_for(model):
    def cell(row: int, column: int):
        return model.index(row, column).data()

    assert cell(0, NAME) == "Zoë Ångström"
    assert cell(1, NAME) == "Jo Smith (Joey)"
    assert cell(0, SESSION) == "5 of 16"
    assert cell(0, PHASE) == "Middle"  # next session 6 of IPT-16 is in the middle phase
    assert cell(0, MEASURE) == "PHQ-9 14"  # compact; the severity is in the tooltip
    assert model.index(0, MEASURE).data(Qt.ItemDataRole.ToolTipRole) == "PHQ-9 14 \u00b7 Moderate"
    assert cell(2, PHASE) == "Discharged"
    assert cell(3, SESSION) == ""  # no episode yet
    assert "Dec" in cell(0, NEXT) and "09:00" in cell(0, NEXT)
    assert model.index(0, NAME).data(OBJECT_ROLE) is ROWS[0]
    # The risk flag is an icon on the name; clients without a flag have none.
    assert model.index(0, NAME).data(Qt.ItemDataRole.DecorationRole) is not None
    assert model.index(1, NAME).data(Qt.ItemDataRole.DecorationRole) is None


def test_phase_follows_the_next_scheduled_session_like_the_chart_header(qapp):
    import dataclasses

    m = ClientListModel()
    base = summary("m", "Marguerite", "Example", attended=13, instrument="gds15", total=4)
    # Session 14 was cancelled, so the next one is 15: the termination phase of IPT-16 (15-16).
    m.set_rows([dataclasses.replace(base, next_session_number=15, last_attended_number=13),
                dataclasses.replace(base, id="n", next_session_number=None, last_attended_number=3),
                base])  # base: next session 14, still in the middle phase (4-14)
    assert [m.index(r, PHASE).data() for r in range(3)] == ["Termination", "Initial", "Middle"]


def test_sort_role_orders_numbers_as_numbers(model):
    proxy = ClientFilterProxy()
    proxy.setSourceModel(model)
    proxy.set_status("all")
    proxy.sort(SESSION, Qt.SortOrder.DescendingOrder)
    sessions = [proxy.index(r, SESSION).data(SORT_ROLE) for r in range(proxy.rowCount())]
    assert sessions == sorted(sessions, reverse=True)
    assert proxy.index(0, NAME).data(OBJECT_ROLE).id == "c"  # 16 attended before 10 and 8
    proxy.sort(NAME, Qt.SortOrder.AscendingOrder)
    assert [proxy.index(r, NAME).data(OBJECT_ROLE).last_name for r in range(proxy.rowCount())][:2] == [
        "Ångström", "de Vries"]


def test_search_ignores_case_and_accents_and_matches_any_name():
    assert fold("Zoë Ångström") == "zoe angstrom"
    assert fold("Søren Michał Straße") == "soren michal strasse"
    assert matches("zoe", "Zoë Ångström")
    assert matches("ANGS", "Zoë Ångström")
    assert matches("joey", "Jo Smith Joey")
    assert matches("jo smi", "Jo Smith")
    assert matches("brien", "Li O'Brien-Wu")
    assert not matches("smith zoe", "Zoë Ångström")
    assert matches("", "anyone")


def test_typing_in_the_search_box_narrows_the_rows(qtbot):
    panel = ClientListPanel()
    qtbot.addWidget(panel)
    panel.set_clients(ROWS)
    panel.set_status_filter("all")
    assert panel.proxy.rowCount() == 5
    qtbot.keyClicks(panel.search, "zo")
    assert panel.visible_client_ids() == ["a"]
    panel.search.clear()
    qtbot.keyClicks(panel.search, "o")  # Okafor, O'Brien-Wu; not Jo (the term starts words)
    assert set(panel.visible_client_ids()) == {"c", "e"}
    qtbot.keyClicks(panel.search, "kaf")
    assert panel.visible_client_ids() == ["c"]
    panel.search.clear()
    qtbot.keyClicks(panel.search, "nobody")
    assert panel.visible_client_ids() == []
    assert panel.empty_label.isVisibleTo(panel)


def test_status_filter_buttons_switch_between_active_discharged_and_all(qtbot):
    panel = ClientListPanel()
    qtbot.addWidget(panel)
    panel.set_clients(ROWS)
    panel.set_status_filter("active")
    assert set(panel.visible_client_ids()) == {"a", "b", "d"}
    with qtbot.waitSignal(panel.filter_changed) as blocker:
        qtbot.mouseClick(panel.findChild(type(panel.status_buttons.buttons()[0]), "filter_discharged"),
                         Qt.MouseButton.LeftButton)
    assert blocker.args == ["discharged"]
    assert set(panel.visible_client_ids()) == {"c", "e"}  # archived clients count as past clients
    qtbot.mouseClick(panel.findChild(type(panel.status_buttons.buttons()[0]), "filter_all"),
                     Qt.MouseButton.LeftButton)
    assert len(panel.visible_client_ids()) == 5
    assert panel.count_label.text() == "5 clients"


def test_selecting_a_hidden_client_widens_the_filter_and_keeps_selection_on_update(qtbot):
    panel = ClientListPanel()
    qtbot.addWidget(panel)
    panel.set_clients(ROWS)
    with qtbot.waitSignal(panel.client_selected) as blocker:
        assert panel.select_client("c")  # discharged while the filter shows active clients
    assert blocker.args == ["c"]
    assert panel.status_filter() == "discharged"
    assert panel.current_client_id() == "c"
    # An autosave elsewhere re-reads the list: same clients -> the selection stays.
    panel.set_clients([*ROWS[:2], summary("c", "Amara", "Okafor", status="discharged", attended=16)])
    panel.set_clients(list(ROWS))
    assert panel.current_client_id() == "c"
    assert not panel.select_client("missing")


def test_searching_and_filtering_never_choose_a_client(qtbot):
    panel = ClientListPanel()
    qtbot.addWidget(panel)
    panel.set_clients(ROWS)
    panel.set_status_filter("all")
    assert panel.select_client("b")  # Jo Smith's chart is open
    chosen = []
    panel.client_selected.connect(chosen.append)
    qtbot.keyClicks(panel.search, "o")  # Okafor, O'Brien-Wu: Jo Smith is hidden
    assert set(panel.visible_client_ids()) == {"c", "e"}
    assert panel.current_client_id() is None  # nothing highlighted in the list...
    panel.search.clear()
    assert panel.current_client_id() == "b"  # ...and Jo Smith's row is back when listed again
    panel.set_status_filter("discharged")  # hides Jo Smith too
    assert panel.current_client_id() is None
    panel.set_status_filter("all")
    assert panel.current_client_id() == "b"
    assert chosen == []  # no keystroke or button switched the chart


def test_enter_in_the_search_box_opens_the_first_client_listed(qtbot):
    panel = ClientListPanel()
    qtbot.addWidget(panel)
    panel.set_clients(ROWS)
    panel.set_status_filter("all")
    qtbot.keyClicks(panel.search, "okaf")
    with qtbot.waitSignal(panel.client_selected) as blocker:
        qtbot.keyClick(panel.search, Qt.Key.Key_Return)
    assert blocker.args == ["c"] and panel.current_client_id() == "c"
    panel.search.clear()
    qtbot.keyClicks(panel.search, "nobody")
    with qtbot.assertNotEmitted(panel.client_selected):
        qtbot.keyClick(panel.search, Qt.Key.Key_Return)  # nothing listed: nothing to open


def test_the_list_reads_real_summaries_from_the_demo_practice(qtbot, demo_ctx):
    from ipt_desktop.services.clients import list_clients

    panel = ClientListPanel()
    qtbot.addWidget(panel)
    summaries = list_clients(demo_ctx.practice, status="all")
    QAbstractItemModelTester(panel.model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    panel.set_clients(summaries)
    panel.set_status_filter("all")
    assert panel.model.rowCount() == len(summaries) >= 5
    flagged = [s for s in summaries if s.latest_risk]
    assert flagged, "the demo includes a client whose latest measure raised a risk flag"
    row = panel.model.row_of(flagged[0].id)
    assert panel.model.index(row, NAME).data(Qt.ItemDataRole.DecorationRole) is not None
