"""Display formatting (dates, ages, scores), the settings wrapper, the chart header and app start-up."""

from __future__ import annotations

import datetime as _dt
import logging
import sys

from PySide6.QtCore import QByteArray, QSettings

from ipt_desktop.domain.records import Client, ClientRecord, Episode, MeasureAdministration, Session
from ipt_desktop.ui import formatting
from ipt_desktop.ui.chart.header import ChartHeader, readable_reason
from ipt_desktop.ui.settings import UiSettings


def test_dates_and_times_read_the_same_on_every_locale():
    assert formatting.format_date("2026-09-07") == "7 Sep 2026"
    assert formatting.format_date(None) == "\u2014"
    assert formatting.format_date("not a date", empty="") == ""
    assert formatting.format_date("2026-09-07T09:30") == "7 Sep 2026"
    assert formatting.format_datetime("2026-09-07T09:30") == "Mon 7 Sep 2026, 09:30"
    assert formatting.format_datetime("2026-09-07T09:30", weekday=False) == "7 Sep 2026, 09:30"
    assert formatting.format_time("2026-09-07T09:05") == "09:05"
    today = _dt.date(2026, 9, 1)
    assert formatting.format_short_datetime("2026-09-08T14:00", today=today) == "Tue 8 Sep, 14:00"
    assert formatting.format_short_datetime("2027-01-05T14:00", today=today) == "5 Jan 2027, 14:00"
    assert formatting.format_short_datetime("2026-09-08T14:00", today=today, weekday=False) == "8 Sep, 14:00"


def test_age_counts_whole_years_and_leap_days():
    assert formatting.age("1990-09-07", _dt.date(2026, 9, 6)) == 35
    assert formatting.age("1990-09-07", _dt.date(2026, 9, 7)) == 36
    assert formatting.age("2000-02-29", _dt.date(2025, 2, 28)) == 24
    assert formatting.age("2000-02-29", _dt.date(2025, 3, 1)) == 25
    assert formatting.age(None) is None and formatting.age("2030-01-01", _dt.date(2026, 1, 1)) is None
    assert formatting.format_age("2025-01-01", _dt.date(2026, 6, 1)) == "1 year"
    assert formatting.format_age(None) == ""


def test_scores_carry_their_severity_label():
    assert formatting.format_score("phq9", 14) == "PHQ-9 14 \u00b7 Moderate"
    assert formatting.format_score("phq9", 0) == "PHQ-9 0 \u00b7 Minimal"
    assert formatting.format_score("gad7", 99) == "GAD-7 99"  # out of range: no made-up band
    assert formatting.format_score("future-scale", 3) == "future-scale 3"
    assert formatting.format_score(None, None, empty="") == ""
    assert formatting.format_session_count(5, 16) == "5 of 16"


def test_settings_round_trip_through_an_ini_file(tmp_path, qapp):
    path = str(tmp_path / "ui.ini")
    settings = UiSettings(QSettings(path, QSettings.Format.IniFormat))
    assert settings.client_filter() == "active" and settings.last_tab() == "overview"
    assert settings.splitter_sizes() is None and settings.window_geometry() is None
    settings.set_window_geometry(QByteArray(b"\x01\x02geometry"))
    settings.set_splitter_sizes([420, 860])
    settings.set_client_filter("discharged")
    settings.set_last_client("client-1")
    settings.set_last_tab("timeline")
    settings.set_auto_lock_minutes(5)
    settings.sync()
    again = UiSettings(QSettings(path, QSettings.Format.IniFormat))
    assert bytes(again.window_geometry()) == b"\x01\x02geometry"
    assert again.splitter_sizes() == [420, 860]
    assert again.client_filter() == "discharged"
    assert (again.last_client(), again.last_tab()) == ("client-1", "timeline")
    assert again.auto_lock_minutes() == 5
    again.set_last_client(None)
    assert again.last_client() is None


def test_settings_survive_a_hand_edited_file(tmp_path, qapp):
    path = tmp_path / "ui.ini"
    path.write_text("[main_window]\nsplitter=wide,narrow\n[client_list]\nfilter=everyone\n"
                    "[security]\nauto_lock_minutes=soon\n", encoding="utf-8")
    settings = UiSettings(QSettings(str(path), QSettings.Format.IniFormat))
    assert settings.splitter_sizes() is None
    assert settings.client_filter() == "active"
    assert settings.auto_lock_minutes() == 10  # a garbled value falls back to the default


def _record(**episode_fields) -> ClientRecord:
    client = Client(id="c1", first_name="Ada", last_name="Example", preferred_name="Addie",
                    date_of_birth="1990-03-01", pronouns="she/her")
    sessions = tuple(Session(id=f"s{n}", number=n, scheduled_at=f"2026-09-{n:02d}T10:00",
                             status="attended" if n <= 5 else "scheduled") for n in range(1, 17))
    episode = Episode(id="e1", protocol="ipt-16", start_date="2026-09-01", sessions=sessions,
                      **episode_fields)
    return ClientRecord(client=client, episodes=(episode,))


def test_chart_header_shows_who_and_where_and_the_risk_reasons(qtbot):
    header = ChartHeader()
    qtbot.addWidget(header)
    header.show()
    today = _dt.date(2026, 9, 5)
    header.show_record(_record(), today=today)
    assert header.name_label.text() == "Ada Example (\u201cAddie\u201d)"
    details = header.detail_label.text()
    assert "36 years" in details and "she/her" in details and "5 of 16 sessions attended" in details
    assert "Middle phase" in details
    assert not header.risk_banner.isVisible()
    flagged = _record(measures=(MeasureAdministration(
        id="m1", instrument="phq9", administered_on="2026-09-05", items=(1, 1, 1, 1, 1, 1, 1, 1, 2),
        session_number=5),))
    header.show_record(flagged, today=today)
    assert header.risk_banner.isVisible()
    assert "PHQ-9 item 9 scored 2 on 5 Sep 2026" in header.risk_banner.text()
    header.show_record(None)
    assert header.name_label.text() == "" and not header.risk_banner.isVisible()
    assert readable_reason("seen on 2026-10-05") == "seen on 5 Oct 2026"


def test_unexpected_errors_are_logged_and_shown_as_a_sentence(tmp_path, qapp, monkeypatch, caplog):
    from PySide6.QtWidgets import QMessageBox

    from ipt_desktop.ui import app

    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", staticmethod(lambda parent, title, text: shown.append(text)))
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # restored after the test
    app.install_excepthook(tmp_path)
    try:
        raise RuntimeError("boom in a slot")
    except RuntimeError:
        with caplog.at_level(logging.CRITICAL):
            sys.excepthook(*sys.exc_info())
    assert "boom in a slot" in caplog.text and "Traceback" in caplog.text
    assert len(shown) == 1
    assert "boom" not in shown[0] and "Traceback" not in shown[0]
    assert str(tmp_path) in shown[0]
