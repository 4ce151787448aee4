"""One way to start an episode (the chart's strip), and nothing to print means no Print."""

from __future__ import annotations

from PySide6.QtCore import Qt

from ipt_desktop.domain.records import Discharge
from ipt_desktop.services.clients import create_client, get_client_record
from ipt_desktop.services.demo_data import role_dispute
from ipt_desktop.services.episodes import discharge_episode


def _new_client(window) -> str:
    client, changes = create_client(window.ctx.practice, first_name="Ines", last_name="Example")
    window.ctx.hub.changed.emit(changes)
    window.client_list.set_status_filter("all")
    assert window.select_client(client.id)
    return client.id


def test_a_client_without_an_episode_has_one_start_button_and_no_print(window, qtbot):
    _new_client(window)
    chart = window.chart
    assert chart.episode_strip.isVisible()
    assert chart.start_episode_button.text() == "Start an IPT episode\u2026"
    overview = chart.tab("overview")
    assert not hasattr(overview, "new_episode_button")  # the strip is the only way in
    buttons = [b.text() for b in window.findChildren(type(chart.start_episode_button))
               if b.isVisible() and "episode" in b.text().lower()]
    assert buttons == ["Start an IPT episode\u2026"]
    print_action = window.actions_.print_report
    assert not print_action.isEnabled()
    assert "no IPT episode" in print_action.toolTip()
    assert window.actions_.commands.print_report() is False


def test_starting_an_episode_enables_print_without_switching_client(window, qtbot):
    client_id = _new_client(window)
    with qtbot.waitSignal(window.actions_.print_report.changed):
        qtbot.mouseClick(window.chart.start_episode_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: window.active_dialog is not None)
        window.active_dialog.accept()
    assert get_client_record(window.ctx.practice, client_id=client_id).latest_episode is not None
    assert not window.chart.episode_strip.isVisible()
    assert window.actions_.print_report.isEnabled()
    assert "Ctrl+P" in window.actions_.print_report.toolTip()


def test_a_discharged_client_is_offered_a_new_episode_by_the_same_strip(window, qtbot):
    window.client_list.set_status_filter("all")  # the client stays listed once discharged
    window.select_client(role_dispute.CLIENT_ID)
    assert not window.chart.episode_strip.isVisible()
    episode = window.chart.record.latest_episode
    changes = discharge_episode(window.ctx.practice, episode_id=episode.id, discharge=Discharge(
        date=episode.start_date, reason="completed", summary="Fictional summary."))
    window.ctx.hub.changed.emit(changes)
    assert window.current_client_id() == role_dispute.CLIENT_ID
    assert window.chart.episode_strip.isVisible()
    assert window.chart.start_episode_button.text() == "Start a new episode\u2026"
    assert window.actions_.print_report.isEnabled()  # the ended episode can still be printed


def test_the_reports_buttons_say_why_they_are_disabled(window, qtbot):
    window.select_client(role_dispute.CLIENT_ID)
    reports = window.chart.tab("reports")
    reports.set_kind("session", 1)
    if not reports.print_button.isEnabled():
        assert reports.print_button.toolTip()  # a reason, never a silent grey button
    _new_client(window)
    assert not reports.print_button.isEnabled()
    assert "no IPT episode" in reports.print_button.toolTip()
