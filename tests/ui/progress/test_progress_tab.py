"""Progress tab: models, summary lines, item-level view, goals, and the tab on real stored data."""

from __future__ import annotations

import dataclasses
import os

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QAbstractItemModelTester

from ipt_desktop.domain.progress import instrument_progress
from ipt_desktop.services import clients, episodes, goals, measures
from ipt_desktop.ui.progress import models as m
from ipt_desktop.ui.progress.summary import summary_text
from ipt_desktop.ui.progress.tab import ProgressTab

from progress_records import adm, fictional_record


def _tester(model):
    return QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Fatal)


# -- models ------------------------------------------------------------------------------------
def test_administrations_model_passes_tester_and_shows_severity_and_risk(qapp, record):
    model = m.AdministrationsModel()
    _tester(model)
    model.set_rows(record.latest_episode.measures)
    assert model.rowCount() == 6
    first = [model.data(model.index(0, c)) for c in range(model.columnCount())]
    assert first == ["7 Sep 2026", "1", "PHQ-9", "18", "Moderately severe", "Item 9"]
    assert model.data(model.index(5, m.A_TOTAL)) == "4" and model.data(model.index(5, m.A_RISK)) == "No"
    assert model.data(model.index(0, m.A_DATE), m.OBJECT_ROLE).id == "m1"
    model.set_rows([adm("odd", "newscale", "2026-09-08", [1], None)])  # newer data: dashes, no crash
    assert model.data(model.index(0, m.A_SEVERITY)) == "\u2014"
    model.set_rows([])


def test_items_model_compares_with_baseline_and_hides_licensed_wording(qapp):
    model = m.ItemsModel()
    _tester(model)
    base = adm("b", "phq9", "2026-09-07", [2, 3, 2, 2, 2, 3, 2, 1, 1], 1)
    later = adm("l", "phq9", "2026-11-09", [2, 1, 2, 2, 2, 3, 2, 1, 0], 10)
    model.set_comparison(base, later)
    assert model.rowCount() == 9
    assert model.data(model.index(0, m.I_ITEM)).startswith("1. Little interest")
    assert [model.data(model.index(r, m.I_CHANGE)) for r in (0, 1, 8)] == ["\u2014", "-2", "-1"]
    assert model.data(model.index(0, m.I_THIS), Qt.ItemDataRole.BackgroundRole) is None  # unchanged
    assert model.data(model.index(1, m.I_THIS), Qt.ItemDataRole.BackgroundRole) == m.CHANGED_TINT
    epds_base = adm("eb", "epds", "2026-09-07", [1] * 10, 1)
    epds_now = adm("en", "epds", "2026-10-07", [1, 1, 0, 1, 1, 1, 1, 1, 1, 1], 5)
    model.set_comparison(epds_base, epds_now)
    assert model.data(model.index(2, m.I_ITEM)) == "Item 3"
    model.set_comparison(None, None)
    assert model.rowCount() == 0


def test_goals_model_shows_first_latest_and_all_ratings(qapp, record):
    model = m.GoalsModel()
    _tester(model)
    model.set_rows(record.latest_episode.goals)
    row = [model.data(model.index(1, c)) for c in range(model.columnCount())]
    assert row == ["Tell my partner when I feel left out instead of going quiet", "3", "7", "3 \u2192 3 \u2192 7"]
    assert model.data(model.index(1, m.G_RATINGS), m.RATINGS_ROLE) == (3, 3, 7)
    assert model.data(model.index(2, m.G_RATINGS)) == "Not rated yet"
    assert model.data(model.index(2, m.G_FIRST)) == "\u2014"


# -- summary lines -----------------------------------------------------------------------------
def test_summary_line_for_a_response_without_remission():
    progress = instrument_progress([adm("a", "gad7", "2026-09-07", [2, 2, 2, 2, 1, 2, 1], 1),
                                    adm("b", "gad7", "2026-10-19", [1, 1, 1, 1, 1, 1, 0], 7)])
    assert summary_text(progress) == "GAD-7: baseline 12 \u2192 latest 6, \u22126 points (\u221250%) \u00b7 Response"


def test_summary_line_for_remission():
    phq9 = [a for a in fictional_record().latest_episode.measures if a.instrument == "phq9"]
    assert summary_text(instrument_progress(phq9)) == \
        "PHQ-9: baseline 18 \u2192 latest 4, \u221214 points (\u221278%) \u00b7 Remission"


def test_summary_line_for_no_response_and_baseline_only():
    worse = instrument_progress([adm("a", "phq9", "2026-09-07", [1] * 9, 1),
                                 adm("b", "phq9", "2026-09-14", [1] * 8 + [2], 2)])
    assert summary_text(worse) == "PHQ-9: baseline 9 \u2192 latest 10, +1 point (+11%) \u00b7 No response"
    single = instrument_progress([adm("a", "phq9", "2026-09-07", [1] * 9, 1)])
    assert summary_text(single) == "PHQ-9: baseline 9 \u00b7 Baseline only"


# -- the tab -----------------------------------------------------------------------------------
@pytest.fixture
def tab(qtbot, ctx) -> ProgressTab:
    widget = ProgressTab(ctx)
    qtbot.addWidget(widget)
    widget.resize(1280, 800)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_tab_defaults_to_the_main_instrument_and_its_latest_administration(tab, record):
    tab.show_record(record)
    assert tab.current_instrument() == "phq9"
    assert tab.instrument_combo.isVisibleTo(tab) and tab.instrument_combo.count() == 2
    assert tab.selected_administration().id == "m6"
    assert tab.items.rowCount() == 9
    assert "compared with baseline 7 Sep 2026" in tab.items_title.text()
    assert tab.summary_label.text().splitlines() == [
        "PHQ-9: baseline 18 \u2192 latest 4, \u221214 points (\u221278%) \u00b7 Remission",
        "GAD-7: baseline 12 \u2192 latest 6, \u22126 points (\u221250%) \u00b7 Response"]
    assert tab.goals.rowCount() == 3


def test_choosing_an_instrument_or_a_row_keeps_chart_and_table_together(tab, record, qtbot):
    tab.show_record(record)
    tab.set_instrument("gad7")
    assert tab.chart.instrument() == "gad7" and tab.selected_administration().id == "m5"
    assert [p.total for p in tab.chart.trend_geometry().points] == [12, 6]
    tab.select_administration("m3")  # a PHQ-9 row: the chart follows the table
    assert tab.chart.instrument() == "phq9" and tab.instrument_combo.currentData() == "phq9"
    point = tab.chart.trend_geometry().points[0]
    qtbot.mouseClick(tab.chart, Qt.MouseButton.LeftButton, pos=QPoint(round(point.x), round(point.y)))
    assert tab.selected_administration().id == "m1"
    assert "This is the baseline" in tab.items_title.text()


def test_a_refresh_of_the_same_client_keeps_the_chosen_instrument_and_row(tab, record):
    tab.show_record(record)
    tab.select_administration("m2")
    episode = record.latest_episode
    more = dataclasses.replace(episode, measures=episode.measures + (adm("m7", "phq9", "2026-11-23", [0] * 9, 12),))
    tab.show_record(dataclasses.replace(record, episodes=(more,)))
    assert tab.chart.instrument() == "gad7" and tab.selected_administration().id == "m2"
    assert tab.administrations.rowCount() == 7


def test_show_record_none_and_a_client_without_episode_clear_the_tab(tab, record):
    tab.show_record(record)
    tab.show_record(None)
    assert tab.administrations.rowCount() == 0 and tab.goals.rowCount() == 0 and tab.items.rowCount() == 0
    assert tab.chart.trend_geometry() is None and tab.summary_label.text() == ""
    tab.show_record(dataclasses.replace(record, episodes=()))
    assert tab.empty_label.isVisibleTo(tab) and "Start an episode" in tab.empty_label.text()
    assert tab.flush() is True


def test_tab_on_a_real_practice_shows_stored_measures_and_goal_ratings(tab, ctx):
    client, _ = clients.create_client(ctx.practice, first_name="Rafael", last_name="Ndiaye")
    episode, _ = episodes.start_episode(ctx.practice, client_id=client.id, protocol="ipt-16", start_date="2026-09-07")
    for number, (day, items) in enumerate((("2026-09-07", [3, 3, 2, 2, 2, 2, 2, 1, 1]),
                                           ("2026-10-05", [1, 1, 1, 1, 1, 1, 1, 1, 0])), start=1):
        measures.record_measure(ctx.practice, episode_id=episode.id, instrument="phq9", administered_on=day,
                                items=items, session_number=number)
    goal, _ = goals.add_goal(ctx.practice, episode_id=episode.id, description="Call my brother each week")
    goals.rate_goal(ctx.practice, episode_id=episode.id, goal_id=goal.id, date="2026-09-14", value=2)
    goals.rate_goal(ctx.practice, episode_id=episode.id, goal_id=goal.id, date="2026-10-05", value=6)
    tab.show_record(clients.get_client_record(ctx.practice, client_id=client.id))
    assert tab.summary_label.text() == "PHQ-9: baseline 18 \u2192 latest 8, \u221210 points (\u221256%) \u00b7 Response"
    assert not tab.instrument_combo.isVisibleTo(tab)  # only one instrument: no selector
    assert tab.administrations.data(tab.administrations.index(0, m.A_RISK)) == "Item 9"
    assert tab.goals.data(tab.goals.index(0, m.G_RATINGS)) == "2 \u2192 6"


def test_screenshot_at_1280x800(tab, record, qtbot):
    tab.show_record(record)
    label = tab.summary_label
    # Layout runs on the next event-loop turn; the summary must then get its full two lines.
    qtbot.waitUntil(lambda: label.height() >= label.sizeHint().height())
    os.makedirs("/tmp/shots", exist_ok=True)
    assert tab.grab().save("/tmp/shots/progress_tab.png")
