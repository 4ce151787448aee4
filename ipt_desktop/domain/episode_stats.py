"""Counts and dates about an episode that the chart header, client list and reports show."""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass

from ipt_desktop.domain.protocols import PROTOCOLS, Phase, get_protocol
from ipt_desktop.domain.records import Episode, Session


@dataclass(frozen=True, slots=True)
class Attendance:
    attended: int
    cancelled: int
    no_show: int
    scheduled: int  # still to come (or not yet marked)
    planned: int  # the protocol's number of sessions: "attended 9 of 16"

    @property
    def total(self) -> int:
        return self.attended + self.cancelled + self.no_show + self.scheduled


def attendance(episode: Episode) -> Attendance:
    """Sessions by status, with the protocol's planned count (0 for an unknown protocol)."""
    counts = {status: 0 for status in ("attended", "cancelled", "no_show", "scheduled")}
    for session in episode.sessions:
        if session.status in counts:
            counts[session.status] += 1
    protocol = PROTOCOLS.get(episode.protocol)
    return Attendance(planned=protocol.sessions if protocol else len(episode.sessions), **counts)


def attended_sessions(episode: Episode) -> list[Session]:
    """Attended sessions by time (then number)."""
    return sorted((s for s in episode.sessions if s.status == "attended"),
                  key=lambda s: (s.scheduled_at, s.number))


def current_session_number(episode: Episode) -> int:
    """The number of the last attended session (0 before the first).

    The session NUMBER, not the count of attended sessions: numbers are the protocol's slots,
    so a cancelled session 5 does not pull session 6 back into another phase's rules.
    """
    return max((s.number for s in episode.sessions if s.status == "attended"), default=0)


def phase_from_sessions(protocol_key: str, next_scheduled_number: int | None, last_attended_number: int) -> Phase:
    """The one rule for "which phase is the therapy in": the phase of the next scheduled session,
    else of the last attended one, else the initial phase.

    Shared by the chart header (from a full Episode, via current_phase) and the client list (from
    the two numbers its one summary query returns), so the two can never disagree.
    """
    protocol = get_protocol(protocol_key)
    number = next_scheduled_number if next_scheduled_number is not None else last_attended_number
    # Extra sessions beyond the protocol (e.g. maintenance) belong with termination.
    return protocol.phase_of(min(max(number, 1), protocol.sessions))


def _as_date(value: _dt.date | str) -> _dt.date:
    return _dt.date.fromisoformat(value) if isinstance(value, str) else value


def current_phase(episode: Episode, today: _dt.date | str) -> Phase | None:
    """The phase the therapy is in on ``today``: that of the next scheduled session from today,
    otherwise that of the last attended session, otherwise the initial phase. None once the
    episode has ended (end date or discharge on or before today)."""
    day = _as_date(today)
    end = episode.end_date or (episode.discharge.date if episode.discharge else None)
    if end is not None and _dt.date.fromisoformat(end) <= day:
        return None
    upcoming = [s for s in episode.sessions
                if s.status == "scheduled" and s.scheduled_at[:10] >= day.isoformat()]
    next_number = min(upcoming, key=lambda s: (s.scheduled_at, s.number)).number if upcoming else None
    return phase_from_sessions(episode.protocol, next_number, current_session_number(episode))


def next_session(episode: Episode, now: str) -> Session | None:
    """The earliest still-scheduled session at or after ``now`` ("YYYY-MM-DDTHH:MM" wall clock)."""
    upcoming = [s for s in episode.sessions if s.status == "scheduled" and s.scheduled_at >= now]
    return min(upcoming, key=lambda s: (s.scheduled_at, s.number)) if upcoming else None


def first_attended_date(episode: Episode) -> str | None:
    sessions = attended_sessions(episode)
    return sessions[0].scheduled_at[:10] if sessions else None


def last_attended_date(episode: Episode) -> str | None:
    sessions = attended_sessions(episode)
    return sessions[-1].scheduled_at[:10] if sessions else None


def age_on(date_of_birth: str | None, today: _dt.date | str) -> int | None:
    """Age in whole years on ``today``; None when the birth date is missing or not a date.
    A 29 February birthday counts from 1 March in non-leap years."""
    if not date_of_birth:
        return None
    try:
        born = _dt.date.fromisoformat(date_of_birth)
    except ValueError:
        return None
    day = _as_date(today)
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))
