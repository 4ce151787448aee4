"""Risk flag, task checklist and episode counts computed from a recorded episode."""

from __future__ import annotations

import dataclasses
import datetime as dt

from ipt_desktop.domain.episode_stats import (
    age_on, attendance, current_phase, current_session_number, first_attended_date,
    last_attended_date, next_session,
)
from ipt_desktop.domain.records import Discharge, Episode, MeasureAdministration
from ipt_desktop.domain.risk import episode_risk
from ipt_desktop.domain.tasks import phase_tasks


def replace_session(episode: Episode, number: int, **changes) -> Episode:
    sessions = tuple(dataclasses.replace(s, **changes) if s.number == number else s
                     for s in episode.sessions)
    return dataclasses.replace(episode, sessions=sessions)


def test_risk_uses_latest_administration_only(episode, make_phq9):
    # Item 9 was 1 at baseline but 0 since: no current flag.
    assert not episode_risk(episode).flagged
    flagged = dataclasses.replace(episode, measures=episode.measures + (
        make_phq9(10, "2026-03-16", 11, item9=2),))
    status = episode_risk(flagged)
    assert status.flagged
    assert status.reasons == ("PHQ-9 item 9 scored 2 on 2026-03-16",)


def test_risk_from_other_instrument_and_session_ideation(episode):
    hamd = MeasureAdministration("h", "hamd17", "2026-02-02", (2, 1, 1) + (0,) * 14)
    status = episode_risk(dataclasses.replace(episode, measures=episode.measures + (hamd,)))
    assert status.reasons == ("HAM-D-17 item 3 scored 1 on 2026-02-02",)
    active = replace_session(episode, 10, suicidal_ideation="active")
    assert episode_risk(active).reasons == (
        "Active suicidal ideation noted in session 10",)
    # Ideation recorded in an earlier session is superseded by the latest attended one.
    earlier = replace_session(episode, 9, suicidal_ideation="passive")
    assert not episode_risk(earlier).flagged


def test_tasks_tick_from_data(episode):
    tasks = {phase: {t.key: t.done for t in items} for phase, items in phase_tasks(episode).items()}
    assert tasks["initial"] == {"diagnosis": True, "sick_role": True, "inventory": True,
                                "formulation": True}
    assert tasks["middle"] == {"focus": True, "homework": True}
    assert tasks["termination"] == {"termination": False, "warning_signs": False,
                                    "maintenance": False}
    bare = dataclasses.replace(episode, diagnosis="  ", inventory=(), formulation_agreed_on=None,
                               sessions=tuple(dataclasses.replace(s, interventions=(), homework_assigned="",
                                                                  focus_problem_area=None)
                                              for s in episode.sessions))
    assert not any(t.done for items in phase_tasks(bare).values() for t in items)
    # Homework "assigned" in a session that did not take place does not count.
    missed = replace_session(bare, 8, homework_assigned="Diary", focus_problem_area="grief")
    assert not any(t.done for t in phase_tasks(missed)["middle"])
    ended = dataclasses.replace(bare, discharge=Discharge("2026-04-20", "completed",
                                                          warning_signs="Sleeping badly again"))
    done = {t.key: t.done for t in phase_tasks(ended)["termination"]}
    assert done == {"termination": True, "warning_signs": True, "maintenance": False}
    planned = replace_session(bare, 10, interventions=("maintenance_planning",))
    done = {t.key: t.done for t in phase_tasks(planned)["termination"]}
    assert done == {"termination": False, "warning_signs": True, "maintenance": True}


def test_attendance_and_dates(episode):
    counts = attendance(episode)
    assert (counts.attended, counts.cancelled, counts.no_show, counts.scheduled, counts.planned) == (
        8, 1, 1, 6, 16)
    assert current_session_number(episode) == 10
    assert first_attended_date(episode) == "2026-01-05"
    assert last_attended_date(episode) == "2026-03-09"
    assert next_session(episode, "2026-03-09T10:00").number == 11
    assert next_session(episode, "2026-03-16T09:00").number == 11  # at the exact minute: still next
    assert next_session(episode, "2026-04-20T09:01") is None


def test_current_phase(episode):
    assert current_phase(episode, dt.date(2026, 3, 10)).key == "middle"  # next is session 11
    assert current_phase(episode, "2026-04-13").key == "termination"  # next is session 15
    assert current_phase(episode, "2026-05-01").key == "middle"  # no future session: last attended 10
    fresh = dataclasses.replace(episode, sessions=())
    assert current_phase(fresh, "2026-01-01").key == "initial"
    ended = dataclasses.replace(episode, end_date="2026-03-09")
    assert current_phase(ended, "2026-03-09") is None


def test_age_on():
    assert age_on("1988-06-15", dt.date(2026, 6, 14)) == 37
    assert age_on("1988-06-15", "2026-06-15") == 38
    assert age_on("2008-02-29", "2026-02-28") == 17
    assert age_on("2008-02-29", "2026-03-01") == 18
    assert age_on(None, "2026-01-01") is None and age_on("15/06/1988", "2026-01-01") is None
