"""Session use cases: write a session note, move a session (optionally shifting the later ones)."""

from __future__ import annotations

from ipt_desktop.domain.protocols import parse_wall_clock, shift_times, wall_clock_delta
from ipt_desktop.domain.records import Session
from ipt_desktop.domain.validation import FieldError
from ipt_desktop.services.changes import Changes
from ipt_desktop.services.checks import require_valid, scheduled_at_errors, session_errors
from ipt_desktop.services.episodes import load_episode
from ipt_desktop.services.errors import NotFoundError
from ipt_desktop.services.practice import Practice
from ipt_desktop.store import repository


def update_session(practice: Practice, *, episode_id: str, session: Session) -> Changes:
    """Store every field of ``session`` (matched by id). The number must stay the same."""
    with practice.transaction() as tx:
        client_id, episode = load_episode(tx, episode_id)
        require_valid(session_errors(session, episode.protocol))
        stored = next((s for s in episode.sessions if s.id == session.id), None)
        if stored is None:
            raise NotFoundError("That session is not in this episode; it may have been deleted.")
        if stored.number != session.number:
            require_valid([FieldError("number", "a session's number cannot be changed")])
        repository.update_session(tx, episode_id, session)
    return Changes.of(client_id, "sessions")


def reschedule_session(practice: Practice, *, episode_id: str, number: int, scheduled_at: str,
                       shift_later: bool) -> Changes:
    """Move session ``number`` to ``scheduled_at``; with ``shift_later`` every later session that
    is still scheduled moves by the same amount (wall-clock arithmetic: DST never moves a 09:00)."""
    require_valid(scheduled_at_errors(scheduled_at))
    with practice.transaction() as tx:
        client_id, episode = load_episode(tx, episode_id)
        by_number = {s.number: s for s in episode.sessions}
        if number not in by_number:
            raise NotFoundError(f"There is no session {number} in this episode.")
        times = {number: scheduled_at}
        if shift_later:
            delta = wall_clock_delta(by_number[number].scheduled_at, scheduled_at)
            later = [s for s in episode.sessions if s.number > number and s.status == "scheduled"]
            for s, moved in zip(later, shift_times([s.scheduled_at for s in later], delta)):
                times[s.number] = moved
        parse_wall_clock(scheduled_at)  # already checked; keeps the type checker honest
        repository.reschedule_sessions(tx, episode_id, times)
    return Changes.of(client_id, "sessions")
