"""What a new episode's plan looks like in words (pure helpers of the new-episode dialog)."""

from __future__ import annotations

import datetime as _dt

from ipt_desktop.domain.protocols import Protocol, planned_session_times
from ipt_desktop.ui.formatting import format_date

DEFAULT_TIME = "09:00"


def protocol_description(protocol: Protocol) -> str:
    """"IPT — 16 sessions: initial 1-3, middle 4-14, termination 15-16"."""
    phases = ", ".join(f"{p.label.lower()} {p.first}-{p.last}" if p.first != p.last
                       else f"{p.label.lower()} {p.first}" for p in protocol.phases)
    return f"{protocol.short_name} \u2014 {protocol.sessions} sessions: {phases}"


def next_weekday(today: _dt.date) -> _dt.date:
    """The next working day after today (Friday -> Monday)."""
    day = today + _dt.timedelta(days=1)
    while day.weekday() >= 5:
        day += _dt.timedelta(days=1)
    return day


def plan_sentence(count: int, start: str, time: str, interval_days: int) -> str:
    """The live summary under the form; English wording is translated by the caller's tr()."""
    times = planned_session_times(start, time, count, interval_days)
    if not times:
        return ""
    rhythm = ("weekly" if interval_days == 7 else "every 2 weeks" if interval_days == 14
              else "daily" if interval_days == 1 else f"every {interval_days} days")
    return (f"{count} sessions will be planned {rhythm} from {format_date(times[0])} "
            f"to {format_date(times[-1])}, at {time}.")
