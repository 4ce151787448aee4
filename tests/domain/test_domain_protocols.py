"""Protocol phases, phase_of boundaries and wall-clock session planning."""

from __future__ import annotations

import datetime as dt

import pytest

from ipt_desktop.domain.interventions import INTERVENTIONS, intervention_label
from ipt_desktop.domain.problem_areas import (
    AREA_COLOURS, NO_AREA_COLOUR, PROBLEM_AREAS, area_label, dispute_stage_label,
)
from ipt_desktop.domain.protocols import (
    PROTOCOLS, get_protocol, planned_session_times, shift_times, wall_clock_delta,
)

PHASES = {
    "ipt-16": (16, "phq9", [(1, 3), (4, 14), (15, 16)]),
    "ipt-a-12": (12, "phqa", [(1, 4), (5, 8), (9, 12)]),
    "ipt-ll-16": (16, "gds15", [(1, 3), (4, 14), (15, 16)]),
    "ipt-b-8": (8, "phq9", [(1, 2), (3, 6), (7, 8)]),
}


@pytest.mark.parametrize("key", list(PHASES))
def test_phases_and_boundaries(key):
    sessions, main, ranges = PHASES[key]
    protocol = get_protocol(key)
    assert protocol.sessions == sessions
    assert protocol.main_instrument == main
    assert [(p.first, p.last) for p in protocol.phases] == ranges
    for phase, (first, last) in zip(protocol.phases, ranges):
        assert protocol.phase_of(first) is phase
        assert protocol.phase_of(last) is phase
    for outside in (0, sessions + 1):
        with pytest.raises(ValueError, match=f"1-{sessions}"):
            protocol.phase_of(outside)
    # Termination is raised explicitly before the termination phase begins.
    assert protocol.phase_of(protocol.termination_raise_session).key == "middle"


def test_protocol_names_and_headings():
    assert list(PROTOCOLS) == ["ipt-16", "ipt-a-12", "ipt-ll-16", "ipt-b-8"]
    assert [p.short_name for p in PROTOCOLS.values()] == ["IPT", "IPT-A", "IPT-LL", "IPT-B"]
    assert get_protocol("ipt-16").phases[0].heading == "Initial (sessions 1-3)"
    assert [p.label for p in get_protocol("ipt-b-8").phases] == ["Initial", "Middle", "Termination"]
    assert get_protocol("ipt-16").termination_raise_session == 12
    with pytest.raises(ValueError, match="unknown protocol 'ipt-99'.*ipt-16"):
        get_protocol("ipt-99")


def test_planned_times_keep_clock_time_across_dst_and_month_end():
    # Europe and the US change clocks in late March / early November; the string must not move.
    times = planned_session_times("2026-03-24", "09:30", 3)
    assert times == ["2026-03-24T09:30", "2026-03-31T09:30", "2026-04-07T09:30"]
    assert planned_session_times("2026-10-29", "18:00", 2, interval_days=14) == [
        "2026-10-29T18:00", "2026-11-12T18:00"]
    assert planned_session_times("2028-02-22", "08:00", 2) == ["2028-02-22T08:00", "2028-02-29T08:00"]
    assert planned_session_times("2026-12-28", "23:59", 2) == ["2026-12-28T23:59", "2027-01-04T23:59"]
    assert planned_session_times("2026-01-01", "09:00", 0) == []


@pytest.mark.parametrize("args,field", [
    (("2026-02-30", "09:00", 3), "start date"), (("2026-02-01", "9:00", 3), "session time"),
    (("2026-02-01", "25:00", 3), "session time"), (("2026-02-01", "09:00", -1), "session count"),
])
def test_planning_rejects_bad_input_naming_the_field(args, field):
    with pytest.raises(ValueError, match=field):
        planned_session_times(*args)


def test_shift_times_for_rescheduling():
    delta = wall_clock_delta("2026-03-26T09:00", "2026-03-27T11:00")
    assert delta == dt.timedelta(days=1, hours=2)
    assert shift_times(["2026-03-26T09:00", "2026-04-02T09:00"], delta) == [
        "2026-03-27T11:00", "2026-04-03T11:00"]
    with pytest.raises(ValueError, match="YYYY-MM-DDTHH:MM"):
        shift_times(["2026-03-26 09:00"], delta)


def test_problem_area_and_intervention_vocabularies():
    assert list(PROBLEM_AREAS.values()) == ["Grief", "Role disputes", "Role transitions",
                                           "Interpersonal deficits"]
    assert set(AREA_COLOURS) == set(PROBLEM_AREAS)
    colours = list(AREA_COLOURS.values()) + [NO_AREA_COLOUR]
    assert len(set(colours)) == len(colours)
    assert all(len(c) == 7 and c.startswith("#") for c in colours)
    assert area_label(None) == "\u2014" and area_label("grief") == "Grief"
    assert dispute_stage_label("impasse") == "Impasse" and dispute_stage_label(None) == "\u2014"
    assert len(INTERVENTIONS) == 13
    assert intervention_label("sick_role") == "Sick role"
    assert intervention_label("role_play") == "Role play"
