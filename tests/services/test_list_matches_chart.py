"""The client list and the chart header must tell the therapist the same thing.

The list reads one summary query; the header reads the full record. Both go through
domain.episode_stats.phase_from_sessions, and this test holds them to it on the demo practice,
which covers every protocol and phase.
"""

from __future__ import annotations

import datetime as dt

from ipt_desktop.domain.episode_stats import attendance, current_phase, phase_from_sessions
from ipt_desktop.services.clients import get_client_record, list_clients
from ipt_desktop.services.demo import add_demo_clients


def test_list_phase_and_attendance_match_the_full_record(practice) -> None:
    add_demo_clients(practice)
    today = dt.date.today()
    summaries = list_clients(practice, status="all")
    assert len(summaries) >= 6
    for summary in summaries:
        episode = get_client_record(practice, client_id=summary.id).latest_episode
        assert summary.sessions_attended == attendance(episode).attended, summary.full_name
        if summary.status != "active":
            continue
        listed = phase_from_sessions(summary.protocol, summary.next_session_number,
                                     summary.last_attended_number)
        charted = current_phase(episode, today)
        assert charted is not None, summary.full_name
        assert listed.key == charted.key, f"{summary.full_name}: list {listed.key}, chart {charted.key}"


def test_rows_for_some_clients_equal_those_of_the_full_list(practice) -> None:
    add_demo_clients(practice)
    full = list_clients(practice, status="all")
    some_ids = [full[0].id, full[3].id, full[-1].id]
    some = list_clients(practice, status="all", client_ids=some_ids)
    assert [s.id for s in some] == [s.id for s in full if s.id in some_ids]
    assert some == [s for s in full if s.id in some_ids]
    assert list_clients(practice, status="all", client_ids=[]) == []
    assert list_clients(practice, status="discharged", client_ids=some_ids) == [
        s for s in full if s.id in some_ids and s.status == "discharged"]
