"""IPT protocols: how many sessions, which phase each session belongs to, and session planning.

Session times are local wall-clock strings ("YYYY-MM-DDTHH:MM"). Planning works on naive
datetimes on purpose: a weekly 09:00 session stays at 09:00 across a daylight-saving change,
which is what a therapist's diary means by "same time next week".
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass

PHASE_KEYS = ("initial", "middle", "termination")
PHASE_LABELS = {"initial": "Initial", "middle": "Middle", "termination": "Termination"}

_TIME_FORMAT = "%Y-%m-%dT%H:%M"


@dataclass(frozen=True, slots=True)
class Phase:
    key: str  # "initial" | "middle" | "termination"
    label: str
    first: int  # first session number in the phase (1-based, inclusive)
    last: int  # last session number in the phase (inclusive)

    @property
    def heading(self) -> str:
        if self.first == self.last:
            return f"{self.label} (session {self.first})"
        return f"{self.label} (sessions {self.first}-{self.last})"

    def __contains__(self, number: object) -> bool:
        return isinstance(number, int) and self.first <= number <= self.last


@dataclass(frozen=True, slots=True)
class Protocol:
    key: str
    name: str
    short_name: str
    population: str
    sessions: int
    phases: tuple[Phase, ...]
    # The session in which the therapist must explicitly raise the coming end of treatment.
    termination_raise_session: int
    main_instrument: str  # key of measures.INSTRUMENTS

    def phase_of(self, number: int) -> Phase:
        """The phase a session number belongs to; ValueError outside 1..sessions."""
        for phase in self.phases:
            if phase.first <= number <= phase.last:
                return phase
        raise ValueError(
            f"session number {number} is outside {self.short_name}'s sessions 1-{self.sessions}")

    def phase(self, key: str) -> Phase:
        """The phase with this key ("initial", "middle", "termination")."""
        for phase in self.phases:
            if phase.key == key:
                return phase
        raise ValueError(f"unknown phase {key!r}; expected one of {', '.join(PHASE_KEYS)}")


def _phases(initial: tuple[int, int], middle: tuple[int, int],
            termination: tuple[int, int]) -> tuple[Phase, ...]:
    return tuple(Phase(key, PHASE_LABELS[key], first, last)
                 for key, (first, last) in zip(PHASE_KEYS, (initial, middle, termination)))


# termination_raise_session: IPT treats the end of treatment as a role transition of its own
# and asks the therapist to name it explicitly two to four weeks before it happens, so the
# client has time to grieve the ending and to consolidate gains (Weissman, Markowitz & Klerman,
# "Comprehensive Guide to IPT", termination phase). We therefore prompt a few sessions BEFORE
# the termination phase starts: 4 sessions before the last one for 16-session protocols,
# 3 before for IPT-A's 12 and IPT-B's 8 (brief IPT keeps the time limit in view from session 1,
# so one explicit reminder mid-way through the middle phase is enough).
PROTOCOLS: dict[str, Protocol] = {
    "ipt-16": Protocol(
        key="ipt-16", name="Interpersonal Psychotherapy", short_name="IPT",
        population="Adults", sessions=16,
        phases=_phases((1, 3), (4, 14), (15, 16)),
        termination_raise_session=12, main_instrument="phq9"),
    "ipt-a-12": Protocol(
        key="ipt-a-12", name="Interpersonal Psychotherapy for Adolescents", short_name="IPT-A",
        population="Adolescents", sessions=12,
        phases=_phases((1, 4), (5, 8), (9, 12)),
        termination_raise_session=7, main_instrument="phqa"),
    "ipt-ll-16": Protocol(
        key="ipt-ll-16", name="Interpersonal Psychotherapy for Late Life", short_name="IPT-LL",
        population="Older adults (late life)", sessions=16,
        phases=_phases((1, 3), (4, 14), (15, 16)),
        termination_raise_session=12, main_instrument="gds15"),
    "ipt-b-8": Protocol(
        key="ipt-b-8", name="Brief Interpersonal Psychotherapy", short_name="IPT-B",
        population="Adults (brief)", sessions=8,
        phases=_phases((1, 2), (3, 6), (7, 8)),
        termination_raise_session=5, main_instrument="phq9"),
}


def get_protocol(key: str) -> Protocol:
    """The protocol for a key; ValueError naming the valid keys for an unknown one."""
    try:
        return PROTOCOLS[key]
    except (KeyError, TypeError):
        raise ValueError(
            f"unknown protocol {key!r}; expected one of {', '.join(PROTOCOLS)}") from None


def parse_wall_clock(value: str) -> _dt.datetime:
    """"YYYY-MM-DDTHH:MM" -> naive datetime; ValueError with the expected format otherwise."""
    if not isinstance(value, str) or len(value) != 16 or value[10:11] != "T":
        raise ValueError(f"expected a time as YYYY-MM-DDTHH:MM, got {value!r}")
    try:
        return _dt.datetime.strptime(value, _TIME_FORMAT)
    except ValueError:
        raise ValueError(f"expected a time as YYYY-MM-DDTHH:MM, got {value!r}") from None


def format_wall_clock(value: _dt.datetime) -> str:
    return value.strftime(_TIME_FORMAT)


def planned_session_times(start_date: str, time: str, count: int,
                          interval_days: int = 7) -> list[str]:
    """``count`` wall-clock times, the first on ``start_date`` at ``time`` ("HH:MM"), then every
    ``interval_days`` days at the same clock time (DST never moves a session)."""
    try:
        day = _dt.date.fromisoformat(start_date) if len(start_date) == 10 else None
    except (TypeError, ValueError):
        day = None
    if day is None:
        raise ValueError(f"start date: expected YYYY-MM-DD, got {start_date!r}")
    try:
        if not isinstance(time, str) or len(time) != 5:
            raise ValueError
        clock = _dt.datetime.strptime(time, "%H:%M").time()
    except ValueError:
        raise ValueError(f"session time: expected HH:MM, got {time!r}") from None
    if isinstance(count, bool) or not isinstance(count, int) or count < 0:
        raise ValueError(f"session count: expected a whole number of 0 or more, got {count!r}")
    if isinstance(interval_days, bool) or not isinstance(interval_days, int) or interval_days < 1:
        raise ValueError(f"interval: expected a whole number of days of 1 or more, got {interval_days!r}")
    first = _dt.datetime.combine(day, clock)
    return [format_wall_clock(first + _dt.timedelta(days=i * interval_days)) for i in range(count)]


def wall_clock_delta(old: str, new: str) -> _dt.timedelta:
    """How far a session moved, e.g. to shift the sessions after it by the same amount."""
    return parse_wall_clock(new) - parse_wall_clock(old)


def shift_times(times: list[str] | tuple[str, ...], delta: _dt.timedelta) -> list[str]:
    """Every wall-clock time moved by ``delta`` (plain calendar arithmetic, no time zones, so a
    one-week shift keeps 09:00 at 09:00 across a DST change)."""
    return [format_wall_clock(parse_wall_clock(t) + delta) for t in times]
