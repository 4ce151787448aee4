"""Helpers for driving the form dialogs (the ``ctx`` fixture comes from tests/ui/conftest.py)."""

from __future__ import annotations

import pytest

from ipt_desktop.services import clients as client_service


@pytest.fixture
def client(ctx):
    """A fictional client with no episode yet."""
    created, _ = client_service.create_client(
        ctx.practice, first_name="Robin", last_name="Example", date_of_birth="1988-04-12",
        pronouns="they/them")
    return created


@pytest.fixture
def treated_record(ctx, client):
    """The client one course in: 3 sessions attended, 1 cancelled, PHQ-9 from 18 to 8."""
    import dataclasses

    from ipt_desktop.services import episodes, measures, sessions

    episode, _ = episodes.start_episode(ctx.practice, client_id=client.id, protocol="ipt-16",
                                        start_date="2026-09-07", diagnosis="Major depressive disorder")
    by_number = {s.number: s for s in episode.sessions}
    for number, status in ((1, "attended"), (2, "attended"), (3, "cancelled"), (4, "attended")):
        sessions.update_session(ctx.practice, episode_id=episode.id,
                                session=dataclasses.replace(by_number[number], status=status))
    measures.record_measure(ctx.practice, episode_id=episode.id, instrument="phq9",
                            administered_on="2026-09-07", items=(2, 2, 2, 2, 2, 2, 2, 2, 2), session_number=1)
    measures.record_measure(ctx.practice, episode_id=episode.id, instrument="phq9",
                            administered_on="2026-09-28", items=(1, 1, 1, 1, 1, 1, 1, 1, 0), session_number=4)
    episodes.update_episode(ctx.practice, episode=dataclasses.replace(
        episode, primary_problem_area="role_transition"))
    return client_service.get_client_record(ctx.practice, client_id=client.id)
