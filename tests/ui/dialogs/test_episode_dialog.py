"""NewEpisodeDialog plans every session of the protocol, and says so before it does."""

from __future__ import annotations

import datetime as _dt

from PySide6.QtCore import QDate, QTime
from PySide6.QtWidgets import QDialog

from ipt_desktop.services import clients as client_service
from ipt_desktop.ui.dialogs.episode_dialog import NewEpisodeDialog


def test_new_episode_plans_sixteen_weekly_sessions(qtbot, ctx, client):
    dialog = NewEpisodeDialog(ctx, client.id)
    qtbot.addWidget(dialog)
    assert dialog.protocol_key() == "ipt-16"
    assert dialog.protocol_info.text() == "IPT \u2014 16 sessions: initial 1-3, middle 4-14, termination 15-16"
    dialog.start_date.setDate(QDate(2026, 9, 7))
    dialog.session_time.setTime(QTime(10, 30))
    assert dialog.plan.text() == \
        "16 sessions will be planned weekly from 7 Sep 2026 to 21 Dec 2026, at 10:30."
    qtbot.keyClicks(dialog.diagnosis, "Major depressive disorder, single episode")
    qtbot.keyClicks(dialog.chief_complaint, "Low since moving away from family.")
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted

    episode = client_service.get_client_record(ctx.practice, client_id=client.id).latest_episode
    assert episode.protocol == "ipt-16" and episode.start_date == "2026-09-07"
    assert episode.diagnosis == "Major depressive disorder, single episode"
    assert episode.chief_complaint == "Low since moving away from family."
    times = [s.scheduled_at for s in sorted(episode.sessions, key=lambda s: s.number)]
    assert len(times) == 16
    expected = [(_dt.datetime(2026, 9, 7, 10, 30) + _dt.timedelta(weeks=i)).strftime("%Y-%m-%dT%H:%M")
                for i in range(16)]
    assert times == expected


def test_plan_follows_protocol_and_interval(qtbot, ctx, client):
    dialog = NewEpisodeDialog(ctx, client.id)
    qtbot.addWidget(dialog)
    dialog.start_date.setDate(QDate(2026, 9, 7))
    dialog.protocol.setCurrentIndex(dialog.protocol.findData("ipt-b-8"))
    dialog.interval.setValue(14)
    assert dialog.plan.text().startswith("8 sessions will be planned every 2 weeks from 7 Sep 2026 "
                                         "to 14 Dec 2026")


def test_default_start_is_a_weekday_after_today(qtbot, ctx, client):
    dialog = NewEpisodeDialog(ctx, client.id)
    qtbot.addWidget(dialog)
    start = dialog.start_date.date().toPython()
    assert start > _dt.date.today() and start.weekday() < 5
