"""Episodes: planning a protocol's sessions, editing episode fields, discharge."""

from __future__ import annotations

import dataclasses

import pytest

from ipt_desktop.domain.records import Discharge
from ipt_desktop.domain.validation import ValidationFailed
from ipt_desktop.services.clients import get_client_record, list_clients
from ipt_desktop.services.episodes import discharge_episode, start_episode, update_episode
from ipt_desktop.services.errors import NotFoundError


def test_start_plans_every_session_weekly_at_the_same_clock_time(practice, reopen, client):
    # 2026-03-02 + 16 weeks crosses the spring DST change: still 09:30 every week.
    episode, changes = start_episode(practice, client_id=client.id, protocol="ipt-16", start_date="2026-03-02",
                                     session_time="09:30", duration_minutes=45, diagnosis="MDD")
    assert changes.touches("sessions") and changes.client_ids == {client.id}
    stored = get_client_record(reopen(), client_id=client.id).episodes[0]
    assert stored == episode
    assert [s.number for s in stored.sessions] == list(range(1, 17))
    assert stored.sessions[0].scheduled_at == "2026-03-02T09:30"
    assert stored.sessions[5].scheduled_at == "2026-04-06T09:30"
    assert stored.sessions[15].scheduled_at == "2026-06-15T09:30"
    assert {s.duration_minutes for s in stored.sessions} == {45}
    assert {s.status for s in stored.sessions} == {"scheduled"}


@pytest.mark.parametrize("protocol, count", [("ipt-a-12", 12), ("ipt-ll-16", 16), ("ipt-b-8", 8)])
def test_session_count_follows_the_protocol(practice, client, protocol, count):
    episode, _ = start_episode(practice, client_id=client.id, protocol=protocol, start_date="2026-01-05",
                               interval_days=14)
    assert len(episode.sessions) == count
    assert episode.sessions[1].scheduled_at == "2026-01-19T09:00"


def test_start_validates_before_writing(practice, client):
    with pytest.raises(ValidationFailed) as caught:
        start_episode(practice, client_id=client.id, protocol="ipt-99", start_date="2026-13-01",
                      session_time="9am", interval_days=0)
    assert {e.path for e in caught.value.errors} == {"protocol", "start_date", "session_time", "interval_days"}
    assert get_client_record(practice, client_id=client.id).episodes == ()


def test_start_for_unknown_client(practice):
    with pytest.raises(NotFoundError):
        start_episode(practice, client_id="nobody", protocol="ipt-16", start_date="2026-01-05")


def test_update_episode_fields_persist(practice, reopen, client, episode):
    changed = dataclasses.replace(
        episode, primary_problem_area="role_dispute", secondary_problem_area="grief",
        formulation="Dispute with partner about the move.", formulation_agreed_on="2026-03-16",
        chief_complaint="Low mood")
    update_episode(practice, episode=changed)
    stored = get_client_record(reopen(), client_id=client.id).episodes[0]
    assert stored.primary_problem_area == "role_dispute" and stored.secondary_problem_area == "grief"
    assert stored.formulation == changed.formulation and stored.formulation_agreed_on == "2026-03-16"
    assert stored.sessions == episode.sessions  # children untouched


@pytest.mark.parametrize("changes, path", [
    ({"end_date": "2026-03-01"}, "end_date"),
    ({"primary_problem_area": "loneliness"}, "primary_problem_area"),
    ({"formulation_agreed_on": "tomorrow"}, "formulation_agreed_on"),
    ({"protocol": "ipt-b-8"}, "protocol"),
])
def test_update_episode_refuses_bad_values(practice, client, episode, changes, path):
    with pytest.raises(ValidationFailed) as caught:
        update_episode(practice, episode=dataclasses.replace(episode, **changes))
    assert caught.value.first.path == path
    assert get_client_record(practice, client_id=client.id).episodes[0] == episode


def test_discharge_sets_end_date_and_client_status(practice, reopen, client, episode):
    discharge = Discharge(date="2026-06-15", reason="completed", summary="Remission.",
                          warning_signs="Early waking", recommendations="Booster in 3 months")
    changes = discharge_episode(practice, episode_id=episode.id, discharge=discharge)
    assert changes.touches("episode") and changes.touches("client")
    record = get_client_record(reopen(), client_id=client.id)
    assert record.episodes[0].discharge == discharge
    assert record.episodes[0].end_date == "2026-06-15"
    assert record.client.status == "discharged"


def test_discharge_is_validated(practice, client, episode):
    with pytest.raises(ValidationFailed) as caught:
        discharge_episode(practice, episode_id=episode.id, discharge=Discharge(date="2026-01-01", reason="bored"))
    assert {e.path for e in caught.value.errors} == {"date", "reason"}
    assert list_clients(practice)[0].status == "active"


def test_new_episode_reactivates_a_discharged_client(practice, client, episode):
    discharge_episode(practice, episode_id=episode.id, discharge=Discharge(date="2026-06-15", reason="completed"))
    second, _ = start_episode(practice, client_id=client.id, protocol="ipt-b-8", start_date="2027-01-04")
    row = list_clients(practice)[0]
    assert row.status == "active" and row.episode_id == second.id and row.protocol == "ipt-b-8"
