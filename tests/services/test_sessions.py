"""Session notes and rescheduling."""

from __future__ import annotations

import dataclasses

import pytest

from ipt_desktop.domain.validation import ValidationFailed
from ipt_desktop.services.clients import get_client_record
from ipt_desktop.services.errors import NotFoundError
from ipt_desktop.services.sessions import reschedule_session, update_session


def stored_sessions(practice, client):
    return get_client_record(practice, client_id=client.id).episodes[0].sessions


def test_session_note_persists(practice, reopen, client, episode):
    note = dataclasses.replace(
        episode.sessions[0], status="attended", notes="Explained the sick role. Mood linked to the move.",
        interventions=("psychoeducation", "sick_role"), focus_problem_area="role_transition",
        homework_assigned="Call Ana", suicidal_ideation="none", mood=4, risk_notes="")
    changes = update_session(practice, episode_id=episode.id, session=note)
    assert changes.touches("sessions") and changes.client_ids == {client.id}
    assert stored_sessions(reopen(), client)[0] == note


@pytest.mark.parametrize("changes, path", [
    ({"mood": 11}, "mood"),
    ({"mood": -1}, "mood"),
    ({"status": "done"}, "status"),
    ({"interventions": ("psychoeducation", "hypnosis")}, "interventions[1]"),
    ({"suicidal_ideation": "maybe"}, "suicidal_ideation"),
    ({"scheduled_at": "2026-03-02 09:30"}, "scheduled_at"),
    ({"duration_minutes": 0}, "duration_minutes"),
    ({"focus_problem_area": "work"}, "focus_problem_area"),
    ({"number": 17}, "number"),
    ({"number": 2}, "number"),
])
def test_invalid_session_is_refused_and_nothing_changes(practice, client, episode, changes, path):
    bad = dataclasses.replace(episode.sessions[0], notes="must not be stored", **changes)
    with pytest.raises(ValidationFailed) as caught:
        update_session(practice, episode_id=episode.id, session=bad)
    assert path in {e.path for e in caught.value.errors}
    assert stored_sessions(practice, client) == episode.sessions


def test_unknown_session(practice, episode):
    with pytest.raises(NotFoundError):
        update_session(practice, episode_id=episode.id,
                       session=dataclasses.replace(episode.sessions[0], id="not-there"))


def test_reschedule_one_session_only(practice, client, episode):
    reschedule_session(practice, episode_id=episode.id, number=3, scheduled_at="2026-03-17T14:00",
                       shift_later=False)
    sessions = stored_sessions(practice, client)
    assert sessions[2].scheduled_at == "2026-03-17T14:00"
    assert sessions[3].scheduled_at == episode.sessions[3].scheduled_at


def test_reschedule_shifts_later_scheduled_sessions_keeping_clock_time(practice, reopen, client, episode):
    # Session 5 was attended: it must not move. Shift session 4 by one week across the DST change.
    update_session(practice, episode_id=episode.id,
                   session=dataclasses.replace(episode.sessions[4], status="attended"))
    reschedule_session(practice, episode_id=episode.id, number=4, scheduled_at="2026-03-30T09:30",
                       shift_later=True)
    sessions = stored_sessions(reopen(), client)
    assert sessions[2].scheduled_at == "2026-03-16T09:30"  # earlier: unchanged
    assert sessions[3].scheduled_at == "2026-03-30T09:30"
    assert sessions[4].scheduled_at == episode.sessions[4].scheduled_at  # attended: unchanged
    assert sessions[5].scheduled_at == "2026-04-13T09:30"
    assert sessions[15].scheduled_at == "2026-06-22T09:30"


def test_reschedule_validates(practice, episode):
    with pytest.raises(ValidationFailed):
        reschedule_session(practice, episode_id=episode.id, number=3, scheduled_at="next week",
                           shift_later=True)
    with pytest.raises(NotFoundError):
        reschedule_session(practice, episode_id=episode.id, number=30, scheduled_at="2026-03-17T14:00",
                           shift_later=False)
