"""Small builders shared by the demo clients: relative dates, sessions, item lists."""

from __future__ import annotations

import datetime as _dt
from typing import Any

from ipt_desktop.domain.measures import get_instrument


def day(today: _dt.date, weeks: int, days: int = 0) -> str:
    """ISO date ``weeks`` weeks (and ``days`` days) before today (negative = in the future)."""
    return (today - _dt.timedelta(weeks=weeks, days=days)).isoformat()


def at(date_iso: str, clock: str) -> str:
    return f"{date_iso}T{clock}"


def items_for(instrument: str, total: int, fixed: dict[int, int] | None = None) -> list[int]:
    """Item scores that add up to ``total``: the ``fixed`` (1-based item -> score) first, the rest
    spread evenly so the pattern looks like a real form rather than all-max then zeros. Risk items
    (e.g. PHQ-9 item 9) stay 0 unless fixed, so only the client meant to be flagged is."""
    spec = get_instrument(instrument)
    fixed = fixed or {}
    items = [0] * spec.item_count
    for number, value in fixed.items():
        items[number - 1] = value
    remaining = total - sum(fixed.values())
    free = [i for i in range(spec.item_count) if (i + 1) not in fixed and (i + 1) not in spec.risk_items]
    while remaining > 0:
        progressed = False
        for i in free:
            if remaining and items[i] < spec.item_max[i]:
                items[i] += 1
                remaining -= 1
                progressed = True
        if not progressed:
            raise ValueError(f"{instrument}: total {total} does not fit")
    return items


def session(number: int, scheduled_at: str, *, status: str = "attended", notes: str = "",
            interventions: tuple[str, ...] = (), focus: str | None = None, homework: str = "",
            review: str = "", ideation: str | None = "none", risk_notes: str = "", mood: int | None = None,
            duration: int = 50) -> dict[str, Any]:
    attended = status == "attended"
    return {
        "number": number, "scheduled_at": scheduled_at, "duration_minutes": duration, "status": status,
        "focus_problem_area": focus, "notes": notes, "interventions": list(interventions),
        "homework_assigned": homework, "homework_review": review,
        "suicidal_ideation": ideation if attended else None, "risk_notes": risk_notes,
        "mood": mood if attended else None,
    }


def planned(first: int, last: int, start: str, clock: str, *, duration: int = 50) -> list[dict[str, Any]]:
    """Future sessions ``first..last``, weekly from session 1 on ``start``."""
    base = _dt.date.fromisoformat(start)
    return [session(n, at((base + _dt.timedelta(weeks=n - 1)).isoformat(), clock), status="scheduled",
                    duration=duration) for n in range(first, last + 1)]


def week_of(start: str, number: int) -> str:
    """The date of weekly session ``number`` counted from session 1 on ``start``."""
    return (_dt.date.fromisoformat(start) + _dt.timedelta(weeks=number - 1)).isoformat()


def person(name: str, relationship: str, closeness: int, *, contact: str = "", positives: str = "",
           negatives: str = "", expectations: str = "", desired_changes: str = "", area: str | None = None,
           stage: str | None = None, deceased: bool = False, notes: str = "") -> dict[str, Any]:
    return {"name": name, "relationship": relationship, "closeness": closeness, "contact": contact,
            "positives": positives, "negatives": negatives, "expectations": expectations,
            "desired_changes": desired_changes, "problem_area": area, "dispute_stage": stage,
            "deceased": deceased, "notes": notes}


def measure(instrument: str, on: str, items: list[int], session_number: int | None) -> dict[str, Any]:
    return {"instrument": instrument, "administered_on": on, "session_number": session_number,
            "items": items}


def document(client: dict[str, Any], episodes: list[dict[str, Any]]) -> dict[str, Any]:
    return {"format": "ipt-desktop/client", "format_version": 1, "client": client, "episodes": episodes}
