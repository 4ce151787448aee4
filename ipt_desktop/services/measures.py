"""Rating-scale use cases: record an administration (scored by domain.measures), delete one."""

from __future__ import annotations

from ipt_desktop.domain.measures import score
from ipt_desktop.domain.records import MeasureAdministration
from ipt_desktop.domain.validation import FieldError, check_int_range
from ipt_desktop.services.changes import Changes
from ipt_desktop.services.checks import measure_errors, new_id, require_valid
from ipt_desktop.services.episodes import load_episode
from ipt_desktop.services.practice import Practice
from ipt_desktop.store import repository


def record_measure(practice: Practice, *, episode_id: str, instrument: str, administered_on: str, items,
                   session_number: int | None = None) -> tuple[MeasureAdministration, Changes]:
    """Store one administration with its total and risk flag (computed here, never typed in)."""
    errors = measure_errors(instrument, administered_on, items)
    check_int_range(errors, "session_number", session_number, 1, 1000, required=False)
    require_valid(errors)
    measure = MeasureAdministration(id=new_id(), instrument=instrument, administered_on=administered_on,
                                    items=tuple(items), session_number=session_number)
    result = score(instrument, measure.items)
    with practice.transaction() as tx:
        client_id, episode = load_episode(tx, episode_id)
        if session_number is not None and session_number not in {s.number for s in episode.sessions}:
            require_valid([FieldError("session_number",
                                      f"there is no session {session_number} in this episode")])
        repository.insert_measure(tx, episode_id, measure, total=result.total, risk=result.risk)
    return measure, Changes.of(client_id, "measures")


def delete_measure(practice: Practice, *, episode_id: str, measure_id: str) -> Changes:
    with practice.transaction() as tx:
        client_id, _episode = load_episode(tx, episode_id)
        repository.delete_measure(tx, episode_id, measure_id)
    return Changes.of(client_id, "measures")
